import { Refusal } from '@faultline/access-policy';
import type { Actor } from '../error.events';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3_650;
/**
 * A shorter period deletes errors for good, so it takes effect only after this notice: until
 * then the account sees it coming and any administrator can set the period back. It is also what
 * makes a demoted or deactivated administrator's last moments harmless (other services learn of
 * the change from an event, see docs/security.md).
 */
export const SHORTENING_NOTICE_DAYS = 7;
const DAY_MS = 86_400_000;

/** How long an account keeps its errors and their retry data after they last occurred: from now on. */
export type RetentionChanged = { type: 'RetentionChanged'; data: { accountId: string; days: number; changedBy: Actor } };
/** A shorter period, from `effectiveAt` on; `fromDays` stays in force until then. */
export type RetentionShorteningScheduled = {
  type: 'RetentionShorteningScheduled';
  data: { accountId: string; days: number; fromDays: number; effectiveAt: string; changedBy: Actor };
};
export type RetentionEvent = RetentionChanged | RetentionShorteningScheduled;

export type Shortening = { days: number; effectiveAt: string };
export type RetentionState = { days?: number; shortening?: Shortening };
/** `at`: when the change is asked; `defaultDays`: the period of an account that never chose one. */
export type ChangeRetention = { type: 'ChangeRetention'; data: { accountId: string; days: number; by: Actor; at: Date; defaultDays: number } };

export class RetentionOutOfRange extends Refusal {
  readonly code = 'RETENTION_OUT_OF_RANGE';

  constructor(days: number) {
    super(`a retention of ${days} days is outside ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS}`);
  }
}

export const retentionStreamId = (accountId: string): string => `retention-${accountId}`;

export const initialState = (): RetentionState => ({});

/** The period that governs purging at `at`, and the shortening still to come, if any. */
export function retentionAt(state: RetentionState, at: Date, defaultDays: number): { days: number; shortening?: Shortening } {
  const { shortening } = state;
  if (shortening && Date.parse(shortening.effectiveAt) <= at.getTime()) return { days: shortening.days };
  return { days: state.days ?? defaultDays, shortening };
}

export function decide({ data }: ChangeRetention, state: RetentionState): RetentionEvent[] {
  if (!Number.isInteger(data.days) || data.days < MIN_RETENTION_DAYS || data.days > MAX_RETENTION_DAYS) throw new RetentionOutOfRange(data.days);
  const { accountId, days, by: changedBy, at } = data;
  const current = retentionAt(state, at, data.defaultDays);
  if (days === (current.shortening?.days ?? current.days)) return [];
  if (days >= current.days) return [{ type: 'RetentionChanged', data: { accountId, days, changedBy } }];
  const effectiveAt = new Date(at.getTime() + SHORTENING_NOTICE_DAYS * DAY_MS).toISOString();
  return [{ type: 'RetentionShorteningScheduled', data: { accountId, days, fromDays: current.days, effectiveAt, changedBy } }];
}

export function evolve(_state: RetentionState, event: RetentionEvent): RetentionState {
  if (event.type === 'RetentionChanged') return { days: event.data.days };
  const { days, fromDays, effectiveAt } = event.data;
  return { days: fromDays, shortening: { days, effectiveAt } };
}
