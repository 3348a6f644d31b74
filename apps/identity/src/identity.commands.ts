import type { AccessLevel, Plan, Role } from '@faultline/access-policy';
import { Actor, decideOnStream, Decider, DomainEvent, metadataFor, OutboxWriter, PostgresEventStore, StoredEvent } from '@faultline/eventing';
import { SealedText } from '@faultline/contracts';
import { CLOCK, Clock, OutboxRelayService } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import * as accounts from './accounts/account.decider';
import { hashInvitationToken, newInvitationToken } from './credentials/invitation-token';
import { hashPassword, scryptCost } from './credentials/password-hasher';
import { DirectoryProjection, IdentityEvent } from './directory/directory.projection';
import { AccountRecord, DirectoryQueries, UserRecord, userView } from './directory/directory.queries';
import { IDENTITY_CONFIG, IdentityConfig } from './identity.config';
import { publishIdentityEvent } from './published/identity-events.mapper';
import * as users from './users/user.decider';
import type { IntegrationAccess } from './users/user.events';

export interface Invitation {
  email: string;
  role: Role;
  access: IntegrationAccess;
  fromAssignment: boolean;
  assignedErrorIds?: string[];
}

const accountStream = (accountId: string) => `account-${accountId}`;
const userStream = (userId: string) => `user-${userId}`;
const PLATFORM: Actor = { type: 'system', id: 'platform' };

interface Change<C, E extends DomainEvent, S> {
  streamId: string;
  decider: Decider<C, E, S>;
  command: C;
  accountId: string;
  actor: Actor;
  /** The raw invitation token, when this change sends one. */
  invitationToken?: string;
  /** The event that asked for this change, when another service did. */
  cause?: Cause;
}

/** Where a change came from: the request's correlation id and the event that caused it. */
export interface Cause {
  correlationId: string;
  causationId: string;
}

/**
 * Every change identity makes, each in one transaction: decide on the aggregate's stream,
 * project the directory, and write the published events to the outbox.
 */
@Injectable()
export class IdentityCommands {
  /** Seals each invitation's token for the notifications app: the topic never carries it readable. */
  private readonly invitationLinks: SealedText;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PostgresEventStore,
    private readonly projection: DirectoryProjection,
    private readonly directory: DirectoryQueries,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    this.invitationLinks = new SealedText(config.invitationLinkKey);
  }

  async createAccount(input: {
    accountId?: string;
    name: string;
    plan: Plan;
    owner: { email: string; name: string; password: string };
  }): Promise<{ accountId: string; ownerUserId: string }> {
    const accountId = input.accountId ?? randomUUID();
    const ownerUserId = randomUUID();
    const passwordHash = await this.hash(input.owner.password);
    const ownerEmail = input.owner.email.toLowerCase();
    await this.transaction(async (manager) => {
      const command: accounts.AccountCommand = {
        type: 'CreateAccount',
        data: { accountId, name: input.name, plan: input.plan, ownerUserId, ownerEmail, ownerName: input.owner.name },
      };
      await this.apply(manager, { streamId: accountStream(accountId), decider: accounts, command, accountId, actor: PLATFORM });
      const register: users.UserCommand = {
        type: 'RegisterOwner',
        data: { userId: ownerUserId, accountId, email: ownerEmail, name: input.owner.name, passwordHash },
      };
      await this.apply(manager, { streamId: userStream(ownerUserId), decider: users, command: register, accountId, actor: PLATFORM });
    });
    return { accountId, ownerUserId };
  }

  changePlan(accountId: string, plan: Plan): Promise<void> {
    return this.transaction((manager) =>
      this.apply(manager, { streamId: accountStream(accountId), decider: accounts, command: { type: 'ChangePlan', data: { plan } }, accountId, actor: PLATFORM }),
    );
  }

  changeSettings(actor: UserRecord, invitationsEnabled: boolean): Promise<void> {
    const command: accounts.AccountCommand = { type: 'ChangeSettings', data: { actor: userView(actor), invitationsEnabled } };
    return this.transaction((manager) =>
      this.apply(manager, { streamId: accountStream(actor.accountId), decider: accounts, command, accountId: actor.accountId, actor: asActor(actor) }),
    );
  }

  /** Invites an email (or re-sends its pending invitation); returns the invitee. */
  invite(inviter: UserRecord, invitation: Invitation): Promise<UserRecord> {
    return this.transaction((manager) => this.inviteWithin(manager, inviter, invitation));
  }

  /** The same, inside a transaction the caller owns (a consumer handling a request event). */
  async inviteWithin(manager: EntityManager, inviter: UserRecord, invitation: Invitation, cause?: Cause): Promise<UserRecord> {
    const { token, tokenHash } = newInvitationToken();
    const account = await this.accountOf(manager, inviter);
    const existing = await this.directory.userByEmail(account.accountId, invitation.email, manager);
    const userId = existing?.userId ?? randomUUID();
    const command: users.UserCommand = {
      type: 'InviteUser',
      data: { ...invitation, userId, account, inviter: userView(inviter), tokenHash, expiresAt: this.invitationExpiry() },
    };
    await this.apply(manager, { ...this.onUser(userId, inviter), command, invitationToken: token, cause });
    return this.userAfter(manager, userId);
  }

  async resendInvitation(actor: UserRecord, userId: string): Promise<UserRecord> {
    const { token, tokenHash } = newInvitationToken();
    return this.transaction(async (manager) => {
      const account = await this.accountOf(manager, actor);
      const command: users.UserCommand = {
        type: 'ResendInvitation',
        data: { account, actor: userView(actor), tokenHash, expiresAt: this.invitationExpiry() },
      };
      await this.apply(manager, { ...this.onUser(userId, actor), command, invitationToken: token });
      return this.userAfter(manager, userId);
    });
  }

  revokeInvitation(actor: UserRecord, userId: string): Promise<void> {
    return this.transaction(async (manager) => {
      const account = await this.accountOf(manager, actor);
      const command: users.UserCommand = { type: 'RevokeInvitation', data: { account, actor: userView(actor) } };
      await this.apply(manager, { ...this.onUser(userId, actor), command });
    });
  }

  async acceptInvitation(token: string, acceptance: { name: string; password: string }): Promise<UserRecord> {
    const tokenHash = hashInvitationToken(token);
    const passwordHash = await this.hash(acceptance.password);
    return this.transaction(async (manager) => {
      const invitee = await this.directory.userByInvitationToken(tokenHash, manager);
      if (!invitee) throw new users.InvitationTokenInvalid('this invitation link is not valid');
      const command: users.UserCommand = {
        type: 'AcceptInvitation',
        data: { tokenHash, name: acceptance.name, passwordHash, now: this.clock.now() },
      };
      await this.apply(manager, { ...this.onUser(invitee.userId, invitee), command });
      return this.userAfter(manager, invitee.userId);
    });
  }

  /** A signed-in user's password, hashed again at today's cost. */
  async rehashPassword(user: UserRecord, password: string): Promise<void> {
    const passwordHash = await this.hash(password);
    await this.transaction((manager) =>
      this.apply(manager, { ...this.onUser(user.userId, user), command: { type: 'RehashPassword', data: { passwordHash } } }),
    );
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, scryptCost(this.config.passwordHashCostLog2));
  }

  changeRole(actor: UserRecord, userId: string, role: Role): Promise<UserRecord> {
    return this.transaction(async (manager) => {
      const account = await this.accountOf(manager, actor);
      const command: users.UserCommand = { type: 'ChangeRole', data: { account, actor: userView(actor), role } };
      await this.apply(manager, { ...this.onUser(userId, actor), command });
      return this.userAfter(manager, userId);
    });
  }

  /** Deactivates or reactivates a user, by an owner or admin. */
  changeStatus(actor: UserRecord, userId: string, change: 'DeactivateUser' | 'ReactivateUser'): Promise<UserRecord> {
    return this.transaction(async (manager) => {
      const account = await this.accountOf(manager, actor);
      const command: users.UserCommand = { type: change, data: { account, actor: userView(actor) } };
      await this.apply(manager, { ...this.onUser(userId, actor), command });
      return this.userAfter(manager, userId);
    });
  }

  changeAccess(actor: UserRecord, userId: string, integrationId: string, level: AccessLevel | null): Promise<UserRecord> {
    return this.transaction(async (manager) => {
      const account = await this.accountOf(manager, actor);
      const command: users.UserCommand = { type: 'ChangeAccess', data: { account, actor: userView(actor), integrationId, level } };
      await this.apply(manager, { ...this.onUser(userId, actor), command });
      return this.userAfter(manager, userId);
    });
  }

  private onUser(userId: string, actor: UserRecord) {
    return { streamId: userStream(userId), decider: users, accountId: actor.accountId, actor: asActor(actor) };
  }

  /** Runs work in one transaction and wakes the outbox relay after it commits. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.relay.nudge();
    return result;
  }

  private async apply<C, E extends IdentityEvent, S>(manager: EntityManager, change: Change<C, E, S>): Promise<void> {
    const metadata = metadataFor({ accountId: change.accountId, actor: change.actor, ...change.cause }, this.clock.now());
    const stored: StoredEvent<IdentityEvent>[] = await decideOnStream(
      manager,
      this.store,
      change.streamId,
      change.decider,
      change.command,
      metadata,
    );
    await this.projection.apply(manager, stored);
    const messages = [];
    const sealedToken = change.invitationToken ? this.invitationLinks.seal(change.invitationToken) : undefined;
    for (const event of stored) {
      const userId = 'userId' in event.event.data ? String(event.event.data.userId) : undefined;
      const user = userId ? await this.directory.user(userId, manager) : undefined;
      const message = publishIdentityEvent(event, { user, sealedToken });
      if (message) messages.push(message);
    }
    await this.outbox.enqueue(manager, messages);
  }

  private async accountOf(manager: EntityManager, actor: UserRecord): Promise<AccountRecord> {
    const account = await this.directory.account(actor.accountId, manager);
    if (!account) throw new accounts.AccountNotFound(`account ${actor.accountId} was not found`);
    return account;
  }

  private async userAfter(manager: EntityManager, userId: string): Promise<UserRecord> {
    const user = await this.directory.user(userId, manager);
    if (!user) throw new users.UserNotFound(`user ${userId} was not found`);
    return user;
  }

  private invitationExpiry(): string {
    return new Date(this.clock.now().getTime() + this.config.invitationTtlHours * 3_600_000).toISOString();
  }
}

const asActor = (user: UserRecord): Actor => ({ type: 'user', id: user.userId });
