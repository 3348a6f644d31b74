import type { StoredEvent } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccountEvent } from '../accounts/account.events';
import type { ApiTokenEvent } from '../api-tokens/api-token.events';
import type { UserEvent } from '../users/user.events';

export type IdentityEvent = AccountEvent | UserEvent | ApiTokenEvent;

/**
 * Keeps the accounts and users tables in step with identity's events, in the same
 * transaction that appends them.
 */
@Injectable()
export class DirectoryProjection {
  async apply(manager: EntityManager, events: StoredEvent<IdentityEvent>[]): Promise<void> {
    for (const { event, metadata } of events) await this.applyOne(manager, event, metadata.occurredAt);
  }

  private async applyOne(manager: EntityManager, event: IdentityEvent, at: string): Promise<void> {
    switch (event.type) {
      case 'AccountCreated': {
        const { accountId, name, plan, invitationsEnabled, ownerUserId } = event.data;
        await manager.query(
          `INSERT INTO accounts (account_id, name, plan, invitations_enabled, owner_user_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [accountId, name, plan, invitationsEnabled, ownerUserId, at],
        );
        return;
      }
      case 'AccountPlanChanged':
        await manager.query('UPDATE accounts SET plan = $2 WHERE account_id = $1', [event.data.accountId, event.data.plan]);
        return;
      case 'AccountSettingsChanged':
        await manager.query('UPDATE accounts SET invitations_enabled = $2 WHERE account_id = $1', [
          event.data.accountId,
          event.data.invitationsEnabled,
        ]);
        return;
      case 'OwnerRegistered': {
        const { userId, accountId, email, name, passwordHash } = event.data;
        await manager.query(
          `INSERT INTO users (user_id, account_id, email, name, role, status, password_hash, updated_at)
           VALUES ($1, $2, $3, $4, 'owner', 'active', $5, $6)`,
          [userId, accountId, email, name, passwordHash, at],
        );
        return;
      }
      case 'UserInvited': {
        const { userId, accountId, email, role, access, invitedBy, fromAssignment, tokenHash, expiresAt } = event.data;
        await manager.query(
          `INSERT INTO users (user_id, account_id, email, role, status, access, invitation_token_hash,
                              invitation_expires_at, invited_by, from_assignment, updated_at)
           VALUES ($1, $2, $3, $4, 'invited', $5, $6, $7, $8, $9, $10)
           ON CONFLICT (user_id) DO UPDATE SET role = $4, status = 'invited', access = $5, invitation_token_hash = $6,
             invitation_expires_at = $7, invited_by = $8, from_assignment = $9, updated_at = $10`,
          [userId, accountId, email, role, JSON.stringify(access), tokenHash, expiresAt, invitedBy, fromAssignment, at],
        );
        return;
      }
      case 'InvitationResent':
        await this.update(manager, event.data.userId, at, 'invitation_token_hash = $3, invitation_expires_at = $4', [
          event.data.tokenHash,
          event.data.expiresAt,
        ]);
        return;
      case 'InvitationRevoked':
        await this.update(manager, event.data.userId, at, "status = 'revoked', invitation_token_hash = NULL", []);
        return;
      case 'InvitationAccepted':
        await this.update(
          manager,
          event.data.userId,
          at,
          "status = 'active', name = $3, password_hash = $4, invitation_token_hash = NULL, invitation_expires_at = NULL",
          [event.data.name, event.data.passwordHash],
        );
        return;
      case 'UserRoleChanged':
        await this.update(manager, event.data.userId, at, 'role = $3', [event.data.role]);
        return;
      case 'UserDeactivated':
        await this.update(manager, event.data.userId, at, "status = 'deactivated'", []);
        return;
      case 'UserReactivated':
        await this.update(manager, event.data.userId, at, "status = 'active'", []);
        return;
      case 'PasswordRehashed':
        await this.update(manager, event.data.userId, at, 'password_hash = $3', [event.data.passwordHash]);
        return;
      case 'IntegrationAccessChanged': {
        const { integrationId, level } = event.data;
        const change = level === null ? 'access = access - $3::text' : 'access = access || jsonb_build_object($3::text, $4::text)';
        await this.update(manager, event.data.userId, at, change, level === null ? [integrationId] : [integrationId, level]);
        return;
      }
      case 'ApiTokenCreated': {
        const { tokenId, accountId, name, scope, createdBy, createdAt, expiresAt, tokenHash } = event.data;
        await manager.query(
          `INSERT INTO api_tokens (token_id, account_id, name, scope, created_by, created_at, expires_at, token_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (token_id) DO NOTHING`,
          [tokenId, accountId, name, scope, createdBy, createdAt, expiresAt, tokenHash],
        );
        return;
      }
      case 'ApiTokenRevoked':
        await manager.query('UPDATE api_tokens SET revoked_at = $2 WHERE token_id = $1', [event.data.tokenId, event.data.revokedAt]);
        return;
      default: {
        const unknown: never = event;
        throw new Error(`unprojected event ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async update(manager: EntityManager, userId: string, at: string, set: string, params: unknown[]): Promise<void> {
    await manager.query(`UPDATE users SET ${set}, updated_at = $2 WHERE user_id = $1`, [userId, at, ...params]);
  }
}
