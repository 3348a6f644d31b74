import { FORBIDDEN_BY_CODE } from '@faultline/access-policy';
import { Clock, startService, StartServiceOptions } from '@faultline/platform';
import type { INestApplication } from '@nestjs/common';
import { IdentityAppModule } from './app.module';
import type { IdentityConfig } from './identity.config';

/** The title of the service's API description (/docs and docs/openapi/identity.json). */
export const IDENTITY_API_TITLE = 'Faultline identity';

/** How identity's refusals read over HTTP. */
const STATUS_BY_CODE: Record<string, number> = {
  ...FORBIDDEN_BY_CODE,
  OWNER_IS_NOT_INVITED: 422,
  ACCOUNT_ALREADY_EXISTS: 409,
  ACCOUNT_NOT_FOUND: 404,
  USER_ALREADY_ACTIVE: 409,
  USER_NOT_FOUND: 404,
  INVITATION_NOT_PENDING: 409,
  INVITATION_TOKEN_INVALID: 404,
  INVITATION_EXPIRED: 410,
  OWNER_IS_FIXED: 422,
  USER_DEACTIVATED: 409,
  USER_STATUS_CONFLICT: 409,
  CANNOT_DEACTIVATE_SELF: 422,
  CONCURRENCY_CONFLICT: 409,
  SIGN_IN_THROTTLED: 429,
  ACCOUNT_CHOICE_NEEDED: 409,
  API_TOKEN_NOT_FOUND: 404,
  API_TOKEN_ALREADY_EXISTS: 409,
};

export function startIdentityApp(
  config: IdentityConfig,
  options: Partial<StartServiceOptions> & { clock?: Clock } = {},
): Promise<INestApplication> {
  return startService(IdentityAppModule.forRoot(config, options.clock), {
    title: IDENTITY_API_TITLE,
    statusByCode: STATUS_BY_CODE,
    ...options,
    config: config.service,
  });
}
