import { IdentityEventV1, InvitationRequestRefusedV1, Topics, UserInvitedV1 } from '@faultline/contracts';
import { ConsumedBatch, Inbox } from '@faultline/eventing';
import { CLOCK, Clock } from '@faultline/platform';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';
import { enqueueEmails, NewEmail } from '../emails/email.outbox';
import { EmailSender } from '../emails/email.sender';
import { displayNames } from '../emails/people';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { AcceptanceLinks } from './acceptance-links';
import { invitationEmails } from './invitation-emails';
import { refusalEmails } from './refusal-emails';

type IdentityEvent = IdentityEventV1 | InvitationRequestRefusedV1 | { type: 'other'; eventId: string };

/**
 * Invitation emails go out at once on UserInvited, with the acceptance link and the errors
 * assigned with it. Until the invitee accepts, their acceptance path is kept so their digests
 * link through acceptance. A revoked invitation whose email has not gone out yet is not sent.
 * When identity refuses an invitation someone asked for by assigning errors, they are told.
 */
@Controller()
export class InvitationsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly sender: EmailSender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly links: AcceptanceLinks,
  ) {}

  @EventPattern(Topics.identityEvents)
  async onIdentityEvents(@Payload() batch: ConsumedBatch<IdentityEvent>): Promise<void> {
    const enqueued = await this.dataSource.transaction(async (manager) => {
      const events = (await this.inbox.fresh(manager, 'notifications.invitations', batch.events.map(({ event }) => event))).filter(
        (event): event is IdentityEventV1 | InvitationRequestRefusedV1 => event.type !== 'other',
      );
      const invitations = events.filter((event): event is UserInvitedV1 => event.type === 'UserInvited');
      const refusals = events.filter((event): event is InvitationRequestRefusedV1 => event.type === 'InvitationRequestRefused');
      const nameOf = await displayNames(manager, invitations.map((event) => event.data.invitedBy));
      const emails: NewEmail[] = [...(await invitationEmails(manager, invitations, nameOf, this.config, this.links)), ...(await refusalEmails(manager, refusals))];
      await enqueueEmails(manager, emails, this.clock.now());
      // In order: a user invited again after a revocation has a pending invitation again.
      for (const event of events) await this.track(manager, event);
      return emails.length;
    });
    if (enqueued > 0) this.sender.nudge();
  }

  private async track(manager: EntityManager, event: IdentityEventV1 | InvitationRequestRefusedV1): Promise<void> {
    if (event.type === 'UserInvited') {
      await manager.query(
        `INSERT INTO pending_invitations (user_id, acceptance_path, sealed_token) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET acceptance_path = excluded.acceptance_path, sealed_token = excluded.sealed_token`,
        [event.data.userId, event.data.acceptancePath, event.data.sealedToken ?? null],
      );
    }
    if (event.type === 'InvitationAccepted' || event.type === 'InvitationRevoked') {
      await manager.query('DELETE FROM pending_invitations WHERE user_id = $1', [event.data.userId]);
    }
    if (event.type === 'InvitationRevoked') {
      await manager.query("UPDATE emails SET status = 'cancelled' WHERE user_id = $1 AND status = 'pending'", [event.data.userId]);
    }
  }
}
