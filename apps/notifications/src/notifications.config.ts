import { EnvReader, readServiceConfig, ServiceConfig } from '@faultline/platform';

export interface NotificationsConfig {
  service: ServiceConfig;
  digest: {
    /** How long the first assignment to a user waits for more before the digest goes out. */
    windowMs: number;
    /** Errors per email; more make more emails. */
    perEmail: number;
    /** How often due windows are flushed and pending emails sent. */
    flushIntervalMs: number;
  };
  errorSummary: {
    /** How long the first change in a subscribed flow waits for more before the summary goes out. */
    windowMs: number;
  };
  smtp: {
    url: string;
    from: string;
    /** Emails in flight at once, over as many pooled SMTP connections. */
    concurrency: number;
  };
  /** How long a severity notification for an account whose owner is not known here yet waits for identity's announcement before it goes to the DLQ. */
  unknownAccountGraceMs: number;
  /** Where links in emails point (the product's web app). */
  linkBaseUrl: string;
  /** Shared with identity only: opens the invitation tokens it seals on identity.events.v1. */
  invitationLinkKey: string;
}

export const NOTIFICATIONS_CONFIG = Symbol('NotificationsConfig');

export function loadNotificationsConfig(env: NodeJS.ProcessEnv): NotificationsConfig {
  const reader = new EnvReader(env);
  const config: NotificationsConfig = {
    service: readServiceConfig('notifications', reader),
    digest: {
      windowMs: reader.integer('DIGEST_WINDOW_MS', 15 * 60_000, { min: 100, max: 24 * 3_600_000 }),
      perEmail: reader.integer('DIGEST_MAX_ERRORS_PER_EMAIL', 25, { min: 1, max: 1_000 }),
      flushIntervalMs: reader.integer('DIGEST_FLUSH_INTERVAL_MS', 5_000, { min: 50, max: 3_600_000 }),
    },
    errorSummary: {
      windowMs: reader.integer('ERROR_SUMMARY_WINDOW_MS', 15 * 60_000, { min: 100, max: 24 * 3_600_000 }),
    },
    smtp: {
      url: reader.url('SMTP_URL', ['smtp:', 'smtps:'], 'smtp://127.0.0.1:2525'),
      from: reader.string('SMTP_FROM', 'Faultline <faultline@localhost>'),
      concurrency: reader.integer('SMTP_CONCURRENCY', 4, { min: 1, max: 8 }),
    },
    // As in the errors app: the account's users are announced on identity.events.v1, which may not have been read yet.
    unknownAccountGraceMs: reader.integer('UNKNOWN_ACCOUNT_GRACE_MS', 10_000, { min: 0, max: 600_000 }),
    // The console's address (`npm start` serves it there), so every link in an email opens a page.
    linkBaseUrl: reader.string('LINK_BASE_URL', 'http://127.0.0.1:3000'),
    invitationLinkKey: reader.secret('INVITATION_LINK_KEY', 32),
  };
  reader.done();
  return config;
}
