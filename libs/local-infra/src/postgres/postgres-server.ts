import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PostgresAccount } from './postgres-account';
import { PostgresBinaries } from './postgres-binaries';

export interface Cluster {
  binaries: PostgresBinaries;
  account: PostgresAccount;
  databaseDir: string;
}

const STOP_GRACE_MS = 15_000;

/** Makes a new cluster: UTF-8, the C locale, and one password-protected superuser. */
export async function initialiseCluster(cluster: Cluster, superuser: { user: string; password: string }): Promise<void> {
  const passwordFile = path.join(path.dirname(cluster.databaseDir), `.pg-password-${process.pid}`);
  fs.writeFileSync(passwordFile, `${superuser.password}\n`, { mode: 0o600 });
  if (cluster.account.ids) fs.chownSync(passwordFile, cluster.account.ids.uid, cluster.account.ids.gid);
  try {
    const initdb = run(cluster, 'initdb', [
      `--pgdata=${cluster.databaseDir}`,
      `--username=${superuser.user}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
    ]);
    const output = collect(initdb);
    const code = await new Promise<number | null>((resolve) => initdb.once('close', resolve));
    if (code !== 0) throw new Error(`PostgreSQL's initdb failed (exit ${code}): ${lastLines(output())}`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

/** Starts the server on loopback only, and answers once it accepts connections. */
export async function startServer(
  cluster: Cluster,
  port: number,
  flags: string[],
  log: (line: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const server = run(cluster, 'postgres', [
    '-D', cluster.databaseDir,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    ...flags,
  ]);
  const output = collect(server);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  // A server left behind by a crashed parent would hold the port and the data folder.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  await new Promise<void>((resolve, reject) => {
    const ready = (chunk: Buffer) => {
      if (!chunk.toString().includes('ready to accept connections')) return;
      server.stderr?.off('data', ready);
      resolve();
    };
    server.stderr?.on('data', ready);
    void exited.then(() => reject(new Error(`PostgreSQL did not start: ${lastLines(output())}`)));
  });
  let stopping = false;
  void exited.then(() => stopping || log(`postgres exited unexpectedly: ${lastLines(output())}`));
  return {
    stop: async () => {
      stopping = true;
      process.off('exit', stopOnExit);
      if (server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGINT');
      const forced = setTimeout(() => server.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(forced);
    },
  };
}

function run(cluster: Cluster, program: 'initdb' | 'postgres', args: string[]): ChildProcess {
  return spawn(path.join(cluster.binaries.home, 'bin', program), args, {
    ...cluster.account.ids,
    cwd: path.dirname(cluster.databaseDir),
    // The server's readiness is read from its log, so its messages must be in English.
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): () => string {
  let text = '';
  const add = (chunk: Buffer) => (text = (text + chunk.toString()).slice(-8_000));
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

function lastLines(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.slice(-3).join(' | ') || 'no output';
}
