import { PermissionRefused, permissionsIn } from '@faultline/access-policy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accessUser, accountView } from './access.read-model';

/** Answers "may this user do that" from this service's own copy of identity's events. */
@Injectable()
export class AccessPermissions {
  constructor(private readonly dataSource: DataSource) {}

  async permissions(userId: string, integrationId: string) {
    const user = await accessUser(this.dataSource.manager, userId);
    const account = user && (await accountView(this.dataSource.manager, user.accountId));
    if (!user || !account) throw new PermissionRefused('USER_NOT_ACTIVE', `user ${userId} is not known here (yet)`);
    return permissionsIn(account, user, integrationId);
  }
}
