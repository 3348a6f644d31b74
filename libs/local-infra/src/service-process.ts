import { ChildProcess, spawn } from 'node:child_process';
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

/** Runs one service from its TypeScript sources in its own process (`entry`: its main file, if not src/main.ts). */
export function startServiceProcess(
  service: string,
  options: { env: NodeJS.ProcessEnv; httpPort: number; onOutput?: (line: string) => void; entry?: string },
): ServiceProcess {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(ROOT, options.entry ?? path.join('apps', service, 'src', 'main.ts'))],
    {
      cwd: ROOT,
      env: { ...options.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
export function startConsoleProcess(options: { httpPort: number; staticDir: string; upstreams: Record<string, string>; onOutput?: (line: string) => void }): ServiceProcess {
  return startServiceProcess('console', {
    entry: path.join('apps', 'console', 'gateway', 'main.ts'),
    httpPort: options.httpPort,
    env: {
      ...process.env,
      CONSOLE_HTTP_PORT: String(options.httpPort),
      CONSOLE_STATIC_DIR: options.staticDir,
      ...Object.fromEntries(Object.entries(options.upstreams).map(([service, url]) => [`${service.toUpperCase()}_URL`, url])),
    },
    onOutput: options.onOutput,
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
