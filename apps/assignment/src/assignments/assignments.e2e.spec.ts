import { signAccessToken } from '@faultline/access';
import {
  AccountSettingsChangedV1,
  ContractRegistry,
  contractKey,
  ErrorAssignedV1,
  ErrorTaggedV1,
  ErrorUnassignedV1,
  InvitationRequestCompletedV1,
  InvitationRequestedV1,
  Topics,
  validate,
} from '@faultline/contracts';
import {
  accountCreated,
  errorRecorded,
  errorResolved,
  userInvited,
  invitationRevoked,
  userDeactivated,
  invitationRequestCompleted,
  invitationRequestRefused,
  eventually,
  invitationAccepted,
  KafkaTestClient,
  TEST_JWT_SECRET,
  testServiceEnvironment,
  TopicRecorder,
} from '@faultline/testing';
import { compareWithRebuild } from '@faultline/eventing';
import { loadServiceConfig } from '@faultline/platform';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { startAssignmentApp } from '../assignment.app';
import { assignmentReadModels } from '../rebuild/read-models.rebuild';

let app: INestApplication;
let kafka: KafkaTestClient;
let baseUrl: string;
let assignments: TopicRecorder;

beforeAll(async () => {
  const config = loadServiceConfig('assignment', await testServiceEnvironment('assignment'));
  kafka = new KafkaTestClient(config.kafka.topicPrefix);
  app = await startAssignmentApp(config, { logLevels: ['error', 'fatal'] });
  baseUrl = await app.getUrl();
  assignments = await kafka.record(Topics.assignmentEvents);
});

afterAll(async () => {
  await kafka?.close();
  await app?.close();
});

const tokenOf = (userId: string, accountId: string, role: 'owner' | 'admin' | 'member') =>
  signAccessToken({ userId, accountId, role }, TEST_JWT_SECRET, 600);

async function request(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests assert the shape
  return { status: response.status, body: (await response.json()) as any };
}

/** An account with its owner, and members who accepted their invitations with the given access. */
async function newAccount(plan: 'free' | 'standard' = 'standard') {
  const created = accountCreated(plan);
  const { accountId, ownerUserId } = created.data;
  const bob = invitationAccepted(accountId, { role: 'member', access: { 'int-1': 'monitor' } });
  const carol = invitationAccepted(accountId, { role: 'member', access: { 'int-2': 'monitor' } });
  await kafka.publish(Topics.identityEvents, [created, bob, carol].map((value) => ({ key: accountId, value })));
  const owner = tokenOf(ownerUserId, accountId, 'owner');
  await eventually(async () => expect((await request('GET', '/workload?integrationId=int-1', tokenOf(carol.data.userId, accountId, 'member'))).status).toBe(403));
  return { accountId, ownerUserId, owner, bob: bob.data.userId, carol: carol.data.userId, carolToken: tokenOf(carol.data.userId, accountId, 'member') };
}

/** Errors published per account (by its owner's token). */
const published = new Map<string, number>();

/** Errors as the errors app announces them, once this app knows them. */
async function recorded(owner: string, ...events: Array<ReturnType<typeof errorRecorded>>) {
  await kafka.publish(Topics.errorsEvents, events.map((value) => ({ key: value.data.errorId, value })));
  const expected = (published.get(owner) ?? 0) + events.length;
  published.set(owner, expected);
  // Every error of the account is known once a dry run over all of them counts them all.
  const known = async () => (await request('POST', '/assignments/by-filter', owner, { filter: {}, assigneeUserId: 'usr-any', dryRun: true })).body.matched;
  await eventually(async () => expect(await known()).toBe(expected));
  return events.map((event) => event.data.errorId);
}

const assignedEvents = (errorIds: string[]) =>
  assignments.json<ErrorAssignedV1 | ErrorUnassignedV1>().filter((event) => errorIds.includes(event.data.errorId));

const history = async (errorId: string, token: string) => (await request('GET', `/errors/${errorId}/assignments`, token)).body;

describe('assigning errors', () => {
  it('assigns 1,000 errors in one request and announces each on assignment.events.v1, valid against its contract', async () => {
    const { accountId, owner, bob } = await newAccount();
    const ids = await recorded(owner, ...Array.from({ length: 1_000 }, () => errorRecorded(accountId)));

    const answer = await request('POST', '/assignments', owner, { errorIds: ids, assigneeUserId: bob });
    expect(answer).toEqual({ status: 200, body: { changed: 1_000, cascaded: 0, outcome: 'assigned', assigneeUserId: bob } });
    const events = await eventually(() => {
      const mine = assignedEvents(ids);
      expect(mine).toHaveLength(1_000);
      return mine;
    });
    const schema = ContractRegistry[Topics.assignmentEvents].find((candidate) => candidate.$id === 'ErrorAssigned.v1');
    for (const event of events) expect(schema && validate(schema, event).ok).toBe(true);
    expect(events[0].data).toMatchObject({ assigneeUserId: bob, cause: 'manual', selfAssigned: false });
    const workload = await request('GET', '/workload?integrationId=int-1', owner);
    expect(workload.body.assignees).toEqual([{ assigneeUserId: bob, open: 1_000 }]);
  });

  it('re-assigning names the previous assignee; self-assignment is flagged; clearing is recorded; history replays it', async () => {
    const { accountId, owner, ownerUserId, bob } = await newAccount();
    const [errorId] = await recorded(owner, errorRecorded(accountId));
    await request('POST', '/assignments', owner, { errorIds: [errorId], assigneeUserId: bob });
    await request('POST', '/assignments', owner, { errorIds: [errorId], assigneeUserId: ownerUserId });
    expect((await request('POST', '/assignments', owner, { errorIds: [errorId], assigneeUserId: ownerUserId })).body.changed).toBe(0);
    await request('POST', '/assignments/clear', owner, { errorIds: [errorId] });

    const events = await eventually(() => {
      const mine = assignedEvents([errorId]);
      expect(mine).toHaveLength(3);
      return mine;
    });
    expect(events.map((event) => event.type)).toEqual(['ErrorAssigned', 'ErrorAssigned', 'ErrorUnassigned']);
    expect(events[1].data).toMatchObject({ assigneeUserId: ownerUserId, previousAssigneeUserId: bob, selfAssigned: true });
    expect(events[2].data).toMatchObject({ previousAssigneeUserId: ownerUserId });
    const replayed = await history(errorId, owner);
    expect(replayed.assigneeUserId).toBeNull();
    expect(replayed.history.map((entry: { assigneeUserId: string | null }) => entry.assigneeUserId)).toEqual([bob, ownerUserId, null]);
  });
});

describe('assigning everything a filter matches', () => {
  it('counts first with a dry run, then assigns every match, within what the actor may view, and clears them the same way', async () => {
    const { accountId, owner, bob, carol, carolToken } = await newAccount();
    await recorded(
      owner,
      ...Array.from({ length: 5 }, () => errorRecorded(accountId, { flowId: 'flow-9' })),
      errorRecorded(accountId, { flowId: 'flow-8' }),
      errorRecorded(accountId, { integrationId: 'int-2', flowId: 'flow-9' }),
    );
    const byFilter = (token: string, body: object) => request('POST', '/assignments/by-filter', token, body);

    expect((await byFilter(owner, { filter: { integrationId: 'int-1', flowId: 'flow-9' }, assigneeUserId: bob, dryRun: true })).body).toEqual({
      matched: 5,
      changed: 0,
      cascaded: 0,
      dryRun: true,
    });
    expect((await byFilter(owner, { filter: { integrationId: 'int-1', flowId: 'flow-9' }, assigneeUserId: bob })).body).toMatchObject({ matched: 5, changed: 5 });
    expect((await request('GET', '/workload?integrationId=int-1&flowId=flow-9', owner)).body.assignees).toEqual([{ assigneeUserId: bob, open: 5 }]);
    expect((await byFilter(carolToken, { filter: { assignee: 'unassigned' }, assigneeUserId: carol, dryRun: true })).body.matched).toBe(1);
    expect((await byFilter(owner, { filter: { flowId: 'flow-9' }, assigneeUserId: bob })).status).toBe(422);

    const clearByFilter = (body: object) => request('POST', '/assignments/clear/by-filter', owner, body);
    expect((await clearByFilter({ filter: { assignee: bob }, dryRun: true })).body).toEqual({ matched: 5, changed: 0, cascaded: 0, dryRun: true });
    expect((await clearByFilter({ filter: { assignee: bob } })).body).toEqual({ matched: 5, changed: 5, cascaded: 0, dryRun: false });
    expect((await request('GET', '/workload?integrationId=int-1&flowId=flow-9', owner)).body.assignees).toEqual([{ assigneeUserId: null, open: 5 }]);
    expect((await clearByFilter({ filter: { assignee: bob }, assigneeUserId: bob })).status).toBe(400);
  });

  it('takes the Errors list’s filters: severity, text, tags', async () => {
    const { accountId, owner, bob } = await newAccount();
    const [severe, , tagged] = await recorded(
      owner,
      errorRecorded(accountId, { severity: 'high', message: 'Group deleted' }),
      errorRecorded(accountId, { message: 'Billing address rejected' }),
      errorRecorded(accountId, { message: 'Timeout' }),
    );
    const tagId = randomUUID();
    const tagEvent: ErrorTaggedV1 = {
      ...errorResolved(accountId, tagged),
      type: 'ErrorTagged',
      data: { errorId: tagged, tagId, taggedBy: { type: 'user', id: bob } },
    };
    await kafka.publish(Topics.errorsEvents, [{ key: tagged, value: tagEvent }]);
    const matched = async (filter: object) =>
      (await request('POST', '/assignments/by-filter', owner, { filter, assigneeUserId: bob, dryRun: true })).body.matched;

    await eventually(async () => expect(await matched({ tags: tagId })).toBe(1));
    expect(await matched({ severity: 'high' })).toBe(1);
    expect(await matched({ q: 'billing ADDR' })).toBe(1);
    expect((await request('POST', '/assignments/by-filter', owner, { filter: { severity: 'high' }, assigneeUserId: bob })).body.changed).toBe(1);
    expect((await history(severe, owner)).assigneeUserId).toBe(bob);
  });
});

describe('permissions', () => {
  it('refuses a request mixing allowed and forbidden errors as a whole, and an assignee who cannot see an error with 422', async () => {
    const { accountId, owner, bob, carol, carolToken } = await newAccount();
    const [mine, other] = await recorded(owner, errorRecorded(accountId, { integrationId: 'int-2' }), errorRecorded(accountId, { integrationId: 'int-1' }));

    const mixed = await request('POST', '/assignments', carolToken, { errorIds: [mine, other], assigneeUserId: carol });
    expect(mixed).toMatchObject({ status: 403, body: { code: 'NO_ACCESS_TO_INTEGRATION' } });
    const blind = await request('POST', '/assignments', owner, { errorIds: [mine], assigneeUserId: bob });
    expect(blind).toMatchObject({ status: 422, body: { code: 'ASSIGNEE_CANNOT_TAKE_ERRORS' } });
    expect(blind.body.detail).toContain(bob);
    expect(blind.body.detail).toContain('int-2');
    const unknown = await request('POST', '/assignments', owner, { errorIds: [mine], assigneeUserId: 'usr-nobody' });
    expect(unknown.status).toBe(422);
    expect((await request('POST', '/assignments', carolToken, { errorIds: [mine], assigneeUserId: carol })).status).toBe(200);
    await eventually(() => expect(assignedEvents([mine, other])).toHaveLength(1));
  });

  it('refuses assignment on the free plan', async () => {
    const { accountId, owner, bob } = await newAccount('free');
    const [errorId] = await recorded(owner, errorRecorded(accountId));
    expect(await request('POST', '/assignments', owner, { errorIds: [errorId], assigneeUserId: bob })).toMatchObject({
      status: 403,
      body: { code: 'PLAN_EXCLUDES_ASSIGNMENT' },
    });
  });
});

describe('assigning people who have not accepted yet (seed 000, manual invitation)', () => {
  it('a pending invitee with monitor access is assigned by id; once their invitation is revoked their errors are unassigned, saying why, and they cannot be assigned again', async () => {
    const { accountId, ownerUserId, owner } = await newAccount();
    const invited = userInvited(accountId, ownerUserId, { access: { 'int-1': 'monitor' } });
    const dan = invited.data.userId;
    await kafka.publish(Topics.identityEvents, [{ key: accountId, value: invited }]);
    const [errorId] = await recorded(owner, errorRecorded(accountId, { integrationId: 'int-1' }));

    const assigned = await eventually(async () => {
      const answer = await request('POST', '/assignments', owner, { errorIds: [errorId], assigneeUserId: dan });
      expect(answer.status).toBe(200);
      return answer;
    });
    expect(assigned.body).toMatchObject({ changed: 1 });
    await eventually(() => expect(assignedEvents([errorId]).map((event) => event.type)).toEqual(['ErrorAssigned']));

    await kafka.publish(Topics.identityEvents, [{ key: accountId, value: invitationRevoked(accountId, dan, ownerUserId) }]);
    const unassigned = await eventually(() => {
      const found = assignedEvents([errorId]).filter((event): event is ErrorUnassignedV1 => event.type === 'ErrorUnassigned');
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(unassigned.data).toEqual({ errorId, previousAssigneeUserId: dan, unassignedBy: { type: 'user', id: ownerUserId }, reason: 'invitation_revoked' });
    expect(validate(ContractRegistry[Topics.assignmentEvents].find((schema) => schema.$id === contractKey('ErrorUnassigned', 1))!, unassigned).ok).toBe(true);

    const again = await request('POST', '/assignments', owner, { errorIds: [errorId], assigneeUserId: dan });
    expect(again).toMatchObject({ status: 422, body: { code: 'ASSIGNEE_INVITATION_REVOKED' } });
    expect(again.body.detail).toContain(dan);
  });

  it("deactivating a user unassigns their open errors, saying why; resolved ones keep them; they cannot be assigned again", async () => {
    const { accountId, ownerUserId, owner, bob } = await newAccount();
    const [open, done] = await recorded(owner, errorRecorded(accountId), errorRecorded(accountId));
    await request('POST', '/assignments', owner, { errorIds: [open, done], assigneeUserId: bob });
    await kafka.publish(Topics.errorsEvents, [{ key: done, value: errorResolved(accountId, done) }]);
    await eventually(async () => expect((await request('GET', '/workload?integrationId=int-1', owner)).body.assignees).toEqual([{ assigneeUserId: bob, open: 1 }]));

    await kafka.publish(Topics.identityEvents, [{ key: accountId, value: userDeactivated(accountId, bob, ownerUserId) }]);
    const unassigned = await eventually(() => {
      const found = assignedEvents([open, done]).filter((event): event is ErrorUnassignedV1 => event.type === 'ErrorUnassigned');
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(unassigned.data).toEqual({ errorId: open, previousAssigneeUserId: bob, unassignedBy: { type: 'user', id: ownerUserId }, reason: 'user_deactivated' });
    expect((await history(done, owner)).assigneeUserId).toBe(bob);
    const again = await request('POST', '/assignments', owner, { errorIds: [open], assigneeUserId: bob });
    expect(again).toMatchObject({ status: 422, body: { code: 'ASSIGNEE_CANNOT_TAKE_ERRORS' } });
    expect(again.body.detail).toContain('deactivated');
  });
});

describe('automatic assignment rules', () => {
  it('retry data key: open errors of the same step with the key follow; resolved ones, other steps and other integrations do not; a new one follows too', async () => {
    const { accountId, owner, bob } = await newAccount();
    const key = { retryDataKey: `order-${randomUUID()}` };
    const elsewhere = { ...key, integrationId: 'int-2', flowId: 'flow-2' };
    const [source, sibling, resolved, otherStep, otherIntegration] = await recorded(
      owner,
      errorRecorded(accountId, key),
      errorRecorded(accountId, key),
      errorRecorded(accountId, key),
      errorRecorded(accountId, { ...key, flowStepId: 'step-2' }),
      errorRecorded(accountId, elsewhere),
    );
    await kafka.publish(Topics.errorsEvents, [{ key: resolved, value: errorResolved(accountId, resolved) }]);
    await eventually(async () => expect((await request('GET', '/workload?integrationId=int-1', owner)).body.assignees).toEqual([{ assigneeUserId: null, open: 3 }]));
    expect((await request('POST', '/assignments', owner, { errorIds: [source], assigneeUserId: bob })).body).toEqual({ changed: 1, cascaded: 1, outcome: 'assigned', assigneeUserId: bob });

    const events = await eventually(() => {
      const mine = assignedEvents([source, sibling, resolved, otherStep, otherIntegration]) as ErrorAssignedV1[];
      expect(mine).toHaveLength(2);
      return mine;
    });
    const manual = events.find((event) => event.data.errorId === source);
    expect(events.find((event) => event.data.errorId === sibling)?.data).toMatchObject({
      assigneeUserId: bob,
      cause: 'retryDataKey',
      sourceAssignmentId: manual?.data.assignmentId,
      sourceErrorId: source,
    });
    const history = await request('GET', `/errors/${sibling}/assignments`, owner);
    expect(history.body.history).toEqual([expect.objectContaining({ cause: 'retryDataKey', sourceErrorId: source, reason: null })]);

    const [late, lateElsewhere] = await recorded(owner, errorRecorded(accountId, key), errorRecorded(accountId, elsewhere));
    await eventually(() => expect((assignedEvents([late])[0] as ErrorAssignedV1 | undefined)?.data).toMatchObject({ assigneeUserId: bob, cause: 'retryDataKey', sourceErrorId: expect.stringMatching(new RegExp(`^(${source}|${sibling})$`)) }));
    expect(assignedEvents([otherIntegration, lateElsewhere])).toEqual([]);
  });

  it('trace key: the error that supersedes an assigned one inherits its assignee, in either order of the two events', async () => {
    const { accountId, owner, bob } = await newAccount();
    const [older, olderToo] = await recorded(owner, errorRecorded(accountId), errorRecorded(accountId));
    await request('POST', '/assignments', owner, { errorIds: [older, olderToo], assigneeUserId: bob });
    await eventually(() => expect(assignedEvents([older, olderToo])).toHaveLength(2));

    const newer = errorRecorded(accountId);
    await kafka.publish(Topics.errorsEvents, [{ key: newer.data.errorId, value: newer }]);
    await kafka.publish(Topics.errorsEvents, [{ key: older, value: errorResolved(accountId, older, { reason: 'superseded', supersededBy: newer.data.errorId }) }]);
    const newerToo = errorRecorded(accountId);
    await kafka.publish(Topics.errorsEvents, [{ key: olderToo, value: errorResolved(accountId, olderToo, { reason: 'superseded', supersededBy: newerToo.data.errorId }) }]);
    await kafka.publish(Topics.errorsEvents, [{ key: newerToo.data.errorId, value: newerToo }]);

    await eventually(() => {
      const inherited = assignedEvents([newer.data.errorId, newerToo.data.errorId]) as ErrorAssignedV1[];
      expect(inherited.map((event) => [event.data.assigneeUserId, event.data.cause])).toEqual([
        [bob, 'traceKey'],
        [bob, 'traceKey'],
      ]);
    });
  });

  it('without supersession (auto-resolve off) a new error with a known trace key is not routed', async () => {
    const { accountId, owner, bob } = await newAccount();
    const [older] = await recorded(owner, errorRecorded(accountId, { traceKey: 'order-1' }));
    await request('POST', '/assignments', owner, { errorIds: [older], assigneeUserId: bob });
    const [newer] = await recorded(owner, errorRecorded(accountId, { traceKey: 'order-1' }));
    expect((await history(newer, owner)).assigneeUserId).toBeNull();
  });
});

describe('concurrency', () => {
  it('conflicting assignments of one error at once end with one winner each time and a consistent history', async () => {
    const { accountId, owner, ownerUserId, bob } = await newAccount();
    const [errorId] = await recorded(owner, errorRecorded(accountId));
    const assignees = Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? bob : ownerUserId));
    const answers = await Promise.all(assignees.map((assigneeUserId) => request('POST', '/assignments', owner, { errorIds: [errorId], assigneeUserId })));

    expect(answers.every((answer) => answer.status === 200 || answer.status === 409)).toBe(true);
    expect(answers.some((answer) => answer.status === 200)).toBe(true);
    const { history: entries, assigneeUserId } = await history(errorId, owner);
    const changed = answers.filter((answer) => answer.status === 200 && answer.body.changed === 1).length;
    expect(entries).toHaveLength(changed);
    entries.forEach((entry: { previousAssigneeUserId: string | null }, index: number) =>
      expect(entry.previousAssigneeUserId).toBe(index === 0 ? null : entries[index - 1].assigneeUserId),
    );
    expect(assigneeUserId).toBe(entries[entries.length - 1].assigneeUserId);
  });
});

describe('assigning to a new email', () => {
  const completed = (request: InvitationRequestedV1, userId: string): InvitationRequestCompletedV1 => ({
    ...invitationRequestCompleted(request.accountId, { requestId: request.data.requestId, email: request.data.email, userId, requestedBy: request.data.requestedBy }),
    correlationId: request.correlationId,
    causationId: request.eventId,
  });
  const requestOf = (requestId: string): Promise<InvitationRequestedV1> =>
    eventually(() => {
      const mine = assignments.json<InvitationRequestedV1>().filter((event) => event.type === 'InvitationRequested' && event.data.requestId === requestId);
      expect(mine).toHaveLength(1);
      return mine[0];
    });

  it('asks identity to invite the email, and assigns the errors to the invited user when identity answers, once', async () => {
    const { accountId, owner } = await newAccount();
    const ids = await recorded(owner, errorRecorded(accountId), errorRecorded(accountId));
    const answer = await request('POST', '/assignments', owner, { errorIds: ids, email: 'new.person@example.com' });
    expect(answer.status).toBe(200);

    expect(answer.body).toMatchObject({ outcome: 'invitation_requested', changed: 0 });
    const invitationRequest = await requestOf(answer.body.invitationRequestId);
    expect(invitationRequest.data).toMatchObject({ email: 'new.person@example.com', integrationIds: ['int-1'], errorIds: ids });
    const requestPath = `/assignments/requests/${answer.body.invitationRequestId}`;
    expect(await request('GET', requestPath, owner)).toMatchObject({ status: 200, body: { status: 'pending', email: 'new.person@example.com', errorIds: ids } });
    const newUserId = randomUUID();
    const invited = completed(invitationRequest, newUserId);
    await kafka.publish(Topics.identityEvents, [invited, invited].map((value) => ({ key: accountId, value })));

    await eventually(() => {
      const mine = assignedEvents(ids) as ErrorAssignedV1[];
      expect(mine.map((event) => event.data.assigneeUserId)).toEqual([newUserId, newUserId]);
    });
    expect((await history(ids[0], owner)).assigneeUserId).toBe(newUserId);
    expect(await request('GET', requestPath, owner)).toMatchObject({ status: 200, body: { status: 'completed', assigneeUserId: newUserId } });
  });

  it("identity's refusal is visible to whoever asked, with the rule's code; nobody else learns of the request", async () => {
    const { accountId, owner, carolToken } = await newAccount();
    const [errorId] = await recorded(owner, errorRecorded(accountId));
    const answer = await request('POST', '/assignments', owner, { errorIds: [errorId], email: 'someone@example.com' });
    const requestId = answer.body.invitationRequestId;
    const refusal = invitationRequestRefused(accountId, {
      requestId,
      email: 'someone@example.com',
      code: 'INVITATIONS_DISABLED_FOR_MEMBERS',
      reason: 'invitations are turned off',
    });
    await kafka.publish(Topics.identityEvents, [{ key: accountId, value: refusal }]);
    await eventually(async () =>
      expect(await request('GET', `/assignments/requests/${requestId}`, owner)).toMatchObject({
        status: 200,
        body: { status: 'refused', code: 'INVITATIONS_DISABLED_FOR_MEMBERS', reason: 'invitations are turned off', errorIds: [errorId] },
      }),
    );
    expect((await request('GET', `/assignments/requests/${requestId}`, carolToken)).status).toBe(404);
    expect((await request('GET', `/assignments/requests/${randomUUID()}`, owner)).status).toBe(404);

    // Whenever they look later, the requester finds it among their refused requests; nobody else does.
    const refused = await request('GET', '/assignments/requests?status=refused', owner);
    expect(refused.body.items).toEqual([
      expect.objectContaining({ requestId, email: 'someone@example.com', status: 'refused', code: 'INVITATIONS_DISABLED_FOR_MEMBERS', errorIds: [errorId], answeredAt: expect.any(String) }),
    ]);
    const { answeredAt } = refused.body.items[0];
    expect((await request('GET', `/assignments/requests?status=refused&since=${encodeURIComponent(answeredAt)}`, owner)).body.items).toEqual([]);
    expect((await request('GET', '/assignments/requests?status=pending', owner)).body.items).toEqual([]);
    expect((await request('GET', '/assignments/requests', carolToken)).body.items).toEqual([]);
    expect((await request('GET', '/assignments/requests?status=lost', owner)).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ pointer: '/query/status' })] });
  });

  it("an active user's email assigns to them at once, and a pending invitee's email to the invitee; the answer says which", async () => {
    const { accountId, ownerUserId, owner, bob } = await newAccount();
    const invited = userInvited(accountId, ownerUserId, { email: 'Dana@Example.com', access: { 'int-1': 'monitor' } });
    await kafka.publish(Topics.identityEvents, [{ key: accountId, value: invited }]);
    const [first, second] = await recorded(owner, errorRecorded(accountId), errorRecorded(accountId));
    const requestsBefore = assignments.json().filter((event) => event.type === 'InvitationRequested').length;

    const toBob = await request('POST', '/assignments', owner, { errorIds: [first], email: `MEMBER-${bob}@example.test` });
    expect(toBob).toMatchObject({ status: 200, body: { changed: 1, outcome: 'assigned', assigneeUserId: bob } });
    const toDana = await eventually(async () => {
      const answer = await request('POST', '/assignments', owner, { errorIds: [second], email: 'dana@example.com' });
      expect(answer.body.outcome).toBe('assigned_to_invitee');
      return answer;
    });
    expect(toDana).toMatchObject({ status: 200, body: { changed: 1, assigneeUserId: invited.data.userId } });
    expect(toDana.body.invitationRequestId).toBeUndefined();
    await eventually(() => expect((assignedEvents([first, second]) as ErrorAssignedV1[]).map((event) => event.data.assigneeUserId).sort()).toEqual([bob, invited.data.userId].sort()));
    expect(assignments.json().filter((event) => event.type === 'InvitationRequested')).toHaveLength(requestsBefore);
  });

  it("a pending invitee without access to the errors' integration gets it asked of identity, then the errors; an actor who may not grant it is refused, naming the integration", async () => {
    const { accountId, ownerUserId, owner, carolToken } = await newAccount();
    const invited = userInvited(accountId, ownerUserId, { email: 'erin@example.com', access: { 'int-1': 'monitor' } });
    await kafka.publish(Topics.identityEvents, [{ key: accountId, value: invited }, { key: accountId, value: invitationsTurnedOff(accountId) }]);
    const [elsewhere] = await recorded(owner, errorRecorded(accountId, { integrationId: 'int-2' }));

    const byCarol = await eventually(async () => {
      const answer = await request('POST', '/assignments', carolToken, { errorIds: [elsewhere], email: 'erin@example.com' });
      expect(answer.status).toBe(422);
      return answer;
    });
    expect(byCarol.body).toMatchObject({ code: 'ASSIGNEE_CANNOT_TAKE_ERRORS' });
    expect(byCarol.body.detail).toContain('integration int-2');

    const answer = await request('POST', '/assignments', owner, { errorIds: [elsewhere], email: 'erin@example.com' });
    expect(answer).toMatchObject({ status: 200, body: { changed: 0, outcome: 'access_requested', assigneeUserId: invited.data.userId } });
    const widening = await requestOf(answer.body.invitationRequestId);
    expect(widening.data).toMatchObject({ email: 'erin@example.com', integrationIds: ['int-2'], errorIds: [elsewhere] });
    await kafka.publish(Topics.identityEvents, [{ key: accountId, value: completed(widening, invited.data.userId) }]);
    await eventually(async () => expect((await history(elsewhere, owner)).assigneeUserId).toBe(invited.data.userId));
  });

  it('a member may not assign to a new email when invitations are off; nothing is requested', async () => {
    const { accountId, owner, bob } = await newAccount();
    await kafka.publish(Topics.identityEvents, [{ key: accountId, value: invitationsTurnedOff(accountId) }]);
    const [errorId] = await recorded(owner, errorRecorded(accountId));
    const bobToken = tokenOf(bob, accountId, 'member');
    await eventually(async () =>
      expect(await request('POST', '/assignments', bobToken, { errorIds: [errorId], email: 'x@example.com' })).toMatchObject({
        status: 403,
        body: { code: 'INVITATIONS_DISABLED_FOR_MEMBERS' },
      }),
    );
    expect((await request('POST', '/assignments', owner, { errorIds: [errorId] })).body.errors[0].pointer).toBe('/body/assigneeUserId');
  });
});

function invitationsTurnedOff(accountId: string): AccountSettingsChangedV1 {
  return {
    eventId: randomUUID(),
    type: 'AccountSettingsChanged',
    version: 1,
    occurredAt: new Date().toISOString(),
    accountId,
    aggregateId: accountId,
    aggregateVersion: 2,
    correlationId: randomUUID(),
    actor: { type: 'system', id: 'test' },
    data: { accountId, invitationsEnabled: false },
  };
}

describe('read models', () => {
  it('every assignee and email request made by the tests above equals a rebuild from the event store', async () => {
    const { differing, events } = await compareWithRebuild(app.get(DataSource), assignmentReadModels());
    expect(events).toBeGreaterThan(50);
    expect(differing).toEqual([]);
  });
});
