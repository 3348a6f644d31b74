import type { AccessLevel, Plan, Role } from '@faultline/access-policy';
import { Actor, CausedUnitOfWork, Decider, DecisionCause, DomainEvent, EventSink, EventWriter, OutboxWriter, PostgresEventStore } from '@faultline/eventing';
import { CreateApiTokenRequest, CreatedApiToken, SealedText } from '@faultline/contracts';
import { newApiToken } from '@faultline/access';
import { CLOCK, Clock, RelayService } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import * as accounts from './accounts/account.decider';
import * as apiTokens from './api-tokens/api-token.decider';
import type { ApiTokenCreated } from './api-tokens/api-token.events';
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

/** Where a change came from: the request's correlation id and the event that caused it. */
export interface Cause {
  correlationId: string;
  causationId: string;
}

/**
 * Every change identity makes, each one unit of work of the shared event writer: decided on
 * the aggregate's stream, projected into the directory, and published, read from the events
 * themselves (an invitation's token, sealed, is the one thing the events must not carry).
 */
@Injectable()
export class IdentityCommands {
  /** Seals each invitation's token for the notifications app: the topic never carries it readable. */
  private readonly invitationLinks: SealedText;
  private readonly writer: EventWriter<IdentityEvent>;

  constructor(
    private readonly dataSource: DataSource,
    store: PostgresEventStore,
    private readonly projection: DirectoryProjection,
    private readonly directory: DirectoryQueries,
    outbox: OutboxWriter,
    private readonly relay: RelayService,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    this.invitationLinks = new SealedText(config.invitationLinkKey);
    this.writer = new EventWriter({ dataSource, eventStore: store, publication: outbox, clock, sink: this.sink(), afterCommit: () => relay.nudge() });
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
    await this.writer.write({ accountId, actor: PLATFORM }, async (unit) => {
      const command: accounts.AccountCommand = {
        type: 'CreateAccount',
        data: { accountId, name: input.name, plan: input.plan, ownerUserId, ownerEmail, ownerName: input.owner.name },
      };
      await decideOn(unit, accountStream(accountId), accounts, command);
      const register: users.UserCommand = {
        type: 'RegisterOwner',
        data: { userId: ownerUserId, accountId, email: ownerEmail, name: input.owner.name, passwordHash },
      };
      await decideOn(unit, userStream(ownerUserId), users, register);
    });
    return { accountId, ownerUserId };
  }

  async changePlan(accountId: string, plan: Plan): Promise<void> {
    await this.writer.write({ accountId, actor: PLATFORM }, (unit) => decideOn(unit, accountStream(accountId), accounts, { type: 'ChangePlan', data: { plan } }));
  }

  async changeSettings(actor: UserRecord, invitationsEnabled: boolean): Promise<void> {
    const command: accounts.AccountCommand = { type: 'ChangeSettings', data: { actor: userView(actor), invitationsEnabled } };
    await this.writer.write(causeOf(actor), (unit) => decideOn(unit, accountStream(actor.accountId), accounts, command));
  }

  /** Invites an email (or re-sends its pending invitation); returns the invitee. */
  invite(inviter: UserRecord, invitation: Invitation): Promise<UserRecord> {
    return this.inviteWithin(undefined, inviter, invitation);
  }

  /** The same, inside a transaction the caller owns (a consumer handling a request event), as a savepoint of it. */
  async inviteWithin(within: EntityManager | undefined, inviter: UserRecord, invitation: Invitation, cause?: Cause): Promise<UserRecord> {
    const { token, tokenHash } = newInvitationToken();
    const sink = this.sink(this.invitationLinks.seal(token));
    const { result: userId } = await this.writer.write(
      { ...causeOf(inviter), ...cause },
      async (unit) => {
        const account = await this.accountOf(unit.manager, inviter);
        const existing = await this.directory.userByEmail(account.accountId, invitation.email, unit.manager);
        const userId = existing?.userId ?? randomUUID();
        const command: users.UserCommand = {
          type: 'InviteUser',
          data: { ...invitation, userId, account, inviter: userView(inviter), tokenHash, expiresAt: this.invitationExpiry(unit.now) },
        };
        await decideOn(unit, userStream(userId), users, command);
        return userId;
      },
      { within, sink },
    );
    return this.userAfter(within ?? this.dataSource.manager, userId);
  }

  resendInvitation(actor: UserRecord, userId: string): Promise<UserRecord> {
    const { token, tokenHash } = newInvitationToken();
    const sink = this.sink(this.invitationLinks.seal(token));
    return this.onUser(actor, userId, (account, now) => ({ type: 'ResendInvitation', data: { account, actor: userView(actor), tokenHash, expiresAt: this.invitationExpiry(now) } }), sink);
  }

  async revokeInvitation(actor: UserRecord, userId: string): Promise<void> {
    await this.onUser(actor, userId, (account) => ({ type: 'RevokeInvitation', data: { account, actor: userView(actor) } }));
  }

  async acceptInvitation(token: string, acceptance: { name: string; password: string }): Promise<UserRecord> {
    const tokenHash = hashInvitationToken(token);
    const passwordHash = await this.hash(acceptance.password);
    const invitee = await this.directory.userByInvitationToken(tokenHash);
    if (!invitee) throw new users.InvitationTokenInvalid('this invitation link is not valid');
    await this.writer.write(causeOf(invitee), (unit) =>
      decideOn(unit, userStream(invitee.userId), users, { type: 'AcceptInvitation', data: { tokenHash, name: acceptance.name, passwordHash, now: unit.now } }),
    );
    return this.userAfter(this.dataSource.manager, invitee.userId);
  }

  /** A signed-in user's password, hashed again at today's cost. */
  async rehashPassword(user: UserRecord, password: string): Promise<void> {
    const passwordHash = await this.hash(password);
    await this.writer.write(causeOf(user), (unit) => decideOn(unit, userStream(user.userId), users, { type: 'RehashPassword', data: { passwordHash } }));
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, scryptCost(this.config.passwordHashCostLog2));
  }

  changeRole(actor: UserRecord, userId: string, role: Role): Promise<UserRecord> {
    return this.onUser(actor, userId, (account) => ({ type: 'ChangeRole', data: { account, actor: userView(actor), role } }));
  }

  /** Deactivates or reactivates a user, by an owner or admin. */
  changeStatus(actor: UserRecord, userId: string, change: 'DeactivateUser' | 'ReactivateUser'): Promise<UserRecord> {
    return this.onUser(actor, userId, (account) => ({ type: change, data: { account, actor: userView(actor) } }));
  }

  changeAccess(actor: UserRecord, userId: string, integrationId: string, level: AccessLevel | null): Promise<UserRecord> {
    return this.onUser(actor, userId, (account) => ({ type: 'ChangeAccess', data: { account, actor: userView(actor), integrationId, level } }));
  }

  /** A machine API token for the actor's account; the token itself is in the answer, and nowhere else. */
  async createApiToken(actor: UserRecord, request: CreateApiTokenRequest): Promise<CreatedApiToken> {
    const { token, tokenHash } = newApiToken();
    const tokenId = randomUUID();
    const { result: decided } = await this.writer.write(causeOf(actor), async (unit) => {
      const account = await this.accountOf(unit.manager, actor);
      const expiresAt = request.expiresInDays ? new Date(unit.now.getTime() + request.expiresInDays * 86_400_000).toISOString() : null;
      const command: apiTokens.ApiTokenCommand = {
        type: 'CreateApiToken',
        data: { tokenId, name: request.name, scope: request.scope, expiresAt, tokenHash, account, actor: userView(actor), now: unit.now },
      };
      return decideOn(unit, apiTokens.apiTokenStreamId(tokenId), apiTokens, command);
    });
    const created = decided.find((event): event is ApiTokenCreated => event.type === 'ApiTokenCreated');
    if (!created) throw new Error(`API token ${tokenId} was not created`);
    const { name, scope, createdBy, createdAt, expiresAt } = created.data;
    return { tokenId, name, scope, createdBy, createdAt, expiresAt, revokedAt: null, token };
  }

  async revokeApiToken(actor: UserRecord, tokenId: string): Promise<void> {
    await this.writer.write(causeOf(actor), async (unit) => {
      const command: apiTokens.ApiTokenCommand = { type: 'RevokeApiToken', data: { account: await this.accountOf(unit.manager, actor), actor: userView(actor), now: unit.now } };
      await decideOn(unit, apiTokens.apiTokenStreamId(tokenId), apiTokens, command);
    });
  }

  /** Runs work in one transaction and wakes the outbox relay after it commits (a consumer that answers requests). */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.relay.nudge();
    return result;
  }

  /** An actor's command on a user of their account, decided on the user's stream; returns the user after it. */
  private async onUser(
    actor: UserRecord,
    userId: string,
    command: (account: AccountRecord, now: Date) => users.UserCommand,
    sink?: EventSink<IdentityEvent>,
  ): Promise<UserRecord> {
    await this.writer.write(
      causeOf(actor),
      async (unit) => decideOn(unit, userStream(userId), users, command(await this.accountOf(unit.manager, actor), unit.now)),
      { sink },
    );
    return this.userAfter(this.dataSource.manager, userId);
  }

  /** The directory follows every event; each is published, with the invitation's sealed token when one was made. */
  private sink(sealedToken?: string): EventSink<IdentityEvent> {
    return {
      project: (manager, stored) => this.projection.apply(manager, stored),
      publish: (stored) => [publishIdentityEvent(stored, { sealedToken })].flatMap((message) => (message ? [message] : [])),
    };
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

  private invitationExpiry(now: Date): string {
    return new Date(now.getTime() + this.config.invitationTtlHours * 3_600_000).toISOString();
  }
}

/** A person's change, caused by them in their account. */
const causeOf = (user: UserRecord): DecisionCause => ({ accountId: user.accountId, actor: { type: 'user', id: user.userId } });

async function decideOn<C, E extends DomainEvent, S>(unit: CausedUnitOfWork, streamId: string, decider: Decider<C, E, S>, command: C): Promise<E[]> {
  await unit.session.load(unit.manager, decider, [streamId]);
  return unit.session.decide(streamId, command, unit.metadata);
}
