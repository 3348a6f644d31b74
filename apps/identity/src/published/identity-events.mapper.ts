import { IdentityEventV1, Topics } from '@faultline/contracts';
import { OutboxMessage, publishedEnvelope, StoredEvent } from '@faultline/eventing';
import { ACCEPTANCE_PATH } from '../credentials/invitation-token';
import type { IdentityEvent } from '../directory/directory.projection';

/** What the stored events must not say but the published ones must. */
export interface PublishContext {
  /** The invitation's token sealed for the notifications app, known only while the invitation is made. */
  sealedToken?: string;
}

/**
 * Maps identity's stored events to `identity.events.v1`, field by field. Password and token
 * hashes never leave identity; `OwnerRegistered` is published as part of `AccountCreated`.
 */
export function publishIdentityEvent(stored: StoredEvent<IdentityEvent>, context: PublishContext): OutboxMessage | undefined {
  const value = toContract(stored, context);
  return value && { topic: Topics.identityEvents, key: stored.metadata.accountId, value };
}

function toContract(stored: StoredEvent<IdentityEvent>, { sealedToken }: PublishContext): IdentityEventV1 | undefined {
  const { event } = stored;
  switch (event.type) {
    case 'AccountCreated':
    case 'AccountPlanChanged':
    case 'AccountSettingsChanged':
      return { ...publishedEnvelope(stored, { type: event.type, version: 1, aggregateId: event.data.accountId }), data: event.data } as IdentityEventV1;
    case 'OwnerRegistered':
    case 'PasswordRehashed':
      return undefined;
    case 'UserInvited':
    case 'InvitationResent': {
      const { userId, email, role, access, fromAssignment } = event.data;
      return {
        ...publishedEnvelope(stored, { type: 'UserInvited', version: 1, aggregateId: userId }),
        data: {
          userId,
          email,
          role,
          access,
          invitedBy: event.type === 'UserInvited' ? event.data.invitedBy : event.data.resentBy,
          fromAssignment,
          ...(event.type === 'UserInvited' && event.data.assignedErrorIds ? { assignedErrorIds: event.data.assignedErrorIds } : {}),
          acceptancePath: ACCEPTANCE_PATH,
          sealedToken: required(sealedToken, event.type),
          expiresAt: event.data.expiresAt,
          resent: event.type === 'InvitationResent',
        },
      };
    }
    case 'InvitationAccepted': {
      const { userId, email, role, access } = event.data;
      return {
        ...publishedEnvelope(stored, { type: 'InvitationAccepted', version: 1, aggregateId: userId }),
        data: { userId, email, name: event.data.name, role, access },
      };
    }
    case 'ApiTokenCreated': {
      const { tokenId, name, scope, expiresAt, tokenHash, createdBy } = event.data;
      return { ...publishedEnvelope(stored, { type: event.type, version: 1, aggregateId: tokenId }), data: { tokenId, name, scope, expiresAt, tokenHash, createdBy } };
    }
    case 'ApiTokenRevoked': {
      const { tokenId, revokedBy } = event.data;
      return { ...publishedEnvelope(stored, { type: event.type, version: 1, aggregateId: tokenId }), data: { tokenId, revokedBy } };
    }
    case 'InvitationRevoked':
    case 'UserDeactivated':
    case 'UserReactivated':
    case 'UserRoleChanged':
    case 'IntegrationAccessChanged':
      return { ...publishedEnvelope(stored, { type: event.type, version: 1, aggregateId: event.data.userId }), data: event.data } as IdentityEventV1;
    default: {
      const unknown: never = event;
      throw new Error(`unmapped event ${JSON.stringify(unknown)}`);
    }
  }
}

function required<T>(value: T | undefined, eventType: string): T {
  if (value === undefined) throw new Error(`publishing ${eventType} needs context it was not given`);
  return value;
}
