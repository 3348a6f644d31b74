import { IdentityEventV1, Topics, UserInvitedV1 } from '@faultline/contracts';
import { ConsumedBatch, Inbox } from '@faultline/eventing';
import { CLOCK, Clock } from '@faultline/platform';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EmailSender } from '../emails/email.sender';
import { renderInvitation } from '../emails/invitation.template';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';

/**
 * Invitation emails go out at once on UserInvited, with the acceptance link. A revoked
 * invitation whose email has not gone out yet is not sent.
 */
@Controller()
export class InvitationsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly sender: EmailSender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  @EventPattern(Topics.identityEvents)
  async onIdentityEvents(@Payload() batch: ConsumedBatch<IdentityEventV1 | { type: string; eventId: string }>): Promise<void> {
    let queued = false;
    await this.dataSource.transaction(async (manager) => {
      const fresh = await this.inbox.claim(manager, 'notifications.invitations', batch.events.map(({ event }) => event.eventId));
      for (const { event } of batch.events) {
        if (!fresh.delete(event.eventId)) continue;
        if (event.type === 'UserInvited') queued = (await this.queue(manager, event as UserInvitedV1)) || queued;
        if (event.type === 'InvitationRevoked') await this.cancel(manager, (event as { data: { userId: string } }).data.userId);
      }
    });
    if (queued) await this.sender.sendPending();
  }

  private async queue(manager: EntityManager, invited: UserInvitedV1): Promise<boolean> {
    const { data } = invited;
    const email = renderInvitation({ acceptanceUrl: `${this.config.linkBaseUrl}${data.acceptancePath}`, invitedBy: data.invitedBy, expiresAt: data.expiresAt, fromAssignment: data.fromAssignment });
    const now = this.clock.now();
    await manager.query(
      `INSERT INTO emails (email_id, account_id, kind, user_id, recipient, subject, text_body, html_body, from_assignment, next_attempt_at, created_at)
       VALUES ($1, $2, 'invitation', $3, $4, $5, $6, $7, $8, $9, $9)`,
      [randomUUID(), invited.accountId, data.userId, data.email, email.subject, email.text, email.html, data.fromAssignment, now],
    );
    return true;
  }

  private async cancel(manager: EntityManager, userId: string): Promise<void> {
    await manager.query("UPDATE emails SET status = 'cancelled' WHERE kind = 'invitation' AND user_id = $1 AND status = 'pending'", [userId]);
  }
}
