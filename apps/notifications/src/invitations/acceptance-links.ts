import { SealedText } from '@faultline/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';

/** What an invitation event says about its link: the page, and the token identity sealed for this app. */
export interface InvitationLink {
  acceptancePath: string;
  sealedToken?: string | null;
}

/**
 * Opens the invitation tokens identity seals for this app and puts them back in the link. An
 * event from before tokens were sealed carries its token in the path already.
 */
@Injectable()
export class AcceptanceLinks {
  private readonly box: SealedText;

  constructor(@Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig) {
    this.box = new SealedText(config.invitationLinkKey);
  }

  /**
   * The acceptance page's path with its token, for this app's emails only (never stored or
   * logged); undefined when the token cannot be opened (sealed with another key, or altered).
   */
  pathOf(link: InvitationLink): string | undefined {
    if (!link.sealedToken) return link.acceptancePath;
    try {
      return `${link.acceptancePath}?token=${encodeURIComponent(this.box.unseal(link.sealedToken))}`;
    } catch {
      return undefined;
    }
  }
}
