import { buildServices } from '@faultline/local-infra';
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The production build (what `npm start` and the image run) loads only what the image installs:
 * the package's `dependencies`, never a devDependency, and nothing from the sources.
 */
const ROOT = path.resolve(__dirname, '../../..');
const BUILDS = ['errors', 'assignment', 'identity', 'notifications', 'console-gateway'];
const { dependencies } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

function requiredPackages(folder: string): Set<string> {
  const found = new Set<string>();
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const code = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const [, specifier] of code.matchAll(/require\("([^"]+)"\)/g)) {
      if (!specifier.startsWith('.') && !isBuiltin(specifier)) found.add(packageOf(specifier));
    }
  }
  return found;
}

describe('the production build', () => {
  beforeAll(() => buildServices(() => undefined), 120_000);

  it.each(BUILDS)('%s requires production dependencies only, and no TypeScript', (build) => {
    const folder = path.join(ROOT, 'dist', 'apps', build);
    const packages = [...requiredPackages(folder)];
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((name) => !(name in dependencies))).toEqual([]);
    const typescript = fs.readdirSync(folder, { recursive: true }).filter((file) => String(file).endsWith('.ts'));
    expect(typescript).toEqual([]);
  });
});
