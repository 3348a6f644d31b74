import { FORBIDDEN_BY_CODE } from '@faultline/access-policy';
import { Clock, startService, StartServiceOptions } from '@faultline/platform';
import type { INestApplication } from '@nestjs/common';
import { NotificationsAppModule } from './app.module';
import type { NotificationsConfig } from './notifications.config';

/** Refusals of the rules are 403s; an admin subscribing someone who cannot monitor the flow is a 422; resending an email that has not failed, a 409. */
export const NOTIFICATIONS_STATUS_BY_CODE: Record<string, number> = { ...FORBIDDEN_BY_CODE, SUBSCRIBER_CANNOT_MONITOR: 422, EMAIL_NOT_FAILED: 409 };

/** The title of the service's API description (/docs and docs/openapi/notifications.json). */
export const NOTIFICATIONS_API_TITLE = 'Faultline notifications';

/** Starts the notifications service; used by `main.ts` and by tests that run it in-process. */
export function startNotificationsApp(
  config: NotificationsConfig,
  options: Partial<StartServiceOptions> & { clock?: Clock } = {},
): Promise<INestApplication> {
  return startService(NotificationsAppModule.forRoot(config, options.clock), {
    title: NOTIFICATIONS_API_TITLE,
    statusByCode: NOTIFICATIONS_STATUS_BY_CODE,
    ...options,
    config: config.service,
  });
}
