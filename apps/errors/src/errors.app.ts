import { Clock, startService, StartServiceOptions } from '@faultline/platform';
import type { INestApplication } from '@nestjs/common';
import { ErrorsAppModule } from './app.module';
import type { ErrorsConfig } from './errors.config';
import { ERRORS_STATUS_BY_CODE } from './errors/errors-status-codes';

/** The title of the service's API description (/docs and docs/openapi/errors.json). */
export const ERRORS_API_TITLE = 'Faultline errors';

/** Starts the errors service; used by `main.ts` and by tests that run it in-process. */
export function startErrorsApp(
  config: ErrorsConfig,
  options: Partial<StartServiceOptions> & { clock?: Clock } = {},
): Promise<INestApplication> {
  return startService(ErrorsAppModule.forRoot(config, options.clock), {
    title: ERRORS_API_TITLE,
    statusByCode: ERRORS_STATUS_BY_CODE,
    ...options,
    config: config.service,
  });
}
