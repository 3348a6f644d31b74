import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface ServiceProcess {
  service: string;
  child: ChildProcess;
  baseUrl: string;
  /** Resolves when `GET /health` answers 200; rejects if the process exits first. */
  healthy(timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait; `kill()` is the crash. */
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/**
 * How a process runs: from its TypeScript sources (tests, development) or as `nx run <app>:build`
 * compiled it to `dist/apps/` (`npm start`, the image), with no compiler loaded.
 */
export type ProcessRuntime = 'sources' | 'built';

/** Where each process's entry is, from the repository's root, without its extension. */
const ENTRIES: Record<string, { entry: string; build: string }> = {
  console: { entry: 'apps/console/gateway/main', build: 'console-gateway' },
};
const entryOf = (name: string) => ENTRIES[name] ?? { entry: `apps/${name}/src/main`, build: name };

/**
 * How every service's V8 manages its memory, here and in the Dockerfile alike. By default V8
 * lets the heap grow up to four times what survived the last full collection before collecting
 * again, so the errors service, which keeps about 50 MB alive, peaked at 310 MB resident under
 * ingest; a factor of two and 8 MB young semi-spaces keep it near 200 MB for about a tenth more
 * CPU (docs/benchmarks.md). Options given after these (e.g. the bench's `--node-option=`) win.
 */
export const SERVICE_V8_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=100'];

function nodeArguments(name: string, runtime: ProcessRuntime): string[] {
  const { entry, build } = entryOf(name);
  if (runtime === 'built') return ['--enable-source-maps', path.join(ROOT, 'dist', 'apps', build, `${entry}.js`)];
  return ['-r', '@swc-node/register', path.join(ROOT, `${entry}.ts`)];
}

/** The Nx targets that build the four services and the console's gateway for the `built` runtime. */
export const SERVICE_BUILD_TARGETS = [
  { name: 'services build', args: ['run-many', '-t', 'build', '-p', 'errors,assignment,identity,notifications'] },
  { name: 'console gateway build', args: ['run', 'console:build-gateway'] },
];

/**
 * Says the services are built already (`npm test` builds them once, before its projects run side
 * by side): a build started by one test project would otherwise replace the files another
 * project's services are starting from.
 */
export const SERVICES_BUILT = 'FAULTLINE_SERVICES_BUILT';

/**
 * Builds the four services and the console's gateway for the `built` runtime through Nx, which
 * skips what its cache holds (`nx run <app>:build`, `console:build-gateway`).
 */
export function buildServices(log: (line: string) => void): void {
  if (process.env[SERVICES_BUILT] === 'true') return;
  log('building the services (nx, cached)…');
  for (const target of SERVICE_BUILD_TARGETS) {
    const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'nx'), [...target.args, '--outputStyle=stream'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    if (result.status !== 0) throw new Error(`building the services failed:\n${(result.stdout.toString() + result.stderr.toString()).slice(-2_000)}`);
  }
}

/** Runs one service (or the console's gateway) in its own process. */
export function startServiceProcess(
  service: string,
  options: { env: NodeJS.ProcessEnv; httpPort: number; onOutput?: (line: string) => void; runtime?: ProcessRuntime; nodeOptions?: string[] },
): ServiceProcess {
  const child = spawn(process.execPath, [...SERVICE_V8_FLAGS, ...(options.nodeOptions ?? []), ...nodeArguments(service, options.runtime ?? 'sources')], {
    cwd: ROOT,
    env: { ...options.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString()).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.onOutput?.(line);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${options.httpPort}`;
  const terminate = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    service,
    child,
    baseUrl,
    healthy: (timeoutMs = 60_000) => waitForHealth(baseUrl, child, timeoutMs),
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
  };
}

/** The web console's gateway in its own process: the built pages and the services behind one origin. */
export function startConsoleProcess(options: {
  httpPort: number;
  staticDir: string;
  upstreams: Record<string, string>;
  onOutput?: (line: string) => void;
  runtime?: ProcessRuntime;
}): ServiceProcess {
  return startServiceProcess('console', {
    httpPort: options.httpPort,
    env: {
      ...process.env,
      CONSOLE_HTTP_PORT: String(options.httpPort),
      CONSOLE_STATIC_DIR: options.staticDir,
      ...Object.fromEntries(Object.entries(options.upstreams).map(([service, url]) => [`${service.toUpperCase()}_URL`, url])),
    },
    onOutput: options.onOutput,
    runtime: options.runtime,
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`process exited (code ${child.exitCode}, signal ${child.signalCode}) before it was healthy`);
    }
    const ok = await fetch(`${baseUrl}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not healthy within ${timeoutMs} ms`);
}
