import { spawnSync } from 'node:child_process';
import { InfrastructureSetupError } from '../infrastructure-setup.error';

/**
 * The operating-system account the embedded server runs as. PostgreSQL refuses to run as root,
 * so root runs it as the `postgres` account (made when missing); anyone else runs it as
 * themselves.
 */
export interface PostgresAccount {
  /** Absent when the server runs as the invoking user. */
  ids?: { uid: number; gid: number };
  /** Whether this account can run the program, or enter the folder, at `path` (every folder above it included). */
  canReach(path: string): boolean;
}

const NAME = 'postgres';

export function postgresAccount(): PostgresAccount {
  if (process.getuid?.() !== 0) return { canReach: () => true };
  const ids = existingIds() ?? createAccount();
  return { ids, canReach: (target) => spawnSync('test', ['-x', target], { ...ids }).status === 0 };
}

function existingIds(): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', NAME], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', NAME], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function createAccount(): { uid: number; gid: number } {
  const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', NAME], { encoding: 'utf8' });
  const ids = existingIds();
  if (made.status !== 0 || !ids) {
    throw new InfrastructureSetupError(
      `PostgreSQL cannot run as root and the "${NAME}" account could not be made (useradd: ${
        (made.stderr || made.error?.message || 'failed').trim()
      }): create it, run as another user, or set DATABASE_URL`,
    );
  }
  return ids;
}
