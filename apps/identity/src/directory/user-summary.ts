import type { UserSummary } from '@faultline/contracts';
import type { UserRecord } from './directory.queries';

/** What the API shows of a user: never hashes or tokens. */
export function userSummary(user: UserRecord): UserSummary {
  const { userId, accountId, email, name, role, status, access } = user;
  return { userId, accountId, email, name, role, status, access };
}
