/**
 * The console's built files, made when missing or older than its sources, so `npm start` and
 * the browser tests always serve the console as it is in the work tree.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const CONSOLE_DIST = path.join(ROOT, 'dist', 'apps', 'console');
const SOURCES = ['apps/console/src', 'apps/console/index.html', 'apps/console/vite.config.mts', 'libs/contracts/src', 'libs/access-policy/src', 'package-lock.json'];

export function buildConsoleIfStale(log: (line: string) => void): void {
  const built = path.join(CONSOLE_DIST, 'index.html');
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestSource()) return;
  log('building the console (vite)…');
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'nx'), ['run', 'console:build', '--skip-nx-cache', '--outputStyle=stream'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  if (result.status !== 0) throw new Error(`building the console failed:\n${result.stdout.toString().slice(-2_000)}`);
}

function newestSource(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const source of SOURCES) visit(path.join(ROOT, source));
  return newest;
}
