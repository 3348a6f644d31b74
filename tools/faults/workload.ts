import { errorOccurred } from '@faultline/testing';

/** What a published report is expected to become. */
export type Expectation = { kind: 'recorded' } | { kind: 'dead-letter'; reason: RegExp };

export interface PlannedReport {
  key: string;
  value: string;
  /** Set for every report to be recorded, so the checks can find its error. */
  runId?: string;
  expect: Expectation;
}

const STEPS = 8;
/** Accounts nobody announced: their reports wait the grace once, then go to the DLQ. */
const UNKNOWN_ACCOUNTS = ['acc-unknown-1', 'acc-unknown-2', 'acc-unknown-3'];
const nestedJson = (depth: number): string => `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;

/**
 * The stream a runtime (and an attacker) sends: mostly valid reports, and one in `poisonEvery`
 * of every hostile kind the issue names. Text PostgreSQL cannot store and too-deep or huge
 * values are repaired and recorded; invalid JSON, wrong schemas, unknown types, oversize
 * fields and unknown accounts go to the DLQ.
 */
export function planReports(accountId: string, count: number, poisonEvery = 100): PlannedReport[] {
  const planned: PlannedReport[] = [];
  for (let index = 0; index < count; index++) {
    const step = `step-${index % STEPS}`;
    planned.push(index % poisonEvery === poisonEvery - 1 ? poison(accountId, step, Math.floor(index / poisonEvery)) : valid(accountId, step, {}));
  }
  return planned;
}

function valid(accountId: string, step: string, data: Record<string, unknown>, raw?: (json: string) => string): PlannedReport {
  const report = errorOccurred({ accountId, data: { flowStepId: step, retryDataKey: `record-${Math.floor(Math.random() * 1e9)}`, ...data } });
  const json = JSON.stringify(report);
  return { key: step, value: raw ? raw(json) : json, runId: report.data.runId, expect: { kind: 'recorded' } };
}

function dead(step: string, value: string, reason: RegExp): PlannedReport {
  return { key: step, value, expect: { kind: 'dead-letter', reason } };
}

function poison(accountId: string, step: string, nth: number): PlannedReport {
  switch (nth % 9) {
    case 0:
      return dead(step, '{"type":"ErrorOccurred","version":1,', /value is not JSON/);
    case 1: {
      const report = errorOccurred({ accountId, data: { flowStepId: step } });
      return dead(step, JSON.stringify({ ...report, data: { ...report.data, stepType: 'teleport' } }), /\/data\/stepType/);
    }
    case 2:
      return dead(step, JSON.stringify({ ...errorOccurred({ accountId }), type: 'ErrorExploded' }), /unknown event ErrorExploded/);
    case 3:
      return valid(accountId, step, { message: `NUL\u0000inside ${nth}` });
    case 4:
      return valid(accountId, step, { code: `lone \ud800 surrogate`, message: `surrogate ${nth}`, retryData: { ['key \udc00']: 'NUL \u0000' } });
    case 5:
      return valid(accountId, step, { retryData: 'DEEP' }, (json) => json.replace('"retryData":"DEEP"', `"retryData":${nestedJson(5_000)}`));
    case 6:
      return valid(accountId, step, { responseBody: 'r'.repeat(900_000) });
    case 7: {
      const report = errorOccurred({ accountId, data: { flowStepId: step, message: 'm'.repeat(900_000) } });
      return dead(step, JSON.stringify(report), /\/data\/message/);
    }
    default: {
      const report = errorOccurred({ accountId: UNKNOWN_ACCOUNTS[nth % UNKNOWN_ACCOUNTS.length], data: { flowStepId: step } });
      return dead(step, JSON.stringify(report), /^UNKNOWN_ACCOUNT/);
    }
  }
}
