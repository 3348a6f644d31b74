import { randomUUID } from 'node:crypto';
import { ErrorOccurredV1 } from './flow/error-occurred';
import { ContractRegistry } from './registry';
import { Topics } from './topics';
import { parseEvent, validate } from './validation';

const valid = (): ErrorOccurredV1 => ({
  eventId: randomUUID(),
  type: 'ErrorOccurred',
  version: 1,
  occurredAt: '2026-11-23T10:00:00.000Z',
  accountId: 'acc-1',
  correlationId: 'corr-1',
  actor: { type: 'system', id: 'runtime-1' },
  data: {
    integrationId: 'int-1',
    flowId: 'flow-1',
    flowStepId: 'step-1',
    stepType: 'custom_action',
    runId: 'run-1',
    message: 'Request failed with status 503',
    httpStatus: 503,
    responseBody: { severityCode: 4000 },
    retryData: { id: 7 },
  },
});

const raw = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('the ErrorOccurred v1 contract', () => {
  it('accepts a complete report', () => {
    const event = valid();
    expect(parseEvent(Topics.flowErrors, raw(event))).toEqual({ ok: true, value: event });
  });

  it.each([
    ['a missing flow step', (event: ErrorOccurredV1) => delete (event.data as Partial<ErrorOccurredV1['data']>).flowStepId, '/data/flowStepId'],
    ['an unknown step type', (event: ErrorOccurredV1) => ((event.data as { stepType: string }).stepType = 'robot'), '/data/stepType'],
    ['an HTTP status outside 100–599', (event: ErrorOccurredV1) => (event.data.httpStatus = 700), '/data/httpStatus'],
    ['an event id that is not a uuid', (event: ErrorOccurredV1) => (event.eventId = 'e-1'), '/eventId'],
    ['a time that is not ISO-8601', (event: ErrorOccurredV1) => (event.occurredAt = 'yesterday'), '/occurredAt'],
    ['an unknown actor type', (event: ErrorOccurredV1) => ((event.actor as { type: string }).type = 'robot'), '/actor/type'],
    ['a field the contract does not have', (event: ErrorOccurredV1) => Object.assign(event.data, { colour: 'red' }), '/data/colour'],
  ])('refuses %s and names the field', (_case, breakIt, field) => {
    const event = valid();
    breakIt(event);
    expect(parseEvent(Topics.flowErrors, raw(event))).toEqual({ ok: false, reason: expect.stringMatching(`^${field}: `) });
  });

  it('tells a report sent as version 1 with the names of version 2 which version takes it', () => {
    const event = valid();
    Object.assign(event.data, { flowName: 'Orders to NetSuite' });
    expect(parseEvent(Topics.flowErrors, raw(event))).toEqual({
      ok: false,
      reason: '/data/flowName: is not a known field (valid as version 2: send it with "version": 2)',
    });
    Object.assign(event.data, { colour: 'red' });
    expect(parseEvent(Topics.flowErrors, raw(event))).toEqual({ ok: false, reason: expect.not.stringContaining('version 2') });
  });

  it('refuses what is not JSON, not an object, or empty', () => {
    expect(parseEvent(Topics.flowErrors, Buffer.from('{oops'))).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
    expect(parseEvent(Topics.flowErrors, Buffer.from('[1]'))).toMatchObject({ ok: false, reason: 'value is not a JSON object' });
    expect(parseEvent(Topics.flowErrors, null)).toMatchObject({ ok: false, reason: 'empty message value' });
  });

  it('refuses an event type or version its topic does not carry', () => {
    expect(parseEvent(Topics.flowErrors, raw({ ...valid(), version: 3 }))).toEqual({
      ok: false,
      reason: `unknown event ErrorOccurred v3 on ${Topics.flowErrors}`,
    });
    expect(parseEvent(Topics.errorsEvents, raw(valid()))).toMatchObject({ ok: false });
  });
});

describe('the contract registry', () => {
  it('names every schema by its type and version, once per topic', () => {
    for (const [topic, schemas] of Object.entries(ContractRegistry)) {
      const ids = schemas.map((schema) => schema.$id);
      expect(ids.every((id) => /^[A-Z][A-Za-z]+\.v\d+$/.test(id ?? ''))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      expect(topic).toMatch(/\.v\d+$/);
    }
  });

  it('validate() reports the first field at fault as a JSON pointer', () => {
    expect(validate(ErrorOccurredV1, { ...valid(), accountId: '' })).toMatchObject({ ok: false, reason: expect.stringMatching(/^\/accountId: /) });
  });
});
