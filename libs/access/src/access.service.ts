import { PermissionRefused, permissionsIn, RefusalCode } from '@faultline/access-policy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accessUser, AccessUser, accountView } from './access.read-model';
import { requireAccountView } from './not-known-yet';

export type Action = 'viewErrors' | 'assignErrors' | 'inviteUsers' | 'assignToNewEmail';

/** Answers "may this user do that" from this service's own copy of identity's events. */
@Injectable()
export class AccessPermissions {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Throws the refusing rule (a 403 at the HTTP edge) unless the admitted user (a person, or a
   * machine API token acting as one) may do `action` in each of these integrations.
   */
  async require(user: AccessUser, integrationIds: string | Iterable<string>, action: Action): Promise<void> {
    const account = await requireAccountView(this.dataSource.manager, user.accountId);
    for (const integrationId of typeof integrationIds === 'string' ? [integrationIds] : integrationIds) {
      const decision = permissionsIn(account, user, integrationId)[action];
      if (!decision.allowed) throw new PermissionRefused(decision.code as RefusalCode, decision.reason);
    }
  }

  /** A user's permissions by id, as this service's copy of identity's events has them. */
  async permissions(userId: string, integrationId: string) {
    const user = await accessUser(this.dataSource.manager, userId);
    const account = user && (await accountView(this.dataSource.manager, user.accountId));
    if (!user || !account) throw new PermissionRefused('USER_NOT_ACTIVE', `user ${userId} is not known here (yet)`);
    return permissionsIn(account, user, integrationId);
  }
}
