import { Refusal } from '@faultline/access-policy';
import type { Actor } from '../error.events';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3_650;

/** How long an account keeps its errors and their retry data after they last occurred. */
export type RetentionChanged = { type: 'RetentionChanged'; data: { accountId: string; days: number; changedBy: Actor } };
export type RetentionEvent = RetentionChanged;

export type RetentionState = { days?: number };
export type ChangeRetention = { type: 'ChangeRetention'; data: { accountId: string; days: number; by: Actor } };

export class RetentionOutOfRange extends Refusal {
  readonly code = 'RETENTION_OUT_OF_RANGE';

  constructor(days: number) {
    super(`a retention of ${days} days is outside ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS}`);
  }
}

export const retentionStreamId = (accountId: string): string => `retention-${accountId}`;

export const initialState = (): RetentionState => ({});

export function decide({ data }: ChangeRetention, state: RetentionState): RetentionEvent[] {
  if (!Number.isInteger(data.days) || data.days < MIN_RETENTION_DAYS || data.days > MAX_RETENTION_DAYS) throw new RetentionOutOfRange(data.days);
  if (state.days === data.days) return [];
  return [{ type: 'RetentionChanged', data: { accountId: data.accountId, days: data.days, changedBy: data.by } }];
}

export const evolve = (_state: RetentionState, event: RetentionEvent): RetentionState => ({ days: event.data.days });

/** The moment before which an error that last occurred is purged. */
export const purgeBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * 86_400_000);
