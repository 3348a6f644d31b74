import { pactWorkspace } from '@faultline/testing';
import { MatchersV3, PactV3 } from '@pact-foundation/pact';
import { AdminApiRefusal, AdminTool } from './admin-tool';
import { ADMIN_TOOL, EXAMPLE, OPEN_ERROR, PLACE } from './admin-api.states';

/**
 * The admin API as a tool needs it, consumer-driven: each interaction is the tool's own call
 * against Pact's mock service. The pacts are committed in contracts/pacts/ and verified against
 * the running services (admin-api.provider.e2e.spec.ts); this test fails while a committed one
 * differs (`npm run pacts:refresh` writes them).
 */
const { like, integer, eachLike, regex, timestamp, fromProviderState } = MatchersV3;
const ISO = "yyyy-MM-dd'T'HH:mm:ss.SSSX";
const errorsPacts = pactWorkspace(`${ADMIN_TOOL}-faultline-errors.json`);
const assignmentPacts = pactWorkspace(`${ADMIN_TOOL}-faultline-assignment.json`);
const errors = new PactV3({ consumer: ADMIN_TOOL, provider: 'faultline-errors', dir: errorsPacts.dir, logLevel: 'warn' });
const assignment = new PactV3({ consumer: ADMIN_TOOL, provider: 'faultline-assignment', dir: assignmentPacts.dir, logLevel: 'warn' });

const bearer = { authorization: regex('^Bearer flt_[A-Za-z0-9_-]+$', 'Bearer flt_an-api-token') };
const json = { 'Content-Type': regex('^application/json(;.*)?$', 'application/json; charset=utf-8') };
const sending = { ...bearer, 'content-type': 'application/json' };
const theError = fromProviderState('${errorId}', EXAMPLE.errorId);
const tool = (baseUrl: string) => new AdminTool({ errorsUrl: baseUrl, assignmentUrl: baseUrl, token: 'flt_an-api-token' });

const listItem = {
  errorId: theError,
  integrationId: PLACE.integrationId,
  flowId: PLACE.flowId,
  flowStepId: PLACE.flowStepId,
  status: 'open',
  message: like('Customer is required'),
  severity: like('error'),
  errorClass: like('data'),
  occurrences: integer(1),
  tagIds: [],
  occurredAt: timestamp(ISO, '2026-12-01T10:00:00.000Z'),
};

describe('the admin API, as a tool calling it with a machine token needs it', () => {
  it('lists the open errors of a step', () =>
    errors
      .given(OPEN_ERROR)
      .uponReceiving('a list of the open errors of a step')
      .withRequest({ method: 'GET', path: '/errors', query: { status: 'open', integrationId: PLACE.integrationId, flowStepId: PLACE.flowStepId, limit: '50' }, headers: bearer })
      .willRespondWith({ status: 200, headers: json, body: { items: eachLike(listItem), total: integer(1), nextCursor: null } })
      .executeTest(async (server) => {
        const page = await tool(server.url).openErrorsOfStep(PLACE.integrationId, PLACE.flowStepId);
        expect(page.items.map((item) => [item.errorId, item.status])).toEqual([[EXAMPLE.errorId, 'open']]);
      }));

  it("reads one error: its fields, retry data and history", () =>
    errors
      .given(OPEN_ERROR)
      .uponReceiving("an error's details")
      .withRequest({ method: 'GET', path: fromProviderState('/errors/${errorId}', `/errors/${EXAMPLE.errorId}`), headers: bearer })
      .willRespondWith({
        status: 200,
        headers: json,
        body: {
          error: listItem,
          retryData: like(EXAMPLE.retryData),
          related: { sameTraceKey: [], sameRetryDataKey: [] },
          history: eachLike({ version: integer(1), type: like('ErrorRecorded'), at: timestamp(ISO, '2026-12-01T10:00:00.000Z'), actor: { type: like('system'), id: like('runtime-1') } }),
        },
      })
      .executeTest(async (server) => {
        const details = await tool(server.url).errorDetails(EXAMPLE.errorId);
        expect(details.retryData).toEqual(EXAMPLE.retryData);
        expect(details.history[0].type).toBe('ErrorRecorded');
      }));

  it('counts what resolving by a filter would touch, changing nothing', () =>
    errors
      .given(OPEN_ERROR)
      .uponReceiving('a dry run of resolving every open error of a step')
      .withRequest({
        method: 'POST',
        path: '/errors/by-filter',
        headers: sending,
        body: { action: 'resolve', filter: { status: 'open', integrationId: PLACE.integrationId, flowStepId: PLACE.flowStepId }, dryRun: true },
      })
      .willRespondWith({ status: 200, headers: json, body: { matched: integer(1), changed: 0, dryRun: true } })
      .executeTest(async (server) => {
        expect(await tool(server.url).countResolvable({ status: 'open', integrationId: PLACE.integrationId, flowStepId: PLACE.flowStepId })).toBe(1);
      }));

  it('resolves an error with a note', () =>
    errors
      .given(OPEN_ERROR)
      .uponReceiving('resolving an open error')
      .withRequest({ method: 'POST', path: '/errors/resolve', headers: sending, body: { errorIds: [theError], note: 'Fixed upstream' } })
      .willRespondWith({ status: 200, headers: json, body: { matched: 1, changed: 1, dryRun: false } })
      .executeTest(async (server) => {
        expect(await tool(server.url).resolve([EXAMPLE.errorId], 'Fixed upstream')).toMatchObject({ changed: 1 });
      }));

  it('is told which field is wrong when it sends a bad id', () =>
    errors
      .given(OPEN_ERROR)
      .uponReceiving('resolving an id that is not an error id')
      .withRequest({ method: 'POST', path: '/errors/resolve', headers: sending, body: { errorIds: ['not-an-error-id'] } })
      .willRespondWith({
        status: 400,
        headers: { 'Content-Type': regex('^application/problem\\+json(;.*)?$', 'application/problem+json; charset=utf-8') },
        body: { type: like('https://faultline.dev/problems/invalid-request'), title: like('Invalid request'), status: 400, errors: eachLike({ pointer: '/body/errorIds/0', detail: like('must be a uuid') }) },
      })
      .executeTest(async (server) => {
        const refusal = await tool(server.url).resolve(['not-an-error-id']).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(AdminApiRefusal);
        expect((refusal as AdminApiRefusal).problem.errors?.map((error) => error.pointer)).toEqual(['/body/errorIds/0']);
      }));

  it('assigns an error to a user of the account', () =>
    assignment
      .given(OPEN_ERROR)
      .uponReceiving('assigning an open error to a user')
      .withRequest({ method: 'POST', path: '/assignments', headers: sending, body: { errorIds: [theError], assigneeUserId: fromProviderState('${userId}', EXAMPLE.userId) } })
      .willRespondWith({ status: 200, headers: json, body: { changed: 1, cascaded: integer(0), outcome: 'assigned', assigneeUserId: fromProviderState('${userId}', EXAMPLE.userId) } })
      .executeTest(async (server) => {
        expect(await tool(server.url).assign([EXAMPLE.errorId], EXAMPLE.userId)).toMatchObject({ outcome: 'assigned', assigneeUserId: EXAMPLE.userId });
      }));

  afterAll(() => {
    errorsPacts.checkCommitted();
    assignmentPacts.checkCommitted();
  });
});
