import type { UserInvitedV1 } from '@faultline/contracts';
import type { EntityManager } from 'typeorm';
import type { NewEmail } from '../emails/email.outbox';
import { AssignedErrorLine, describePlace } from '../emails/error-listing';
import { renderInvitation } from '../emails/invitation.template';
import { errorLinks } from '../emails/rendered-email';
import { ErrorsCopy } from '../flow-errors/errors-copy';
import type { NotificationsConfig } from '../notifications.config';
import type { AcceptanceLinks } from './acceptance-links';

/**
 * One email per invitation. One made by assigning errors names them, as many as a digest email
 * holds, each linking through acceptance; the errors it names are remembered under the
 * request's correlation id, so the digest that the same assignments open leaves them out.
 */
export async function invitationEmails(
  manager: EntityManager,
  invitations: UserInvitedV1[],
  nameOf: (userId: string) => string,
  config: Pick<NotificationsConfig, 'linkBaseUrl' | 'digest'>,
  links: AcceptanceLinks,
): Promise<NewEmail[]> {
  const namedBy = new Map(invitations.map((event) => [event.eventId, (event.data.assignedErrorIds ?? []).slice(0, config.digest.perEmail)]));
  const details = await ErrorsCopy.details(manager, [...namedBy.values()].flat());
  const emails = invitations.map((invited): NewEmail => {
    const { data } = invited;
    const named = namedBy.get(invited.eventId) ?? [];
    const invitedBy = nameOf(data.invitedBy);
    const lines = named.map((errorId): AssignedErrorLine => {
      const error = details.get(errorId);
      const where = error?.accountId === invited.accountId ? error : undefined;
      return {
        errorId,
        where: where ? describePlace(where) : '',
        message: where?.message ?? '(details not received yet)',
        occurredAt: where ? new Date(where.occurredAt).toISOString() : '',
        assignedBy: invitedBy,
      };
    });
    const more = (data.assignedErrorIds?.length ?? 0) - named.length;
    const acceptancePath = links.pathOf(data);
    // An invitation nobody could accept is a fault of the message: the consumer sends it to the DLQ.
    if (!acceptancePath) throw new Error(`the invitation token of ${invited.eventId} cannot be opened with INVITATION_LINK_KEY`);
    const assigned = { lines, more, errorLink: errorLinks(config.linkBaseUrl, acceptancePath) };
    const acceptanceUrl = `${config.linkBaseUrl}${acceptancePath}`;
    return {
      accountId: invited.accountId,
      userId: data.userId,
      recipient: data.email,
      content: renderInvitation({ acceptanceUrl, invitedBy, expiresAt: data.expiresAt, fromAssignment: data.fromAssignment, assigned }),
      errorIds: named,
      facts: { kind: 'invitation', fromAssignment: data.fromAssignment },
    };
  });
  await rememberNamed(manager, invitations, namedBy);
  await ErrorsCopy.markMentioned(manager, [...namedBy.values()].flat());
  return emails;
}

async function rememberNamed(manager: EntityManager, invitations: UserInvitedV1[], namedBy: Map<string, string[]>): Promise<void> {
  const rows = invitations.flatMap((invited) => (namedBy.get(invited.eventId) ?? []).map((errorId) => [invited.data.userId, errorId, invited.correlationId]));
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO invitation_named_errors (user_id, error_id, correlation_id)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[]) ON CONFLICT DO NOTHING`,
    [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2])],
  );
}
