import { IntegrationAccessChangedV1, InvitationRequestAnswerV1, InvitationRequestedV1, Topics, UserInvitedV1 } from '@faultline/contracts';
import { compareWithRebuild } from '@faultline/eventing';
import { eventually } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import { identityReadModels } from '../rebuild/read-models.rebuild';
import { IdentityTestHarness } from '../testing/identity-test-harness';

const identity = new IdentityTestHarness();

beforeAll(() => identity.start());
afterAll(() => identity.stop());

function invitationRequested(accountId: string, requestedBy: string, email: string, integrationIds = ['int-1', 'int-2']): InvitationRequestedV1 {
  return {
    eventId: randomUUID(),
    type: 'InvitationRequested',
    version: 1,
    occurredAt: new Date().toISOString(),
    accountId,
    correlationId: randomUUID(),
    actor: { type: 'user', id: requestedBy },
    data: { requestId: randomUUID(), email, integrationIds, errorIds: [randomUUID()], requestedBy },
  };
}

const answerTo = (request: InvitationRequestedV1) =>
  eventually(() => {
    const answers = identity.published<InvitationRequestAnswerV1>().filter((event) => 'requestId' in event.data && event.data.requestId === request.data.requestId);
    expect(answers).toHaveLength(1);
    return answers[0];
  });

const invitationsFor = (email: string) =>
  identity.published<UserInvitedV1>().filter((event) => event.type === 'UserInvited' && event.data.email === email);

describe('assigning errors to a new email asks identity to invite it', () => {
  it('the email is invited from the assignment, with monitor access to the integrations, in the request’s correlation', async () => {
    const { accountId, ownerUserId } = await identity.createAccount('standard');
    const email = `new-${randomUUID()}@example.test`;
    const request = invitationRequested(accountId, ownerUserId, email);
    await identity.publish(Topics.assignmentEvents, [request, request]);

    const [invited] = await eventually(() => {
      expect(invitationsFor(email)).toHaveLength(1);
      return invitationsFor(email);
    });
    expect(invited).toMatchObject({
      correlationId: request.correlationId,
      causationId: request.eventId,
      data: { fromAssignment: true, role: 'member', access: { 'int-1': 'monitor', 'int-2': 'monitor' }, invitedBy: ownerUserId, assignedErrorIds: request.data.errorIds },
    });
    expect(await answerTo(request)).toMatchObject({
      type: 'InvitationRequestCompleted',
      causationId: request.eventId,
      data: { requestId: request.data.requestId, email, userId: invited.data.userId, requestedBy: ownerUserId },
    });
    const accepted = await identity.request('POST', '/invitations/accept', {
      body: { token: await identity.invitationToken(email), name: 'Nia', password: 'a-good-password' },
    });
    expect(accepted.status).toBe(200);
    expect(invitationsFor(email)).toHaveLength(1);
  });

  it('a member asking while invitations are off is refused, with the rule, and nobody is invited', async () => {
    const { accountId, ownerToken } = await identity.createAccount('standard');
    const member = await identity.addUser(ownerToken, 'member', { 'int-1': 'monitor', 'int-2': 'monitor' });
    await identity.request('PATCH', '/account/settings', { token: ownerToken, body: { invitationsEnabled: false } });
    const email = `refused-${randomUUID()}@example.test`;
    const request = invitationRequested(accountId, member.userId, email);
    await identity.publish(Topics.assignmentEvents, [request]);

    expect(await answerTo(request)).toMatchObject({
      type: 'InvitationRequestRefused',
      causationId: request.eventId,
      data: { email, code: 'INVITATIONS_DISABLED_FOR_MEMBERS', requestedBy: member.userId },
    });
    expect(invitationsFor(email)).toEqual([]);
    const users = (await identity.request('GET', '/users', { token: ownerToken })).body as Array<{ email: string }>;
    expect(users.map((user) => user.email)).not.toContain(email);
  });

  it("a pending invitee's access is widened to the errors' integrations, with no new link, and the request completed with their id", async () => {
    const { accountId, ownerUserId, ownerToken } = await identity.createAccount('standard');
    const email = `pending-${randomUUID()}@example.test`;
    const pending = await identity.request('POST', '/invitations', { token: ownerToken, body: { email, role: 'member', access: { 'int-1': 'monitor' } } });
    expect(pending.status).toBe(201);
    const token = await identity.invitationToken(email);
    const request = invitationRequested(accountId, ownerUserId, email, ['int-1', 'int-3']);
    await identity.publish(Topics.assignmentEvents, [request]);

    expect(await answerTo(request)).toMatchObject({ type: 'InvitationRequestCompleted', data: { userId: pending.body.userId } });
    const widened = identity.published<IntegrationAccessChangedV1>().filter((event) => event.type === 'IntegrationAccessChanged' && event.data.userId === pending.body.userId);
    expect(widened.map((event) => event.data)).toEqual([{ userId: pending.body.userId, integrationId: 'int-3', level: 'monitor', changedBy: ownerUserId }]);
    expect(invitationsFor(email)).toHaveLength(1);
    const accepted = await identity.request('POST', '/invitations/accept', { body: { token, name: 'Pat', password: 'a-good-password' } });
    expect(accepted).toMatchObject({ status: 200 });
  });

  it('a write that fails (a constraint another request hit first) is tried again, never answered as a refusal', async () => {
    await identity.restart({ KAFKA_HANDLER_ATTEMPTS: '100', KAFKA_HANDLER_BACKOFF_MS: '100' });
    const { accountId, ownerUserId } = await identity.createAccount('standard');
    const email = `raced-${randomUUID()}@example.test`;
    // Another transaction is inviting the same email and has not committed: the consumer does not
    // see it, writes the same email, waits on it, and fails on the unique constraint (23505) when
    // it commits.
    const racer = identity.dataSource.createQueryRunner();
    await racer.connect();
    await racer.startTransaction();
    await racer.query(`INSERT INTO users (user_id, account_id, email, role, status, updated_at) VALUES ($1, $2, $3, 'member', 'invited', now())`, [
      `racer-${randomUUID()}`,
      accountId,
      email,
    ]);
    const request = invitationRequested(accountId, ownerUserId, email);
    await identity.publish(Topics.assignmentEvents, [request]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await racer.commitTransaction();
    await racer.release();

    expect(await answerTo(request)).toMatchObject({ type: 'InvitationRequestCompleted' });
    const answers = identity.published<InvitationRequestAnswerV1>().filter((event) => 'requestId' in event.data && event.data.requestId === request.data.requestId);
    expect(answers.map((event) => event.type)).toEqual(['InvitationRequestCompleted']);
    await identity.restart();
  });

  it('the directory all this made equals a rebuild from the event store', async () => {
    const { differing, events } = await compareWithRebuild(identity.dataSource, identityReadModels());
    expect(events).toBeGreaterThan(10);
    expect(differing).toEqual([]);
  });
});
