/**
 * Builds services to JavaScript for production: `node -r @swc-node/register tools/build-service.ts
 * <app>…` (each app's Nx `build` target runs it, cached). An app's output,
 * `dist/apps/<app>/`, holds its sources and the libraries' compiled with the same tree (path
 * aliases rewritten to relative paths, decorator metadata kept for Nest), and their non-code
 * files; it runs with `node dist/apps/<app>/<entry>.js` and production dependencies only.
 */
import { transformFile, type Options } from '@swc/core';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Where each app's code is, and its entry; the libraries every service may load at run time. */
export const BUILDS: Record<string, { sources: string; entry: string }> = {
  errors: { sources: 'apps/errors/src', entry: 'apps/errors/src/main' },
  assignment: { sources: 'apps/assignment/src', entry: 'apps/assignment/src/main' },
  identity: { sources: 'apps/identity/src', entry: 'apps/identity/src/main' },
  notifications: { sources: 'apps/notifications/src', entry: 'apps/notifications/src/main' },
  'console-gateway': { sources: 'apps/console/gateway', entry: 'apps/console/gateway/main' },
};
const RUNTIME_LIBRARIES = ['access', 'access-policy', 'contracts', 'errors-filter', 'eventing', 'platform'].map((lib) => `libs/${lib}/src`);
// Tests, and the published contract documents' generator (run by `npm run contracts:refresh`).
const NOT_SHIPPED = /(\.spec\.ts|\.d\.ts)$|(^|\/)(test-support|__fixtures__)(\/|$)|^libs\/contracts\/src\/published\//;

function swcOptions(): Options {
  const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8'));
  return {
    swcrc: false,
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      baseUrl: ROOT,
      paths: compilerOptions.paths,
      keepClassNames: true,
    },
  };
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !NOT_SHIPPED.test(file));
}

async function build(app: string): Promise<number> {
  const target = path.join(ROOT, 'dist', 'apps', app);
  fs.rmSync(target, { recursive: true, force: true });
  const options = swcOptions();
  const files = [BUILDS[app].sources, ...RUNTIME_LIBRARIES].flatMap(filesUnder);
  await Promise.all(
    files.map(async (file) => {
      const out = path.join(target, file.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      if (!file.endsWith('.ts')) return fs.copyFileSync(path.join(ROOT, file), out);
      const { code, map } = await transformFile(path.join(ROOT, file), { ...options, filename: path.join(ROOT, file), outputPath: out });
      fs.writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
      if (map) fs.writeFileSync(`${out}.map`, map);
    }),
  );
  return files.length;
}

async function main(apps: string[]): Promise<void> {
  const unknown = apps.filter((app) => !BUILDS[app]);
  if (apps.length === 0 || unknown.length > 0) throw new Error(`name the apps to build, of: ${Object.keys(BUILDS).join(', ')}`);
  for (const app of apps) process.stdout.write(`built ${app}: ${await build(app)} files in dist/apps/${app}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`build failed: ${error.message}\n`);
    process.exit(1);
  });
}
