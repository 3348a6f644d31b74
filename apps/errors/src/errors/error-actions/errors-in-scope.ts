import type { AccessPermissions, AccessUser } from '@faultline/access';
import { NotFoundError } from '@faultline/platform';
import type { EntityManager } from 'typeorm';

/**
 * The errors a request names, each in the user's account and in an integration the user may
 * view (monitor access); one missing error is a 404, one forbidden integration a 403 for the
 * whole request, so nothing is half done.
 */
export async function requireErrorsInScope(
  manager: EntityManager,
  permissions: AccessPermissions,
  user: AccessUser,
  errorIds: string[],
): Promise<void> {
  const rows: Array<{ error_id: string; integration_id: string }> = await manager.query(
    'SELECT error_id, integration_id FROM errors_list WHERE account_id = $1 AND error_id = ANY($2::uuid[])',
    [user.accountId, errorIds],
  );
  const found = new Map(rows.map((row) => [row.error_id, row.integration_id]));
  const missing = errorIds.filter((errorId) => !found.has(errorId));
  if (missing.length > 0) throw NotFoundError.forIds('error', missing);
  await permissions.require(user, new Set(found.values()), 'viewErrors');
}
