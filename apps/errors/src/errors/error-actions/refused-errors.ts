import { Refusal } from '@faultline/access-policy';
import type { BulkActionResult, ErrorsByFilterRequest, ErrorsFilter } from '@faultline/contracts';

const LISTED_PER_RULE = 10;

type RefusedEntry = NonNullable<BulkActionResult['refused']>[number];

/** The errors rules refused in a bulk action, one entry per rule. */
export class RefusedErrors {
  private readonly byCode = new Map<string, RefusedEntry>();

  add(refusal: Refusal, errorId: string): void {
    const entry = this.byCode.get(refusal.code) ?? { code: refusal.code, detail: refusal.message, count: 0, errorIds: [] };
    entry.count += 1;
    if (entry.errorIds.length < LISTED_PER_RULE) entry.errorIds.push(errorId);
    this.byCode.set(refusal.code, entry);
  }

  summary(): Pick<BulkActionResult, 'refused'> {
    return this.byCode.size === 0 ? {} : { refused: [...this.byCode.values()] };
  }
}

/**
 * One chunk of a bulk action, all or nothing; when a rule refuses the chunk, each error is tried
 * on its own, so the rule refuses only the errors it is about. Faults are not refusals: they fail
 * the request.
 */
export async function applyRefusingSome(errorIds: string[], apply: (ids: string[]) => Promise<{ changed: number }>, refused: RefusedErrors): Promise<number> {
  const whole = await attempt(() => apply(errorIds));
  if (!(whole instanceof Refusal)) return whole.changed;
  let changed = 0;
  for (const errorId of errorIds) {
    const one = await attempt(() => apply([errorId]));
    if (one instanceof Refusal) refused.add(one, errorId);
    else changed += one.changed;
  }
  return changed;
}

async function attempt<T>(work: () => Promise<T>): Promise<T | Refusal> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
}

/** Only open errors can be retried and only resolved ones reopened: "everything matching" means those. */
export function actionableOnly({ action, filter }: ErrorsByFilterRequest): ErrorsFilter {
  if (action === 'retry') return { ...filter, status: 'open' };
  if (action === 'reopen') return { ...filter, status: 'resolved' };
  return filter;
}
