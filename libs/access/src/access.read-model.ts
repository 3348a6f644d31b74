import type { AccessLevel, AccountView, Plan, Role, UserView } from '@faultline/access-policy';
import type { IdentityEventV1 } from '@faultline/contracts';
import type { EntityManager } from 'typeorm';

export type AccessUserStatus = 'invited' | 'active' | 'revoked' | 'deactivated';

export interface AccessUser extends UserView {
  email: string;
  name: string | null;
}

/**
 * Applies identity's published events to the local tables. Every statement sets state rather
 * than adding to it, so the order within an account (one partition) is all that matters.
 */
export async function applyIdentityEvent(manager: EntityManager, event: IdentityEventV1): Promise<void> {
  switch (event.type) {
    case 'AccountCreated': {
      const { accountId, plan, invitationsEnabled, ownerUserId, ownerEmail, ownerName } = event.data;
      await manager.query(
        `INSERT INTO access_accounts (account_id, plan, invitations_enabled) VALUES ($1, $2, $3)
         ON CONFLICT (account_id) DO UPDATE SET plan = $2, invitations_enabled = $3`,
        [accountId, plan, invitationsEnabled],
      );
      await upsertUser(manager, { userId: ownerUserId, accountId, email: ownerEmail, name: ownerName, role: 'owner', status: 'active', access: {} });
      return;
    }
    case 'AccountPlanChanged':
      await manager.query('UPDATE access_accounts SET plan = $2 WHERE account_id = $1', [event.data.accountId, event.data.plan]);
      return;
    case 'AccountSettingsChanged':
      await manager.query('UPDATE access_accounts SET invitations_enabled = $2 WHERE account_id = $1', [
        event.data.accountId,
        event.data.invitationsEnabled,
      ]);
      return;
    case 'UserInvited': {
      const { userId, email, role, access } = event.data;
      await upsertUser(manager, { userId, accountId: event.accountId, email, name: null, role, status: 'invited', access });
      return;
    }
    case 'InvitationAccepted': {
      const { userId, email, name, role, access } = event.data;
      await upsertUser(manager, { userId, accountId: event.accountId, email, name, role, status: 'active', access });
      return;
    }
    case 'InvitationRevoked':
      await manager.query(`UPDATE access_users SET status = 'revoked' WHERE user_id = $1`, [event.data.userId]);
      return;
    case 'UserRoleChanged':
      await manager.query('UPDATE access_users SET role = $2 WHERE user_id = $1', [event.data.userId, event.data.role]);
      return;
    case 'UserDeactivated':
      await manager.query(`UPDATE access_users SET status = 'deactivated' WHERE user_id = $1`, [event.data.userId]);
      return;
    case 'UserReactivated':
      await manager.query(`UPDATE access_users SET status = 'active' WHERE user_id = $1`, [event.data.userId]);
      return;
    case 'IntegrationAccessChanged': {
      const { userId, integrationId, level } = event.data;
      if (level === null) {
        await manager.query('UPDATE access_users SET access = access - $2::text WHERE user_id = $1', [userId, integrationId]);
      } else {
        await manager.query('UPDATE access_users SET access = access || jsonb_build_object($2::text, $3::text) WHERE user_id = $1', [
          userId,
          integrationId,
          level,
        ]);
      }
      return;
    }
    case 'ApiTokenCreated': {
      const { tokenId, name, scope, expiresAt, tokenHash } = event.data;
      await manager.query(
        `INSERT INTO access_api_tokens (token_hash, token_id, account_id, name, scope, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (token_hash) DO NOTHING`,
        [tokenHash, tokenId, event.accountId, name, scope, expiresAt],
      );
      return;
    }
    case 'ApiTokenRevoked':
      await manager.query('UPDATE access_api_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE token_id = $1', [event.data.tokenId, event.occurredAt]);
      return;
    default: {
      const unknown: never = event;
      throw new Error(`unhandled identity event ${JSON.stringify(unknown)}`);
    }
  }
}

async function upsertUser(
  manager: EntityManager,
  user: { userId: string; accountId: string; email: string; name: string | null; role: Role; status: AccessUserStatus; access: Record<string, AccessLevel> },
): Promise<void> {
  await manager.query(
    `INSERT INTO access_users (user_id, account_id, email, name, role, status, access) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (user_id) DO UPDATE SET email = $3, name = coalesce($4, access_users.name), role = $5, status = $6, access = $7`,
    [user.userId, user.accountId, user.email, user.name, user.role, user.status, JSON.stringify(user.access)],
  );
}

/** Reads of the local model, in the access policy's terms. */
export async function accountView(manager: EntityManager, accountId: string): Promise<AccountView | undefined> {
  const rows: Array<{ account_id: string; plan: Plan; invitations_enabled: boolean }> = await manager.query(
    'SELECT * FROM access_accounts WHERE account_id = $1',
    [accountId],
  );
  return rows[0] && { accountId: rows[0].account_id, plan: rows[0].plan, invitationsEnabled: rows[0].invitations_enabled };
}

type AccessUserRow = { user_id: string; account_id: string; email: string; name: string | null; role: Role; status: AccessUserStatus; access: Record<string, AccessLevel> };

export async function accessUser(manager: EntityManager, userId: string): Promise<AccessUser | undefined> {
  const rows: AccessUserRow[] = await manager.query('SELECT * FROM access_users WHERE user_id = $1', [userId]);
  return toAccessUser(rows[0]);
}

/** The account's user with this email (case-insensitively), active, invited or revoked. */
export async function accessUserByEmail(manager: EntityManager, accountId: string, email: string): Promise<AccessUser | undefined> {
  const rows: AccessUserRow[] = await manager.query("SELECT * FROM access_users WHERE account_id = $1 AND lower(email) = lower($2) ORDER BY status = 'revoked' LIMIT 1", [accountId, email]);
  return toAccessUser(rows[0]);
}

function toAccessUser(row: AccessUserRow | undefined): AccessUser | undefined {
  return (
    row && {
      userId: row.user_id,
      accountId: row.account_id,
      email: row.email,
      name: row.name,
      role: row.role,
      status: row.status,
      access: row.access,
    }
  );
}

/** Which of these accounts identity has told this service about. */
export async function knownAccounts(manager: EntityManager, accountIds: string[]): Promise<Set<string>> {
  const rows: Array<{ account_id: string }> = await manager.query('SELECT account_id FROM access_accounts WHERE account_id = ANY($1::text[])', [
    [...new Set(accountIds)],
  ]);
  return new Set(rows.map((row) => row.account_id));
}
