import { decideRetry, FailedAttempt, SEED_RETRY_POLICY } from './retry.policy';

const first = new Date('2026-11-23T10:00:00.000Z');
const minutes = (count: number) => new Date(first.getTime() + count * 60_000);
const failure = (overrides: Partial<FailedAttempt> = {}): FailedAttempt => ({
  stepType: 'custom_action',
  attempt: 1,
  firstAttemptAt: first,
  httpStatus: 503,
  ...overrides,
});

describe('the automatic retry policy (seed 002)', () => {
  it('a failed custom action is retried after a backoff, as the next attempt', () => {
    expect(decideRetry(failure(), first, SEED_RETRY_POLICY)).toEqual({ retry: true, attempt: 2, notBefore: new Date(first.getTime() + 30_000) });
  });

  it('the backoff doubles with each attempt, up to its ceiling', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => {
      const decision = decideRetry(failure({ attempt }), first, SEED_RETRY_POLICY);
      return decision.retry ? (decision.notBefore.getTime() - first.getTime()) / 1000 : undefined;
    });
    expect(delays).toEqual([30, 60, 120, 240, 300, 300]);
  });

  it('a retry that would start just before 30 minutes from the first attempt still happens', () => {
    const now = new Date(minutes(30).getTime() - 300_001);
    expect(decideRetry(failure({ attempt: 9 }), now, SEED_RETRY_POLICY)).toMatchObject({ retry: true });
  });

  it('a retry that would start just after 30 minutes does not: the failure becomes an open error', () => {
    const now = new Date(minutes(30).getTime() - 299_999);
    expect(decideRetry(failure({ attempt: 9 }), now, SEED_RETRY_POLICY)).toEqual({ retry: false, reason: 'window_closed' });
  });

  it.each([400, 401, 404, 422, 429, 499])('an app answering %i is not retried', (httpStatus) => {
    expect(decideRetry(failure({ httpStatus }), first, SEED_RETRY_POLICY)).toEqual({ retry: false, reason: 'client_error' });
  });

  it.each([500, 502, 503, 504, undefined])('a server error or no answer (%s) is retried', (httpStatus) => {
    expect(decideRetry(failure({ httpStatus }), first, SEED_RETRY_POLICY)).toMatchObject({ retry: true });
  });

  it('a severity code stops retrying, even on a 5xx', () => {
    expect(decideRetry(failure({ httpStatus: 500, severityCode: 4000 }), first, SEED_RETRY_POLICY)).toEqual({
      retry: false,
      reason: 'severity_code',
    });
    expect(decideRetry(failure({ httpStatus: 503, responseBody: { severityCode: 6000 } }), first, SEED_RETRY_POLICY)).toEqual({
      retry: false,
      reason: 'severity_code',
    });
  });

  it('a webhook step is never retried', () => {
    expect(decideRetry(failure({ stepType: 'webhook' }), first, SEED_RETRY_POLICY)).toEqual({ retry: false, reason: 'webhook' });
  });

  it.each(['export', 'import', 'lookup', 'transform'] as const)('a failed %s step fails at once', (stepType) => {
    expect(decideRetry(failure({ stepType }), first, SEED_RETRY_POLICY)).toEqual({ retry: false, reason: 'not_a_custom_action' });
  });
});
