import type { AccessLevel, AccountView, Plan, Role, UserView } from '@faultline/access-policy';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ApiTokenView } from '@faultline/contracts';
import { API_TOKEN_ACTOR_PREFIX, apiTokenLabel } from '@faultline/access';

export interface AccountRecord extends AccountView {
  name: string;
  ownerUserId: string;
}

export type UserStatus = 'invited' | 'active' | 'revoked' | 'deactivated';

export interface UserRecord {
  userId: string;
  accountId: string;
  email: string;
  name: string | null;
  role: Role;
  status: UserStatus;
  access: Record<string, AccessLevel>;
  passwordHash: string | null;
  invitationExpiresAt: string | null;
  invitedBy: string | null;
  fromAssignment: boolean;
  /** Set only when a machine API token acts as a user of its scope (`userId` is then `token:<apiTokenId>`). */
  apiTokenId?: string;
  everyIntegration?: AccessLevel;
}

interface UserRow {
  user_id: string;
  account_id: string;
  email: string;
  name: string | null;
  role: Role;
  status: UserStatus;
  access: Record<string, AccessLevel>;
  password_hash: string | null;
  invitation_expires_at: Date | null;
  invited_by: string | null;
  from_assignment: boolean;
}

/** Reads of identity's own directory (accounts and users). */
@Injectable()
export class DirectoryQueries {
  constructor(private readonly dataSource: DataSource) {}

  async account(accountId: string, manager: EntityManager = this.dataSource.manager): Promise<AccountRecord | undefined> {
    const rows: Array<{ account_id: string; name: string; plan: Plan; invitations_enabled: boolean; owner_user_id: string }> =
      await manager.query('SELECT * FROM accounts WHERE account_id = $1', [accountId]);
    const row = rows[0];
    return (
      row && {
        accountId: row.account_id,
        name: row.name,
        plan: row.plan,
        invitationsEnabled: row.invitations_enabled,
        ownerUserId: row.owner_user_id,
      }
    );
  }

  async user(userId: string, manager: EntityManager = this.dataSource.manager): Promise<UserRecord | undefined> {
    return this.one(manager, 'user_id = $1', [userId]);
  }

  /** How a person reads who did something: a user's name or email, or the API token's name; by actor id. */
  async actorNames(actorIds: string[]): Promise<Map<string, string>> {
    const rows: Array<{ actor_id: string; shown: string; token: boolean }> = await this.dataSource.query(
      `SELECT user_id AS actor_id, coalesce(name, email) AS shown, false AS token FROM users WHERE user_id = ANY($1::text[])
       UNION ALL SELECT $2 || token_id, name, true FROM api_tokens WHERE $2 || token_id = ANY($1::text[])`,
      [[...new Set(actorIds)], API_TOKEN_ACTOR_PREFIX],
    );
    return new Map(rows.map((row) => [row.actor_id, row.token ? apiTokenLabel(row.shown) : row.shown]));
  }

  async userByEmail(accountId: string, email: string, manager: EntityManager = this.dataSource.manager) {
    return this.one(manager, 'account_id = $1 AND email = $2', [accountId, email.toLowerCase()]);
  }

  async userByInvitationToken(tokenHash: string, manager: EntityManager = this.dataSource.manager) {
    return this.one(manager, 'invitation_token_hash = $1', [tokenHash]);
  }

  async activeUsersByEmail(email: string): Promise<UserRecord[]> {
    return this.many(this.dataSource.manager, "email = $1 AND status = 'active'", [email.toLowerCase()]);
  }

  /** The account's machine API tokens, newest first, revoked ones included. */
  async apiTokens(accountId: string): Promise<ApiTokenView[]> {
    const rows: Array<Omit<ApiTokenView, 'createdAt' | 'expiresAt' | 'revokedAt'> & { createdAt: Date; expiresAt: Date | null; revokedAt: Date | null }> = await this.dataSource.query(
      `SELECT token_id AS "tokenId", name, scope, created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
         FROM api_tokens WHERE account_id = $1 ORDER BY created_at DESC, token_id`,
      [accountId],
    );
    return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt?.toISOString() ?? null, revokedAt: row.revokedAt?.toISOString() ?? null }));
  }

  async users(accountId: string, status?: UserStatus): Promise<UserRecord[]> {
    return status
      ? this.many(this.dataSource.manager, 'account_id = $1 AND status = $2', [accountId, status])
      : this.many(this.dataSource.manager, "account_id = $1 AND status <> 'revoked'", [accountId]);
  }

  private async one(manager: EntityManager, where: string, params: unknown[]): Promise<UserRecord | undefined> {
    return (await this.many(manager, where, params))[0];
  }

  private async many(manager: EntityManager, where: string, params: unknown[]): Promise<UserRecord[]> {
    const rows: UserRow[] = await manager.query(`SELECT * FROM users WHERE ${where} ORDER BY email`, params);
    return rows.map(toUser);
  }
}

/** The policy's view of a user. */
export function userView(user: UserRecord): UserView {
  return {
    userId: user.userId,
    accountId: user.accountId,
    role: user.role,
    status: user.status,
    access: user.access,
    everyIntegration: user.everyIntegration,
  };
}

function toUser(row: UserRow): UserRecord {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    access: row.access,
    passwordHash: row.password_hash,
    invitationExpiresAt: row.invitation_expires_at?.toISOString() ?? null,
    invitedBy: row.invited_by,
    fromAssignment: row.from_assignment,
  };
}
