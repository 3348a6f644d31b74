import { EVENTING_MIGRATIONS, StoredEvent } from '@faultline/eventing';
import { freshDatabaseUrl, openTestDataSource } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ERRORS_MIGRATIONS } from '../../infrastructure/errors-migrations';
import type { ErrorEvent, ErrorOccurredAgain, ErrorRecorded } from '../error.events';
import { ActivityLogProjection } from './activity-log.projection';

/** The activity log reads only the events it is given, and its own rows for events stored before occurrences named their step. */
let dataSource: DataSource;
const projection = new ActivityLogProjection();
let position = 0;

beforeAll(async () => {
  dataSource = await openTestDataSource(await freshDatabaseUrl('activity_log_projection'), [...EVENTING_MIGRATIONS, ...ERRORS_MIGRATIONS]);
});

afterAll(() => dataSource?.destroy());

const stored = (event: ErrorEvent): StoredEvent<ErrorEvent> => ({
  event,
  streamId: `error-${event.data.errorId}`,
  streamVersion: 1,
  globalPosition: String(++position),
  metadata: { eventId: randomUUID(), accountId: 'acc-1', occurredAt: '2026-12-01T10:00:00.000Z', correlationId: randomUUID(), actor: { type: 'system', id: 'runtime' } },
});

const recorded = (errorId: string, flowId: string): ErrorRecorded => ({
  type: 'ErrorRecorded',
  data: {
    errorId, accountId: 'acc-1', integrationId: 'int-1', flowId, flowStepId: 'step-7', stepType: 'import', runId: 'run-1',
    message: 'Failed', occurredAt: '2026-12-01T09:00:00.000Z', recordedAt: '2026-12-01T09:00:01.000Z', errorClass: 'missing', severity: 'none',
  },
});

const again = (errorId: string, where: Partial<ErrorOccurredAgain['data']>): ErrorOccurredAgain => ({
  type: 'ErrorOccurredAgain',
  data: { errorId, occurrences: 2, runId: 'run-2', message: 'Failed again', occurredAt: '2026-12-01T09:05:00.000Z', errorClass: 'missing', severity: 'none', ...where },
});

const entries = async (flowId: string) =>
  dataSource.query('SELECT kind, integration_id, flow_step_id FROM flow_activity WHERE flow_id = $1 ORDER BY position', [flowId]) as Promise<Array<Record<string, string>>>;

describe('the activity log projection, in PostgreSQL', () => {
  it('places a repeated failure at the step its event names, in the same batch as the error it repeats', async () => {
    const errorId = randomUUID();
    await dataSource.transaction((manager) =>
      projection.apply(manager, [stored(recorded(errorId, 'flow-a')), stored(again(errorId, { integrationId: 'int-1', flowId: 'flow-a', flowStepId: 'step-7' }))]),
    );
    expect(await entries('flow-a')).toEqual([
      { kind: 'recorded', integration_id: 'int-1', flow_step_id: 'step-7' },
      { kind: 'occurred_again', integration_id: 'int-1', flow_step_id: 'step-7' },
    ]);
  });

  it('places a repeated failure stored before events named their step where the log recorded the error', async () => {
    const errorId = randomUUID();
    await dataSource.transaction((manager) => projection.apply(manager, [stored(recorded(errorId, 'flow-b'))]));
    await dataSource.transaction((manager) => projection.apply(manager, [stored(again(errorId, {}))]));
    expect(await entries('flow-b')).toEqual([
      { kind: 'recorded', integration_id: 'int-1', flow_step_id: 'step-7' },
      { kind: 'occurred_again', integration_id: 'int-1', flow_step_id: 'step-7' },
    ]);
  });
});
