import { resolutionIsNews, summarize, SummaryEntry, summarySubject } from './summary.rules';

const entry = (errorId: string, overrides: Partial<SummaryEntry> = {}): SummaryEntry => ({
  errorId,
  change: 'new',
  at: '2026-11-23T10:00:00.000Z',
  integrationId: 'int-1',
  flowId: 'flow-1',
  flowStepId: 'step-1',
  message: `failure ${errorId}`,
  occurredAt: '2026-11-23T10:00:00.000Z',
  status: 'open',
  resolution: null,
  mentioned: false,
  subscribed: true,
  ...overrides,
});
const everything = () => true;
const flows = [{ integrationId: 'int-1', flowId: 'flow-1', open: 4 }];

describe('an error notification summary', () => {
  it('lists new errors oldest first, resolved ones, and the open total', () => {
    const summary = summarize(
      [
        entry('b', { occurredAt: '2026-11-23T10:02:00.000Z' }),
        entry('a', { occurredAt: '2026-11-23T10:01:00.000Z' }),
        entry('c', { change: 'resolved', status: 'resolved', resolution: 'user' }),
      ],
      flows,
      everything,
    );
    expect(summary?.newErrors.map((e) => e.errorId)).toEqual(['a', 'b']);
    expect(summary?.resolved.map((e) => e.errorId)).toEqual(['c']);
    expect(summary?.openErrors).toBe(4);
    expect(summary && summarySubject(summary)).toBe('2 new errors, 1 resolved in your flows (4 open)');
  });

  it.each(['retry_succeeded', 'superseded', 'record_succeeded'] as const)('an error auto-resolved (%s) before any mention is not reported at all', (resolution) => {
    const summary = summarize([entry('a', { status: 'resolved', resolution }), entry('a', { change: 'resolved', status: 'resolved', resolution })], flows, everything);
    expect(summary).toBeUndefined();
  });

  it('an auto-resolved error an email already mentioned is reported resolved', () => {
    const summary = summarize([entry('a', { change: 'resolved', status: 'resolved', resolution: 'superseded', mentioned: true })], flows, everything);
    expect(summary?.resolved.map((e) => e.errorId)).toEqual(['a']);
    expect(summary && summarySubject(summary)).toBe('1 resolved in your flows (4 open)');
  });

  it('an error resolved by a person is news even before any mention; an automatic resolution is news only after one', () => {
    expect(resolutionIsNews('user', false)).toBe(true);
    expect(resolutionIsNews('retry_succeeded', false)).toBe(false);
    expect(resolutionIsNews('retry_succeeded', true)).toBe(true);
  });

  it('a resolution undone by a reopening before the flush is left out', () => {
    expect(summarize([entry('a', { change: 'resolved', status: 'open', resolution: null })], flows, everything)).toBeUndefined();
  });

  it('errors of flows no longer followed or integrations no longer visible are left out, and their open counts too', () => {
    const canMonitor = (integrationId: string) => integrationId === 'int-1';
    const summary = summarize(
      [entry('a'), entry('b', { subscribed: false }), entry('c', { integrationId: 'int-2' })],
      [...flows, { integrationId: 'int-2', flowId: 'flow-9', open: 100 }],
      canMonitor,
    );
    expect(summary?.newErrors.map((e) => e.errorId)).toEqual(['a']);
    expect(summary?.openErrors).toBe(4);
    expect(summary && summarySubject(summary)).toBe('1 new error in your flows (4 open)');
  });

  it('nothing new and nothing resolved sends nothing', () => {
    expect(summarize([], flows, everything)).toBeUndefined();
  });
});
