import { loadServiceConfig, previewApiDescription } from '@faultline/platform';
import { AssignmentAppModule } from '../apps/assignment/src/app.module';
import { ASSIGNMENT_API_TITLE } from '../apps/assignment/src/assignment.app';
import { ErrorsAppModule } from '../apps/errors/src/app.module';
import { ERRORS_API_TITLE } from '../apps/errors/src/errors.app';
import { loadErrorsConfig } from '../apps/errors/src/errors.config';
import { IdentityAppModule } from '../apps/identity/src/app.module';
import { IDENTITY_API_TITLE } from '../apps/identity/src/identity.app';
import { loadIdentityConfig } from '../apps/identity/src/identity.config';
import { NotificationsAppModule } from '../apps/notifications/src/app.module';
import { NOTIFICATIONS_API_TITLE } from '../apps/notifications/src/notifications.app';
import { loadNotificationsConfig } from '../apps/notifications/src/notifications.config';

/** Where each service's OpenAPI document is committed, from the repository's root. */
export const openApiPath = (service: string): string => `docs/openapi/${service}.json`;

// Placeholders: a preview connects nowhere, but the services' configurations insist on their settings.
const PREVIEW_ENV: NodeJS.ProcessEnv = {
  DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview',
  KAFKA_BROKERS: '127.0.0.1:1',
  JWT_SECRET: 'preview-'.repeat(8),
  INTERNAL_API_KEY: 'preview-'.repeat(4),
  INVITATION_LINK_KEY: 'preview-'.repeat(8),
};

/** Each service's API description as it serves it at /docs-json, built without running it. */
export async function apiDescriptionFiles(): Promise<Array<{ path: string; text: string }>> {
  const previews = {
    errors: () => previewApiDescription(ErrorsAppModule.forRoot(loadErrorsConfig(PREVIEW_ENV)), ERRORS_API_TITLE),
    assignment: () => previewApiDescription(AssignmentAppModule.forRoot(loadServiceConfig('assignment', PREVIEW_ENV)), ASSIGNMENT_API_TITLE),
    identity: () => previewApiDescription(IdentityAppModule.forRoot(loadIdentityConfig(PREVIEW_ENV)), IDENTITY_API_TITLE),
    notifications: () => previewApiDescription(NotificationsAppModule.forRoot(loadNotificationsConfig(PREVIEW_ENV)), NOTIFICATIONS_API_TITLE),
  };
  const files = [];
  for (const [service, preview] of Object.entries(previews)) files.push({ path: openApiPath(service), text: `${JSON.stringify(await preview(), null, 2)}\n` });
  return files;
}
