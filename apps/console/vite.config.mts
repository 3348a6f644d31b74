import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

// The console loads two libraries in the browser: the API schemas and the access policy (both plain TypeScript).
export default defineConfig({
  root: __dirname,
  plugins: [react()],
  resolve: {
    alias: {
      '@faultline/contracts/browser': path.resolve(__dirname, '../../libs/contracts/src/browser.ts'),
      '@faultline/access-policy': path.resolve(__dirname, '../../libs/access-policy/src/index.ts'),
    },
  },
  build: { outDir: path.resolve(__dirname, '../../dist/apps/console'), emptyOutDir: true, sourcemap: true },
  server: { port: 4200 },
});
