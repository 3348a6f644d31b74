import { allMatching, NOTHING_SELECTED, toggleRow } from '../selection/selection';
import { bulkCall, bulkSummary, worksOnAllMatching } from './bulk-actions';

const picked = toggleRow(toggleRow(NOTHING_SELECTED, 'e1'), 'e2');
const everything = allMatching({ status: 'open', integrationId: 'acme' }, 40, new Date('2026-12-01T10:00:00.000Z'));

describe('bulk actions', () => {
  it('picked errors go to the per-error endpoints', () => {
    expect(bulkCall({ kind: 'assign', assigneeUserId: 'u1' }, picked)).toEqual({ service: 'assignment', path: '/assignments', body: { errorIds: ['e1', 'e2'], assigneeUserId: 'u1' } });
    expect(bulkCall({ kind: 'assign-new-email', email: 'new@example.test' }, picked).body).toEqual({ errorIds: ['e1', 'e2'], email: 'new@example.test' });
    expect(bulkCall({ kind: 'tag', add: ['t1'], remove: [] }, picked)).toEqual({ service: 'errors', path: '/errors/tags', body: { errorIds: ['e1', 'e2'], add: ['t1'] } });
    expect(bulkCall({ kind: 'resolve', note: 'fixed' }, picked).body).toEqual({ errorIds: ['e1', 'e2'], note: 'fixed' });
  });

  it('everything matching goes to the by-filter endpoints with the frozen filter, first as a dry run', () => {
    expect(bulkCall({ kind: 'resolve' }, everything, true)).toEqual({ service: 'errors', path: '/errors/by-filter', body: { action: 'resolve', filter: { status: 'open', integrationId: 'acme', to: '2026-12-01T10:00:00.000Z' }, dryRun: true } });
    expect(bulkCall({ kind: 'assign', assigneeUserId: 'u1' }, everything)).toEqual({
      service: 'assignment',
      path: '/assignments/by-filter',
      body: { filter: { status: 'open', integrationId: 'acme', to: '2026-12-01T10:00:00.000Z' }, assigneeUserId: 'u1', dryRun: false },
    });
    expect(bulkCall({ kind: 'tag', add: ['t1'], remove: [] }, everything).body).toEqual({ action: 'tag', filter: { status: 'open', integrationId: 'acme', to: '2026-12-01T10:00:00.000Z' }, add: ['t1'], remove: [], dryRun: false });
    expect(bulkCall({ kind: 'clear-assignee' }, everything, true)).toEqual({
      service: 'assignment',
      path: '/assignments/clear/by-filter',
      body: { filter: { status: 'open', integrationId: 'acme', to: '2026-12-01T10:00:00.000Z' }, dryRun: true },
    });
    expect(bulkCall({ kind: 'reopen' }, everything).body).toMatchObject({ action: 'reopen', dryRun: false });
    expect(worksOnAllMatching('assign-new-email')).toBe(false);
    expect(() => bulkCall({ kind: 'assign-new-email', email: 'n@x.test' }, everything)).toThrow(/picked errors only/);
  });

  it('the summary counts what changed and what did not, and what the rules did along', () => {
    expect(bulkSummary({ kind: 'resolve' }, everything, { matched: 40, changed: 38, dryRun: false })).toBe('38 of 40 errors resolved; 2 already resolved');
    expect(
      bulkSummary({ kind: 'tag', add: ['t1'], remove: [] }, everything, {
        matched: 40,
        changed: 35,
        dryRun: false,
        refused: [{ code: 'TOO_MANY_TAGS', detail: 'error e3 would have more than 3 tags', count: 2, errorIds: ['e3', 'e4'] }],
      }),
    ).toBe('35 of 40 errors tagged; 3 already as asked; 2 refused by the rule TOO_MANY_TAGS: error e3 would have more than 3 tags (and the like for the others)');
    expect(bulkSummary({ kind: 'assign', assigneeUserId: 'u1' }, picked, { changed: 2, cascaded: 3, outcome: 'assigned' })).toBe(
      '2 of 2 errors assigned; 3 more of the same records assigned along (retry data key rule)',
    );
    expect(bulkSummary({ kind: 'assign-new-email', email: 'n@x.test' }, picked, { changed: 0, cascaded: 0, outcome: 'invitation_requested' })).toBe('Identity is inviting them; the 2 errors are theirs once they accept');
    const one = toggleRow(NOTHING_SELECTED, 'e1');
    expect(bulkSummary({ kind: 'assign-new-email', email: 'n@x.test' }, one, { changed: 0, cascaded: 0, outcome: 'access_requested' })).toBe(
      'Their invitation is being widened to these integrations; the error is theirs once it is',
    );
  });
});
