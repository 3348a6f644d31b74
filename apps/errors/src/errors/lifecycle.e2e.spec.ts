import {
  AutomationDisabledV1,
  ErrorAssignedV1,
  ErrorResolvedV1,
  RecordSucceededV1,
  RetryCancelledV1,
  RetryRequestedV1,
  RetrySucceededV1,
  SeverityNotificationRequestedV1,
  Topics,
  validate,
  ContractRegistry,
} from '@faultline/contracts';
import { errorOccurred, eventually, TEST_INTERNAL_API_KEY } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rebuildReadModels } from '../rebuild/read-models.rebuild';
import { ApiAnswer, ErrorsHarness } from '../test-support/errors-harness';

let harness: ErrorsHarness;

beforeAll(async () => {
  harness = await ErrorsHarness.start();
});

afterAll(async () => {
  await harness?.close();
});

const runtimeEnvelope = (accountId: string) => ({
  eventId: randomUUID(),
  version: 1 as const,
  occurredAt: new Date().toISOString(),
  accountId,
  correlationId: randomUUID(),
  actor: { type: 'system' as const, id: 'runtime-1' },
});

const recordSucceeded = (accountId: string, traceKey: string, where = { integrationId: 'int-1', flowId: 'flow-1' }): RecordSucceededV1 => ({
  ...runtimeEnvelope(accountId),
  type: 'RecordSucceeded',
  data: { ...where, flowStepId: 'step-1', runId: `run-${randomUUID()}`, traceKey },
});

const assigned = (accountId: string, errorId: string, assigneeUserId: string, version = 1, cause: ErrorAssignedV1['data']['cause'] = 'manual'): ErrorAssignedV1 => ({
  ...runtimeEnvelope(accountId),
  type: 'ErrorAssigned',
  aggregateId: errorId,
  aggregateVersion: version,
  actor: { type: 'user', id: assigneeUserId },
  data: { assignmentId: randomUUID(), errorId, assigneeUserId, assignedBy: { type: 'user', id: assigneeUserId }, selfAssigned: true, cause },
});

/** Every message a topic carried is valid against its contract: what we publish, others can read. */
const valid = (topic: string, message: { type: string; version: number }) => {
  const schema = ContractRegistry[topic]?.find((candidate) => candidate.$id === `${message.type}.v${message.version}`);
  expect(schema && validate(schema, message).ok).toBe(true);
};

describe('an error from report to resolution', () => {
  it('is listed, tagged, its retry data edited, retried with that data, and resolved by RetrySucceeded', async () => {
    const commands = await harness.kafka.record(Topics.flowCommands);
    const events = await harness.kafka.record(Topics.errorsEvents);
    const { accountId, ownerToken } = await harness.newAccount();
    const report = errorOccurred({ accountId, data: { httpStatus: 422, retryDataKey: 'order-7', retryData: { email: 'bad' } } });
    await harness.publishReports(report);
    const [item] = await eventually(async () => {
      const page = await harness.list(ownerToken);
      expect(page.items).toHaveLength(1);
      return page.items;
    });

    const tag = await harness.request('POST', '/tags', ownerToken, { name: 'Billing', colour: '#aa0000' });
    expect(tag.status).toBe(201);
    const tagged = await harness.request('POST', '/errors/tags', ownerToken, { errorIds: [item.errorId], add: [tag.body.tagId] });
    expect(tagged.body).toMatchObject({ matched: 1, changed: 1 });

    const edited = await harness.request('PUT', `/errors/${item.errorId}/retry-data`, ownerToken, { retryData: { email: 'good@example.com' } });
    expect(edited.status).toBe(200);
    const retried = await harness.request('POST', '/errors/retry', ownerToken, { errorIds: [item.errorId] });
    expect(retried.status).toBe(200);
    const retryId: string = retried.body.retries[0].retryId;

    const [request] = await eventually(() => {
      const mine = commands.json<RetryRequestedV1>().filter((command) => command.type === 'RetryRequested' && command.data.errorId === item.errorId);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(request.data).toMatchObject({ retryId, runId: report.data.runId, retryDataKey: 'order-7', retryData: { email: 'good@example.com' } });
    valid(Topics.flowCommands, request);

    const succeeded: RetrySucceededV1 = {
      ...runtimeEnvelope(accountId),
      type: 'RetrySucceeded',
      data: { integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-1', runId: report.data.runId, retryId, errorId: item.errorId },
    };
    await harness.publishReports(succeeded, succeeded);

    await eventually(async () => expect((await harness.list(ownerToken, 'status=resolved')).items.map((error) => error.errorId)).toEqual([item.errorId]));
    const details = await harness.request('GET', `/errors/${item.errorId}`, ownerToken);
    expect(details.body.error).toMatchObject({ status: 'resolved', resolution: 'retry_succeeded', tagIds: [tag.body.tagId] });
    expect(details.body.retryData).toEqual({ email: 'good@example.com' });
    expect(details.body.history.map((entry: { type: string }) => entry.type)).toEqual([
      'ErrorRecorded',
      'ErrorTagged',
      'RetryDataEdited',
      'ErrorRetryRequested',
      'ErrorResolved',
    ]);
    expect(details.body.history[1].actor).toEqual({ type: 'user', id: expect.any(String) });

    const resolved = await eventually(() => {
      const mine = events.json<ErrorResolvedV1>().filter((event) => event.type === 'ErrorResolved' && event.data.errorId === item.errorId);
      expect(mine).toHaveLength(1);
      return mine[0];
    });
    expect(resolved.data).toMatchObject({ reason: 'retry_succeeded' });
    for (const event of events.json<{ type: string; version: number; accountId: string }>().filter((one) => one.accountId === accountId)) {
      valid(Topics.errorsEvents, event);
    }
  });

  it('a 6000 disables the flow until it is re-enabled, and asks to notify the automation’s creator', async () => {
    const commands = await harness.kafka.record(Topics.flowCommands);
    const events = await harness.kafka.record(Topics.errorsEvents);
    const { accountId, ownerToken } = await harness.newAccount();
    const report = errorOccurred({
      accountId,
      data: {
        httpStatus: 400,
        automationCreatorUserId: 'usr-creator',
        responseBody: { severityCode: 6000, notificationErrorTitle: 'Group deleted', disableErrorDescription: 'Choose another group' },
      },
    });
    await harness.publishReports(report);

    const disabled = await eventually(() => {
      const mine = commands.json<AutomationDisabledV1>().filter((command) => command.type === 'AutomationDisabled' && command.accountId === accountId);
      expect(mine).toHaveLength(1);
      return mine[0];
    });
    expect(disabled.data).toMatchObject({ flowId: 'flow-1', disableErrorDescription: 'Choose another group' });
    const notification = await eventually(() => {
      const mine = events.json<SeverityNotificationRequestedV1>().filter((event) => event.type === 'SeverityNotificationRequested' && event.accountId === accountId);
      expect(mine).toHaveLength(1);
      return mine[0];
    });
    expect(notification.data).toMatchObject({ severity: 'high', automationCreatorUserId: 'usr-creator', notificationErrorTitle: 'Group deleted' });
    // Keyed by the flow, not the error: it may reach the topic's reader after the notification request.
    await eventually(() =>
      expect(events.json<{ type: string; accountId: string }>().filter((event) => event.type === 'AutomationDisabled' && event.accountId === accountId)).toHaveLength(1),
    );

    const flow = await harness.request('GET', '/integrations/int-1/flows/flow-1', ownerToken);
    expect(flow.body).toMatchObject({ disabled: true, disabledByStepId: report.data.flowStepId, disableErrorDescription: 'Choose another group' });
    const enabled = await harness.request('POST', '/integrations/int-1/flows/flow-1/enable', ownerToken);
    expect(enabled.body).toMatchObject({ disabled: false, disabledByStepId: null });
    await eventually(() => expect(commands.json<{ type: string; accountId: string }>().filter((c) => c.type === 'AutomationReenabled' && c.accountId === accountId)).toHaveLength(1));

    const activity = await harness.request('GET', '/integrations/int-1/flows/flow-1/activity', ownerToken);
    expect(activity.body.items).toEqual([expect.objectContaining({ kind: 'recorded', severity: 'high', httpStatus: 400 })]);
  });
});

describe('trace keys', () => {
  it('with auto-resolve off, the same record failing again counts as another occurrence of the open error, in the activity log too', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    await harness.publishReports(errorOccurred({ accountId, data: { traceKey: 'order-1' } }));
    await eventually(async () => expect((await harness.list(ownerToken)).items).toHaveLength(1));
    await harness.publishReports(errorOccurred({ accountId, data: { traceKey: 'order-1' } }), recordSucceeded(accountId, 'order-1'));

    await eventually(async () => expect((await harness.list(ownerToken)).items[0]?.occurrences).toBe(2));
    expect((await harness.list(ownerToken)).items).toMatchObject([{ status: 'open' }]);
    // The flow's activity log has both failures, the second at the step it happened at.
    const activity = await harness.request('GET', '/integrations/int-1/flows/flow-1/activity', ownerToken);
    expect(activity.body.items.map((entry: { kind: string; flowStepId: string }) => [entry.kind, entry.flowStepId])).toEqual([
      ['occurred_again', 'step-1'],
      ['recorded', 'step-1'],
    ]);
  });

  it('with auto-resolve on, a new occurrence supersedes the open error, and RecordSucceeded resolves the new one', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    const settings = await harness.request('PUT', '/integrations/int-1/flows/flow-1/settings', ownerToken, { autoResolveMatchingTraceKey: true });
    expect(settings.body).toMatchObject({ autoResolveMatchingTraceKey: true });
    const longKey = 'k'.repeat(200);
    await harness.publishReports(errorOccurred({ accountId, data: { traceKey: longKey } }));
    const [first] = await eventually(async () => {
      const page = await harness.list(ownerToken);
      expect(page.items).toHaveLength(1);
      return page.items;
    });
    expect(first.traceKey).toHaveLength(128);
    await harness.publishReports(errorOccurred({ accountId, occurredAt: new Date(Date.now() + 1_000).toISOString(), data: { traceKey: longKey } }));

    const [newer] = await eventually(async () => {
      const open = await harness.list(ownerToken, 'status=open');
      expect(open.items.map((error) => error.errorId)).not.toContain(first.errorId);
      expect(open.items).toHaveLength(1);
      return open.items;
    });
    const superseded = await harness.request('GET', `/errors/${first.errorId}`, ownerToken);
    expect(superseded.body.error).toMatchObject({ status: 'resolved', resolution: 'superseded', supersededBy: newer.errorId, resolvedByUserId: null });
    expect(superseded.body.related.sameTraceKey).toEqual([newer.errorId]);

    const success = recordSucceeded(accountId, longKey);
    await harness.publishReports(success);
    await eventually(async () => expect((await harness.list(ownerToken, 'status=open')).total).toBe(0));
    const resolved = (await harness.request('GET', `/errors/${newer.errorId}`, ownerToken)).body;
    expect(resolved.error.resolution).toBe('record_succeeded');
    // Which run's success resolved it, for the timeline to say.
    expect(resolved.history.at(-1)).toMatchObject({ type: 'ErrorResolved', details: { reason: 'record_succeeded', runId: success.data.runId } });
  });
});

describe('trace keys stay within their integration and flow', () => {
  it("another integration's failure with the same step id and trace key is its own error, and its success resolves nothing here", async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    await harness.request('PUT', '/integrations/int-1/flows/flow-1/settings', ownerToken, { autoResolveMatchingTraceKey: true });
    await harness.publishReports(errorOccurred({ accountId, data: { traceKey: 'order-1' } }));
    const [mine] = await eventually(async () => {
      const page = await harness.list(ownerToken);
      expect(page.items).toHaveLength(1);
      return page.items;
    });
    const elsewhere = { integrationId: 'int-2', flowId: 'flow-2' };
    await harness.publishReports(errorOccurred({ accountId, data: { ...elsewhere, traceKey: 'order-1', message: 'Failed in int-2' } }));
    await eventually(async () => expect((await harness.list(ownerToken, 'integrationId=int-2')).items).toMatchObject([{ message: 'Failed in int-2', occurrences: 1 }]));
    await harness.request('PUT', '/integrations/int-2/flows/flow-2/settings', ownerToken, { autoResolveMatchingTraceKey: true });
    await harness.publishReports(recordSucceeded(accountId, 'order-1', elsewhere));

    await eventually(async () => expect((await harness.list(ownerToken, 'integrationId=int-2&status=resolved')).items).toMatchObject([{ resolution: 'record_succeeded' }]));
    const details = await harness.request('GET', `/errors/${mine.errorId}`, ownerToken);
    expect(details.body.error).toMatchObject({ status: 'open', occurrences: 1 });
    expect(details.body.related.sameTraceKey).toEqual([]);
  });
});

describe('the errors list filters', () => {
  let accountId: string;
  let ownerToken: string;
  let ownerUserId: string;
  let tagA: string;
  let tagB: string;

  beforeAll(async () => {
    ({ accountId, ownerToken, ownerUserId } = await harness.newAccount());
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString();
    await harness.publishReports(
      errorOccurred({ accountId, occurredAt: at(0), data: { httpStatus: 404, source: 'salesforce', message: 'Account 17 not found' } }),
      errorOccurred({ accountId, occurredAt: at(1), data: { httpStatus: 500, source: 'netsuite', message: 'Internal error' } }),
      errorOccurred({ accountId, occurredAt: at(2), data: { httpStatus: 500, source: 'netsuite', message: 'Billing address rejected' } }),
      errorOccurred({ accountId, occurredAt: at(3), data: { integrationId: 'int-2', flowId: 'flow-2', flowStepId: 'step-2', message: 'Timeout' } }),
    );
    await eventually(async () => expect((await harness.list(ownerToken)).total).toBe(4));
    tagA = (await harness.request('POST', '/tags', ownerToken, { name: 'a', colour: '#000000' })).body.tagId;
    tagB = (await harness.request('POST', '/tags', ownerToken, { name: 'b', colour: '#ffffff' })).body.tagId;
    const ids = (await harness.list(ownerToken)).items.map((error) => error.errorId);
    // Newest first: the int-2 timeout, the rejected billing address, the internal error, the 404.
    const [timeout, billing, internal, notFound] = ids;
    await harness.request('POST', '/errors/tags', ownerToken, { errorIds: [timeout, internal], add: [tagA] });
    await harness.request('POST', '/errors/tags', ownerToken, { errorIds: [billing, internal], add: [tagB] });
    await harness.request('POST', '/errors/resolve', ownerToken, { errorIds: [notFound] });
    await harness.kafka.publish(Topics.assignmentEvents, [{ key: billing, value: assigned(accountId, billing, ownerUserId) }]);
    await eventually(async () => expect((await harness.list(ownerToken, 'assignee=me')).total).toBe(1));
  });

  const messages = async (query: string) => (await harness.list(ownerToken, query)).items.map((error) => error.message);

  it.each([
    ['integrationId=int-2', ['Timeout']],
    ['flowId=flow-1&flowStepId=step-1', ['Billing address rejected', 'Internal error', 'Account 17 not found']],
    ['status=resolved', ['Account 17 not found']],
    ['status=open&httpStatus=500', ['Billing address rejected', 'Internal error']],
    ['source=salesforce', ['Account 17 not found']],
    ['from=2026-11-01T12:01:00Z&to=2026-11-01T12:03:00Z', ['Billing address rejected', 'Internal error']],
    ['q=BILLING%20addr', ['Billing address rejected']],
    ['q=ss%20rej', ['Billing address rejected']],
    ['q=100%25', []],
    ['assignee=unassigned', ['Timeout', 'Internal error', 'Account 17 not found']],
    ['errorClass=missing', ['Account 17 not found']],
  ])('%s', async (query, expected) => {
    expect(await messages(query)).toEqual(expected);
  });

  it('by assignee: me, a user id, and together with other filters', async () => {
    expect(await messages('assignee=me')).toEqual(['Billing address rejected']);
    expect(await messages(`assignee=${ownerUserId}&status=open`)).toEqual(['Billing address rejected']);
    expect(await messages(`assignee=${ownerUserId}&status=resolved`)).toEqual([]);
  });

  it('by tags, any of or all of', async () => {
    expect(await messages(`tags=${tagA},${tagB}`)).toEqual(['Timeout', 'Billing address rejected', 'Internal error']);
    expect(await messages(`tags=${tagA},${tagB}&tagsMatch=all`)).toEqual(['Internal error']);
    expect(await messages(`tags=${tagB}&assignee=me`)).toEqual(['Billing address rejected']);
  });

  it('counts the total over all pages', async () => {
    const page = await harness.list(ownerToken, 'limit=1&status=open');
    expect(page).toMatchObject({ total: 3, items: [expect.anything()] });
    expect(page.nextCursor).not.toBeNull();
  });

  it('a late or repeated assignment event does not overwrite a newer one', async () => {
    const [errorId] = (await harness.list(ownerToken, 'integrationId=int-2')).items.map((error) => error.errorId);
    await harness.kafka.publish(Topics.assignmentEvents, [{ key: errorId, value: assigned(accountId, errorId, 'usr-later', 2) }]);
    await eventually(async () => expect(await messages('assignee=usr-later')).toEqual(['Timeout']));
    await harness.kafka.publish(Topics.assignmentEvents, [{ key: errorId, value: assigned(accountId, errorId, 'usr-earlier', 1) }]);
    await harness.kafka.publish(Topics.assignmentEvents, [{ key: errorId, value: assigned(accountId, errorId, 'usr-later', 2) }]);
    await eventually(async () => expect(await messages('assignee=usr-later')).toEqual(['Timeout']));
    expect(await messages('assignee=usr-earlier')).toEqual([]);
  });

  it('says when a rule, not a person, chose the assignee', async () => {
    const [errorId] = (await harness.list(ownerToken, 'integrationId=int-2')).items.map((error) => error.errorId);
    await harness.kafka.publish(Topics.assignmentEvents, [{ key: errorId, value: assigned(accountId, errorId, 'usr-rule', 3, 'retryDataKey') }]);
    await eventually(async () => expect((await harness.list(ownerToken, 'assignee=usr-rule')).items).toEqual([expect.objectContaining({ errorId, assignmentCause: 'retryDataKey' })]));
    expect((await harness.request('GET', `/errors/${errorId}`, ownerToken)).body.error.assignmentCause).toBe('retryDataKey');
  });

  it('exports the filtered list as CSV', async () => {
    const csv = await harness.request('GET', '/errors/export.csv?status=open&flowId=flow-1', ownerToken);
    expect(csv.contentType).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^errorId,integrationId,flowId/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((line) => line.split(',')[0]).sort()).toEqual(
      (await harness.list(ownerToken, 'status=open&flowId=flow-1')).items.map((error) => error.errorId).sort(),
    );
  });

  it('counts open errors per integration, flow, step and tag for the dashboard', async () => {
    const monitor = await harness.request('GET', '/monitor', ownerToken);
    expect(monitor.body.totals).toEqual({ open: 3, assigned: 2, unassigned: 1 });
    expect(monitor.body.integrations).toEqual(
      expect.arrayContaining([
        { integrationId: 'int-1', name: null, open: 2, assigned: 1, unassigned: 1 },
        { integrationId: 'int-2', name: null, open: 1, assigned: 1, unassigned: 0 },
      ]),
    );
    expect(monitor.body.tags).toEqual(expect.arrayContaining([{ tagId: tagA, name: 'a', open: 2 }, { tagId: tagB, name: 'b', open: 2 }]));
  });
});

describe('bulk actions and their limits', () => {
  it('resolves everything matching a filter, after a dry run that only counts', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    await harness.publishReports(...Array.from({ length: 12 }, () => errorOccurred({ accountId, data: { source: 'shopify' } })), errorOccurred({ accountId }));
    await eventually(async () => expect((await harness.list(ownerToken)).total).toBe(13));

    const dryRun = await harness.request('POST', '/errors/by-filter', ownerToken, { action: 'resolve', filter: { source: 'shopify' }, dryRun: true });
    expect(dryRun.body).toEqual({ matched: 12, changed: 0, dryRun: true });
    expect((await harness.list(ownerToken, 'status=open')).total).toBe(13);
    const done = await harness.request('POST', '/errors/by-filter', ownerToken, { action: 'resolve', filter: { source: 'shopify' } });
    expect(done.body).toEqual({ matched: 12, changed: 12, dryRun: false });
    expect((await harness.list(ownerToken, 'status=open')).total).toBe(1);
  });

  it('tags everything matching a filter, and takes a tag off the same way', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    await harness.publishReports(...Array.from({ length: 5 }, () => errorOccurred({ accountId, data: { source: 'netsuite' } })), errorOccurred({ accountId }));
    await eventually(async () => expect((await harness.list(ownerToken)).total).toBe(6));
    const urgent = (await harness.request('POST', '/tags', ownerToken, { name: 'urgent', colour: '#aa0000' })).body.tagId;

    const tagging = { action: 'tag', filter: { source: 'netsuite' }, add: [urgent] };
    expect((await harness.request('POST', '/errors/by-filter', ownerToken, { ...tagging, dryRun: true })).body).toEqual({ matched: 5, changed: 0, dryRun: true });
    expect((await harness.request('POST', '/errors/by-filter', ownerToken, tagging)).body).toEqual({ matched: 5, changed: 5, dryRun: false });
    expect((await harness.list(ownerToken, `tags=${urgent}`)).total).toBe(5);
    const untagging = { action: 'tag', filter: { tags: urgent }, remove: [urgent] };
    expect((await harness.request('POST', '/errors/by-filter', ownerToken, untagging)).body).toEqual({ matched: 5, changed: 5, dryRun: false });
    expect((await harness.list(ownerToken, `tags=${urgent}`)).total).toBe(0);
    expect((await harness.request('POST', '/errors/by-filter', ownerToken, { ...tagging, add: [randomUUID()] })).body).toMatchObject({ code: 'UNKNOWN_TAGS' });
  });

  it('by filter, a rule refusing some errors refuses only those, and the answer says which rule and how many', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    await harness.publishReports(...Array.from({ length: 4 }, () => errorOccurred({ accountId, data: { source: 'sap' } })));
    const errors = await eventually(async () => {
      const page = await harness.list(ownerToken);
      expect(page.total).toBe(4);
      return page.items;
    });
    const newTag = async (name: string) => (await harness.request('POST', '/tags', ownerToken, { name, colour: '#005500' })).body.tagId as string;
    const full = [await newTag('a'), await newTag('b'), await newTag('c')];
    await harness.request('POST', '/errors/tags', ownerToken, { errorIds: [errors[0].errorId], add: full });
    const urgent = await newTag('urgent');

    const answer = await harness.request('POST', '/errors/by-filter', ownerToken, { action: 'tag', filter: { source: 'sap' }, add: [urgent] });
    expect(answer.body).toEqual({
      matched: 4,
      changed: 3,
      dryRun: false,
      refused: [{ code: 'TOO_MANY_TAGS', detail: expect.stringContaining(errors[0].errorId), count: 1, errorIds: [errors[0].errorId] }],
    });
    expect((await harness.list(ownerToken, `tags=${urgent}`)).total).toBe(3);

    await harness.request('POST', '/errors/by-filter', ownerToken, { action: 'resolve', filter: { source: 'sap' } });
    const reopened = await harness.request('POST', '/errors/by-filter', ownerToken, { action: 'reopen', filter: { source: 'sap' } });
    expect(reopened.body).toEqual({ matched: 4, changed: 4, dryRun: false });
  });

  it('refuses more than 1,000 ids, a fourth tag, an unknown tag and an unknown error with clear problems', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    await harness.publishReports(errorOccurred({ accountId }));
    const [error] = await eventually(async () => {
      const page = await harness.list(ownerToken);
      expect(page.items).toHaveLength(1);
      return page.items;
    });
    const tooMany = await harness.request('POST', '/errors/resolve', ownerToken, { errorIds: Array.from({ length: 1_001 }, () => randomUUID()) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].pointer).toBe('/body/errorIds');

    const tags = [];
    for (const name of ['t1', 't2', 't3', 'T4']) tags.push((await harness.request('POST', '/tags', ownerToken, { name, colour: '#123456' })).body.tagId);
    expect((await harness.request('POST', '/tags', ownerToken, { name: 'T1', colour: '#123456' })).status).toBe(409);
    await harness.request('POST', '/errors/tags', ownerToken, { errorIds: [error.errorId], add: tags.slice(0, 3) });
    const fourth = await harness.request('POST', '/errors/tags', ownerToken, { errorIds: [error.errorId], add: [tags[3]] });
    expect(fourth).toMatchObject({ status: 422, body: { code: 'TOO_MANY_TAGS' } });
    const unknownTag = await harness.request('POST', '/errors/tags', ownerToken, { errorIds: [error.errorId], add: [randomUUID()] });
    expect(unknownTag).toMatchObject({ status: 422, body: { code: 'UNKNOWN_TAGS' } });
    expect((await harness.request('POST', '/errors/resolve', ownerToken, { errorIds: [randomUUID()] })).status).toBe(404);

    const deleted = await harness.request('DELETE', `/tags/${tags[0]}`, ownerToken);
    expect(deleted.status).toBe(204);
    expect((await harness.request('GET', `/errors/${error.errorId}`, ownerToken)).body.error.tagIds.sort()).toEqual(tags.slice(1, 3).sort());
  });

  it('a member acting on an integration they cannot view is refused with 403 and nothing changes', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    const member = await harness.newUser(accountId, { role: 'member', access: { 'int-1': 'monitor' } });
    await harness.publishReports(errorOccurred({ accountId }), errorOccurred({ accountId, data: { integrationId: 'int-2' } }));
    await eventually(async () => expect((await harness.list(ownerToken)).total).toBe(2));
    const ids = (await harness.list(ownerToken)).items.map((error) => error.errorId);

    const refused = await harness.request('POST', '/errors/resolve', member.token, { errorIds: ids });
    expect(refused).toMatchObject({ status: 403, body: { code: 'NO_ACCESS_TO_INTEGRATION' } });
    expect((await harness.list(ownerToken, 'status=open')).total).toBe(2);
    const settings = await harness.request('PUT', '/integrations/int-1/flows/flow-1/settings', member.token, { autoResolveMatchingTraceKey: true });
    expect(settings.status).toBe(403);
    const mine = (await harness.list(member.token)).items.map((error) => error.errorId);
    expect((await harness.request('POST', '/errors/resolve', member.token, { errorIds: mine })).status).toBe(200);
    expect((await harness.request('PATCH', `/tags/${randomUUID()}`, member.token, { name: 'x' })).status).toBe(403);
  });
});

describe('pending retries', () => {
  it('an automatic and a manual retry are listed for their step and can be cancelled before they are due', async () => {
    const commands = await harness.kafka.record(Topics.flowCommands);
    const { accountId, ownerToken } = await harness.newAccount();
    await harness.publishReports(
      errorOccurred({ accountId, data: { stepType: 'custom_action', httpStatus: 503 } }),
      errorOccurred({ accountId, data: { stepType: 'import', httpStatus: 400 } }),
    );
    const [error] = await eventually(async () => {
      const page = await harness.list(ownerToken);
      expect(page.items).toHaveLength(1);
      return page.items;
    });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await harness.request('POST', '/errors/retry', ownerToken, { errorIds: [error.errorId], notBefore: later });

    const pending = await eventually(async () => {
      const answer = await harness.request('GET', '/integrations/int-1/flows/flow-1/retries?flowStepId=step-1', ownerToken);
      expect(answer.body.items).toHaveLength(2);
      return answer.body.items as Array<{ retryId: string; kind: string }>;
    });
    expect(pending.map((retry) => retry.kind).sort()).toEqual(['automatic', 'manual']);
    const manual = pending.find((retry) => retry.kind === 'manual');
    expect((await harness.request('DELETE', `/retries/${manual?.retryId}`, ownerToken)).status).toBe(204);
    const left = await harness.request('GET', '/integrations/int-1/flows/flow-1/retries', ownerToken);
    expect(left.body.items.map((retry: { kind: string }) => retry.kind)).toEqual(['automatic']);
    await eventually(() => {
      const cancelled = commands.json<RetryCancelledV1>().filter((command) => command.type === 'RetryCancelled' && command.data.retryId === manual?.retryId);
      expect(cancelled).toHaveLength(1);
    });
    expect((await harness.request('DELETE', `/retries/${randomUUID()}`, ownerToken)).status).toBe(404);
  });
});

describe('reports a domain rule refuses', () => {
  it('a flow reported under another integration goes to the DLQ with the reason, and the next report is recorded', async () => {
    const dlq = await harness.kafka.record(`${Topics.flowErrors}.dlq`);
    const { accountId, ownerToken } = await harness.newAccount();
    const severe = { httpStatus: 400, severityCode: 6000 };
    await harness.publishReports(errorOccurred({ accountId, data: { ...severe } }));
    await eventually(async () => expect((await harness.list(ownerToken)).total).toBe(1));
    const misplaced = errorOccurred({ accountId, data: { ...severe, integrationId: 'int-9' } });
    const good = errorOccurred({ accountId, data: { flowId: 'flow-7' } });
    await harness.publishReports(misplaced, good);

    await eventually(async () => expect((await harness.list(ownerToken, 'flowId=flow-7')).total).toBe(1));
    const [rejected] = await dlq.waitFor(1);
    expect(rejected.headers['dlq-reason']).toMatch(/FLOW_OF_ANOTHER_INTEGRATION/);
    expect(JSON.parse(rejected.value).eventId).toBe(misplaced.eventId);
  });
});

describe('rebuilding the read models', () => {
  it('re-creates every read model from the event store with the same rows as before', async () => {
    // Its own history of every kind, so the test stands alone (the others add theirs when run).
    const { accountId, ownerToken } = await harness.newAccount();
    await harness.publishReports(
      ...Array.from({ length: 26 }, (_, index) => errorOccurred({ accountId, data: { traceKey: `order-${index % 22}`, retryData: { index } } })),
      errorOccurred({ accountId, data: { stepType: 'custom_action', httpStatus: 503 } }),
    );
    const ids = await eventually(async () => {
      const page = await harness.list(ownerToken, 'limit=100');
      expect(page.items.filter((item) => item.occurrences > 1)).toHaveLength(4);
      return page.items.map((item) => item.errorId);
    });
    const tagId = (await harness.request('POST', '/tags', ownerToken, { name: 'rebuild', colour: '#123456' })).body.tagId;
    await harness.request('POST', '/errors/tags', ownerToken, { errorIds: ids.slice(0, 5), add: [tagId] });
    await harness.request('POST', '/errors/resolve', ownerToken, { errorIds: ids.slice(3, 8) });
    const dataSource = harness.app.get(DataSource);
    const snapshot = async () => {
      const tables: Record<string, unknown[]> = {};
      for (const [table, order] of Object.entries(READ_MODEL_ORDER)) {
        tables[table] = await dataSource.query(`SELECT * FROM ${table} ORDER BY ${order}`);
      }
      return tables;
    };
    const before = await snapshot();
    expect(before.errors_list.length).toBeGreaterThan(20);
    expect(before.flow_activity.length).toBeGreaterThan(20);

    const { events } = await rebuildReadModels(dataSource);

    expect(events).toBeGreaterThan(before.errors_list.length);
    expect(await snapshot()).toEqual(before);
  });
});

const READ_MODEL_ORDER = {
  errors_list: 'error_id',
  error_retry_data: 'error_id',
  flows: 'account_id, flow_id',
  flow_activity: 'position',
  pending_retries: 'retry_id',
  tags: 'tag_id',
};

describe('the API description', () => {
  it('documents every endpoint of the lifecycle at /docs-json', async () => {
    const docs = await harness.request('GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/errors',
        '/errors/export.csv',
        '/errors/{errorId}',
        '/errors/resolve',
        '/errors/retry',
        '/errors/tags',
        '/errors/by-filter',
        '/errors/{errorId}/retry-data',
        '/tags',
        '/integrations/{integrationId}/flows/{flowId}/settings',
        '/integrations/{integrationId}/flows/{flowId}/activity',
        '/retries/{retryId}',
        '/monitor',
      ]),
    );
  });
});

describe('reports over HTTP, for runtimes that cannot reach Kafka', () => {
  const post = (body: unknown, key = TEST_INTERNAL_API_KEY) =>
    fetch(`${harness.baseUrl}/internal/flow-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-internal-api-key': key } : {}) },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as ApiAnswer['body'] }));

  it('records what Kafka would, refuses invalid reports with the fields at fault, and ignores a resent report', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    const reports = [errorOccurred({ accountId }), errorOccurred({ accountId, data: { traceKey: 'order-9' } })];

    expect((await post(reports, '')).status).toBe(401);
    expect((await post(reports, 'wrong-key-of-some-length')).status).toBe(401);
    const broken = { ...reports[1], data: { ...reports[1].data, flowId: undefined, httpStatus: 'teapot' } };
    const refused = await post([reports[0], broken]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual(
      expect.arrayContaining(['/body/1/data/flowId', '/body/1/data/httpStatus']),
    );
    expect((await harness.list(ownerToken)).total).toBe(0);

    expect(await post(reports)).toEqual({ status: 202, body: { accepted: 2, refused: [] } });
    expect((await post(reports[0])).status).toBe(202);
    expect((await harness.list(ownerToken)).total).toBe(2);
    expect((await post({ ...reports[0], type: 'ErrorTeleported' })).body.errors).toEqual([{ pointer: '/body/type', detail: expect.any(String) }]);
  });

  it('a report a rule refused is refused again when sent again (as after a lost dead letter, or a replay), and a good one still counts once', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    const severe = { httpStatus: 400, severityCode: 6000 };
    expect((await post(errorOccurred({ accountId, data: severe }))).status).toBe(202);
    const misplaced = errorOccurred({ accountId, data: { ...severe, integrationId: 'int-9' } });
    const good = errorOccurred({ accountId, data: { flowId: 'flow-8' } });

    const first = await post([misplaced, good]);
    const again = await post([misplaced, good]);
    for (const answer of [first, again]) {
      expect(answer.body.refused).toEqual([{ eventId: misplaced.eventId, reason: expect.stringMatching(/^FLOW_OF_ANOTHER_INTEGRATION/) }]);
    }
    expect(first.body.accepted).toBe(1);
    expect((await harness.list(ownerToken, 'flowId=flow-8')).total).toBe(1);
  });
});
