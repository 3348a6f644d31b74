import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets for the local system: JWT_SECRET, INTERNAL_API_KEY and INVITATION_LINK_KEY from the environment when set,
 * otherwise made once and kept in the data folder, so tokens survive a restart.
 */
export function devSecrets(dataDir: string): { JWT_SECRET: string; INTERNAL_API_KEY: string; INVITATION_LINK_KEY: string } {
  const file = path.join(dataDir, 'secrets.json');
  const kept = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const secrets = {
    JWT_SECRET: process.env.JWT_SECRET ?? kept.JWT_SECRET ?? randomBytes(32).toString('base64url'),
    INTERNAL_API_KEY: process.env.INTERNAL_API_KEY ?? kept.INTERNAL_API_KEY ?? randomBytes(24).toString('base64url'),
    INVITATION_LINK_KEY: process.env.INVITATION_LINK_KEY ?? kept.INVITATION_LINK_KEY ?? randomBytes(32).toString('base64url'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
