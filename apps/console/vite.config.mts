import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

// The console loads two libraries in the browser: the API schemas and the access policy (both plain TypeScript).
export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    alias: {
      '@faultline/contracts/browser': path.resolve(here, '../../libs/contracts/src/browser.ts'),
      '@faultline/access-policy': path.resolve(here, '../../libs/access-policy/src/index.ts'),
    },
  },
  build: {
    outDir: path.resolve(here, '../../dist/apps/console'),
    emptyOutDir: true,
    sourcemap: true,
    // One bundle of about 240 kB gzipped, loaded once and cached for good (hashed names).
    chunkSizeWarningLimit: 1_000,
  },
  server: { port: 4200 },
});
