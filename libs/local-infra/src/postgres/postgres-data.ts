import fs from 'node:fs';
import path from 'node:path';
import { InfrastructureSetupError } from '../infrastructure-setup.error';
import { PostgresAccount } from './postgres-account';

/** Where root keeps a cluster whose data folder the server account cannot reach. */
export const SHARED_DATA_DIR = '/var/lib/faultline';

/**
 * The cluster's folder: `<dataDir>/postgres`, owned by the server account. When that account
 * cannot reach `dataDir` (a clone other users cannot enter), the cluster lives under
 * /var/lib/faultline and `<dataDir>/postgres` links to it, so deleting `dataDir` still starts
 * over.
 */
export function databaseDirFor(account: PostgresAccount, dataDir: string, log: (line: string) => void): string {
  const inPlace = path.join(dataDir, 'postgres');
  if (!account.ids) return inPlace;
  // The server account only passes through root's own data folder; what it holds stays root's.
  fs.chmodSync(dataDir, 0o755);
  const found = fs.lstatSync(inPlace, { throwIfNoEntry: false });
  if (found?.isSymbolicLink()) return ownedBy(account, fs.readlinkSync(inPlace));
  if (found) {
    if (account.canReach(inPlace)) return inPlace;
    throw new InfrastructureSetupError(
      `PostgreSQL's data in ${inPlace} is out of the "postgres" account's reach (a folder above it is closed to other users): move the clone, or delete ${inPlace} to start over`,
    );
  }
  if (account.canReach(dataDir)) return ownedBy(account, inPlace);
  fs.mkdirSync(SHARED_DATA_DIR, { recursive: true, mode: 0o755 });
  fs.chmodSync(SHARED_DATA_DIR, 0o755);
  const elsewhere = fs.mkdtempSync(path.join(SHARED_DATA_DIR, 'postgres-'));
  fs.symlinkSync(elsewhere, inPlace);
  log(`postgres: ${dataDir} is closed to the "postgres" account, so the cluster lives in ${elsewhere} (linked from ${inPlace})`);
  return ownedBy(account, elsewhere);
}

function ownedBy(account: PostgresAccount, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  if (account.ids) fs.chownSync(dir, account.ids.uid, account.ids.gid);
  fs.chmodSync(dir, 0o700);
  return dir;
}
