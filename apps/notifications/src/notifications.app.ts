import { FORBIDDEN_BY_CODE } from '@faultline/access-policy';
import { Clock, startService, StartServiceOptions } from '@faultline/platform';
import type { INestApplication } from '@nestjs/common';
import { NotificationsAppModule } from './app.module';
import type { NotificationsConfig } from './notifications.config';

/** Starts the notifications service; used by `main.ts` and by tests that run it in-process. */
export function startNotificationsApp(
  config: NotificationsConfig,
  options: Partial<StartServiceOptions> & { clock?: Clock } = {},
): Promise<INestApplication> {
  return startService(NotificationsAppModule.forRoot(config, options.clock), {
    title: 'Faultline notifications',
    statusByCode: FORBIDDEN_BY_CODE,
    ...options,
    config: config.service,
  });
}
