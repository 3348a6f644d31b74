import { deciderSpec } from '@faultline/testing';
import { decide, evolve, initialState, purgeBefore, RetentionOutOfRange } from './retention.decider';

const spec = deciderSpec({ decide, evolve, initialState });
const by = { type: 'user' as const, id: 'usr-1' };
const change = (days: number) => ({ type: 'ChangeRetention' as const, data: { accountId: 'acc-1', days, by } });

describe('an account’s retention period', () => {
  it('is set, and setting it to the same again changes nothing', () => {
    spec.given([]).when(change(90)).then([{ type: 'RetentionChanged', data: { accountId: 'acc-1', days: 90, changedBy: by } }]);
    spec.given([{ type: 'RetentionChanged', data: { accountId: 'acc-1', days: 90, changedBy: by } }]).when(change(90)).then([]);
  });

  it.each([0, -1, 3_651, 1.5])('refuses %s days', (days) => {
    spec.given([]).when(change(days)).thenRefuses(RetentionOutOfRange);
  });

  it('purges what last occurred more than the period ago', () => {
    expect(purgeBefore(new Date('2026-11-30T00:00:00Z'), 30).toISOString()).toBe('2026-10-31T00:00:00.000Z');
  });
});
