import { deciderSpec } from '@faultline/testing';
import { decide, evolve, initialState, retentionAt, RetentionEvent, RetentionOutOfRange } from './retention.decider';

const spec = deciderSpec({ decide, evolve, initialState });
const by = { type: 'user' as const, id: 'usr-1' };
const at = new Date('2026-12-02T10:00:00Z');
const weekLater = '2026-12-09T10:00:00.000Z';
const change = (days: number, when = at) => ({ type: 'ChangeRetention' as const, data: { accountId: 'acc-1', days, by, at: when, defaultDays: 30 } });
const changed = (days: number): RetentionEvent => ({ type: 'RetentionChanged', data: { accountId: 'acc-1', days, changedBy: by } });
const scheduled = (days: number, fromDays: number, effectiveAt = weekLater): RetentionEvent => ({
  type: 'RetentionShorteningScheduled',
  data: { accountId: 'acc-1', days, fromDays, effectiveAt, changedBy: by },
});

describe('an account’s retention period', () => {
  it('is longer at once, and setting it to the same again changes nothing', () => {
    spec.given([]).when(change(90)).then([changed(90)]);
    spec.given([changed(90)]).when(change(90)).then([]);
    spec.given([]).when(change(30)).then([]);
  });

  it('is shorter only after a week’s notice, counted from the default when none was chosen', () => {
    spec.given([]).when(change(7)).then([scheduled(7, 30)]);
    spec.given([changed(90)]).when(change(60)).then([scheduled(60, 90)]);
  });

  it('asked again for the same shorter period, keeps the notice already running', () => {
    spec.given([scheduled(7, 30)]).when(change(7, new Date('2026-12-05T00:00:00Z'))).then([]);
  });

  it('set back before the notice ends, never shortens', () => {
    spec.given([scheduled(7, 30)]).when(change(30)).then([changed(30)]);
    spec.given([scheduled(7, 30)]).when(change(60)).then([changed(60)]);
  });

  it('shortened further during the notice, starts a new notice from the period in force', () => {
    spec.given([scheduled(14, 30)]).when(change(7)).then([scheduled(7, 30)]);
  });

  it('once the notice ended, the shorter period is the one in force', () => {
    const later = new Date('2026-12-10T00:00:00Z');
    spec.given([scheduled(7, 30)]).when(change(7, later)).then([]);
    spec.given([scheduled(7, 30)]).when(change(30, later)).then([changed(30)]);
    spec.given([scheduled(7, 30)]).when(change(3, later)).then([scheduled(3, 7, '2026-12-17T00:00:00.000Z')]);
  });

  it.each([0, -1, 3_651, 1.5])('refuses %s days', (days) => {
    spec.given([]).when(change(days)).thenRefuses(RetentionOutOfRange);
  });
});

describe('the period in force', () => {
  const state = evolve(initialState(), scheduled(7, 30));

  it('is the earlier one until the notice ends, with the shortening to come', () => {
    expect(retentionAt(state, at, 30)).toEqual({ days: 30, shortening: { days: 7, effectiveAt: weekLater } });
  });

  it('is the shorter one from the moment the notice ends', () => {
    expect(retentionAt(state, new Date(weekLater), 30)).toEqual({ days: 7 });
  });

  it('is the default for an account that never chose one', () => {
    expect(retentionAt(initialState(), at, 45)).toEqual({ days: 45 });
  });
});
