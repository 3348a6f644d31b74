import { EVENTING_MIGRATIONS, StoredEvent } from '@faultline/eventing';
import { freshDatabaseUrl, openTestDataSource } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ERRORS_MIGRATIONS } from '../../infrastructure/errors-migrations';
import type { Actor, ErrorEvent, ErrorRecorded } from '../error.events';
import { ErrorsListProjection } from './errors-list.projection';

/**
 * The Errors list applies a batch's changes in layers (every error's first change, then every
 * second one…), one statement per layer and event type. Checked here on a real PostgreSQL: each
 * error ends as its own events say, whatever other errors in the batch did, and old versions
 * never overwrite newer ones.
 */
let dataSource: DataSource;
const projection = new ErrorsListProjection();
const alice: Actor = { type: 'user', id: 'usr-alice' };
const TAG = '00000000-0000-4000-8000-0000000000aa';
let position = 0;

beforeAll(async () => {
  dataSource = await openTestDataSource(await freshDatabaseUrl('errors_list_projection'), [...EVENTING_MIGRATIONS, ...ERRORS_MIGRATIONS]);
});

afterAll(() => dataSource?.destroy());

function stored(event: ErrorEvent, streamVersion: number): StoredEvent<ErrorEvent> {
  position += 1;
  return {
    event,
    streamId: `error-${event.data.errorId}`,
    streamVersion,
    globalPosition: String(position),
    metadata: { eventId: randomUUID(), accountId: 'acc-1', occurredAt: '2026-12-01T10:00:00.000Z', correlationId: randomUUID(), actor: alice },
  };
}

function recorded(errorId: string): ErrorRecorded {
  return {
    type: 'ErrorRecorded',
    data: {
      errorId, accountId: 'acc-1', integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-1', stepType: 'import', runId: 'run-1',
      message: 'Customer is missing', occurredAt: '2026-12-01T09:59:00.000Z', recordedAt: '2026-12-01T10:00:00.000Z', errorClass: 'missing', severity: 'none',
    },
  };
}

const resolved = (errorId: string): ErrorEvent => ({ type: 'ErrorResolved', data: { errorId, reason: 'user', resolvedBy: alice, resolvedAt: '2026-12-01T10:01:00.000Z' } });
const reopened = (errorId: string): ErrorEvent => ({ type: 'ErrorReopened', data: { errorId, reopenedBy: alice, reopenedAt: '2026-12-01T10:02:00.000Z' } });
const tagged = (errorId: string): ErrorEvent => ({ type: 'ErrorTagged', data: { errorId, tagId: TAG, taggedBy: alice } });
const untagged = (errorId: string): ErrorEvent => ({ type: 'ErrorUntagged', data: { errorId, tagId: TAG, untaggedBy: alice, reason: 'removed' } });

async function rows(errorIds: string[]) {
  const found: Array<{ error_id: string; status: string; tag_ids: string[]; resolved_by: string | null; version: number }> = await dataSource.query(
    'SELECT error_id, status, tag_ids, resolved_by, version FROM errors_list WHERE error_id = ANY($1::uuid[])',
    [errorIds],
  );
  return new Map(found.map((row) => [row.error_id, row]));
}

describe('the Errors list projection, in PostgreSQL', () => {
  it("applies each error's changes in order within one batch, while other errors' changes interleave", async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await dataSource.transaction((manager) =>
      projection.apply(manager, [
        stored(recorded(a), 1), stored(recorded(b), 1), stored(recorded(c), 1),
        stored(resolved(a), 2), stored(tagged(b), 2),
        stored(reopened(a), 3), stored(untagged(b), 3), stored(resolved(c), 2),
        stored(resolved(a), 4), stored(tagged(b), 4),
      ]),
    );

    const after = await rows([a, b, c]);
    expect(after.get(a)).toMatchObject({ status: 'resolved', resolved_by: 'user:usr-alice', version: 4 });
    expect(after.get(b)).toMatchObject({ status: 'open', tag_ids: [TAG], version: 4 });
    expect(after.get(c)).toMatchObject({ status: 'resolved', tag_ids: [], version: 2 });
  });

  it('a redelivered or late change never overwrites a newer one', async () => {
    const errorId = randomUUID();
    await dataSource.transaction((manager) => projection.apply(manager, [stored(recorded(errorId), 1), stored(resolved(errorId), 2), stored(reopened(errorId), 3)]));
    await dataSource.transaction((manager) => projection.apply(manager, [stored(recorded(errorId), 1), stored(resolved(errorId), 2)]));

    expect((await rows([errorId])).get(errorId)).toMatchObject({ status: 'open', resolved_by: null, version: 3 });
  });

  it('forgets the errors it is told to, and only those', async () => {
    const [kept, purged] = [randomUUID(), randomUUID()];
    await dataSource.transaction((manager) => projection.apply(manager, [stored(recorded(kept), 1), stored(recorded(purged), 1)]));
    await dataSource.transaction((manager) => projection.forget(manager, [purged]));

    expect([...(await rows([kept, purged])).keys()]).toEqual([kept]);
  });
});
