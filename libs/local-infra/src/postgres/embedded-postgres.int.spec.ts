import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../free-port';
import { InfrastructureSetupError } from '../infrastructure-setup.error';
import type { RunningService } from '../running-service';
import { startEmbeddedPostgres } from './embedded-postgres';
import { packagedBinaries, PostgresBinaries, SHARED_BINARIES_DIR } from './postgres-binaries';

const asRoot = process.getuid?.() === 0;

async function query(server: RunningService, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A clone in a folder only its owner may enter, as under /root or from `mktemp -d`. */
describe('the embedded PostgreSQL in a folder other users cannot enter', () => {
  const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-closed-'));
  const dataDir = path.join(closed, 'clone', '.data');
  // Its own version label, so the copy for the server account is made by this test, not found.
  const binaries: PostgresBinaries = { home: path.join(closed, 'clone', 'native'), version: `test-${process.pid}` };
  const log: string[] = [];

  beforeAll(() => {
    fs.chmodSync(closed, 0o700);
    fs.cpSync(packagedBinaries().home, binaries.home, { recursive: true, verbatimSymlinks: true });
  });

  afterAll(() => {
    const cluster = path.join(dataDir, 'postgres');
    if (fs.lstatSync(cluster, { throwIfNoEntry: false })?.isSymbolicLink()) {
      fs.rmSync(fs.readlinkSync(cluster), { recursive: true, force: true });
    }
    fs.rmSync(path.join(SHARED_BINARIES_DIR, `postgres-${binaries.version}`), { recursive: true, force: true });
    fs.rmSync(closed, { recursive: true, force: true });
  });

  it('initialises, serves, and keeps its data across a restart', async () => {
    const options = { dataDir, binaries, port: await freePort(), log: (line: string) => log.push(line) };
    const first = await startEmbeddedPostgres(options);
    try {
      await query(first, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres(options);
    try {
      expect(await query(second, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
      expect(await query(second, 'SHOW server_encoding')).toEqual([{ server_encoding: 'UTF8' }]);
    } finally {
      await second.stop();
    }
    const cluster = fs.lstatSync(path.join(dataDir, 'postgres'));
    // Root's server account cannot enter the clone: the cluster lives elsewhere, linked from it.
    expect(cluster.isSymbolicLink()).toBe(asRoot);
    expect(log.some((line) => line.includes('closed to the "postgres" account'))).toBe(asRoot);
  });

  (asRoot ? it : it.skip)('says in one line what to do when an existing cluster is out of reach', async () => {
    const stranded = path.join(closed, 'other', '.data');
    fs.mkdirSync(path.join(stranded, 'postgres'), { recursive: true });
    const started = startEmbeddedPostgres({ dataDir: stranded, binaries, port: await freePort(), log: () => undefined });
    await expect(started).rejects.toThrow(InfrastructureSetupError);
    await expect(started).rejects.toThrow(/delete .*postgres to start over/);
  });
});
