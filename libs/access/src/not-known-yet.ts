import type { AccountView } from '@faultline/access-policy';
import { ServiceUnavailableException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { accountView } from './access.read-model';

/**
 * A valid token, issued a moment ago, of a user this service has not heard of yet (or knows only
 * as invited, before their acceptance arrived): not a bad token (401) but a 503 with
 * `Retry-After: 1`, since identity's event is on its way.
 */
export class UserNotKnownYet extends ServiceUnavailableException {
  readonly retryAfterSeconds = 1;

  constructor() {
    super('you signed in a moment ago and this service has not heard of you yet; try again in a second');
  }
}

/** An admitted user's account this service has not heard of yet: the same 503, for the same reason. */
export class AccountNotKnownYet extends ServiceUnavailableException {
  readonly retryAfterSeconds = 1;

  constructor(accountId: string) {
    super(`this service has not heard of account ${accountId} yet; try again in a second`);
  }
}

/** The account of an admitted user, as identity's events told this service; every app answers its absence the same way. */
export async function requireAccountView(manager: EntityManager, accountId: string): Promise<AccountView> {
  const account = await accountView(manager, accountId);
  if (!account) throw new AccountNotKnownYet(accountId);
  return account;
}
