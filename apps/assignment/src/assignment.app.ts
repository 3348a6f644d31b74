import { FORBIDDEN_BY_CODE } from '@faultline/access-policy';
import { Clock, ServiceConfig, startService, StartServiceOptions } from '@faultline/platform';
import type { INestApplication } from '@nestjs/common';
import { AssignmentAppModule } from './app.module';

/** How the assignment app's refusals read over HTTP. */
export const ASSIGNMENT_STATUS_BY_CODE: Record<string, number> = {
  ...FORBIDDEN_BY_CODE,
  ASSIGNEE_CANNOT_TAKE_ERRORS: 422,
  ASSIGNEE_INVITATION_REVOKED: 422,
  CONCURRENCY_CONFLICT: 409,
};

/** The title of the service's API description (/docs and docs/openapi/assignment.json). */
export const ASSIGNMENT_API_TITLE = 'Faultline assignment';

/** Starts the assignment service; used by `main.ts` and by tests that run it in-process. */
export function startAssignmentApp(
  config: ServiceConfig,
  options: Partial<StartServiceOptions> & { clock?: Clock } = {},
): Promise<INestApplication> {
  return startService(AssignmentAppModule.forRoot(config, options.clock), {
    title: ASSIGNMENT_API_TITLE,
    statusByCode: ASSIGNMENT_STATUS_BY_CODE,
    ...options,
    config,
  });
}
