import { correlationOf, currentCorrelation, withCorrelation } from './correlation';
import { reasonCode } from './eventing-metrics';

describe('correlation of the work in hand', () => {
  it('is one id for one event or a batch of one piece of work, the first ten and the count for a mixed batch', () => {
    expect(correlationOf(['c-1', 'c-1'])).toEqual({ correlationId: 'c-1' });
    const many = Array.from({ length: 12 }, (_, index) => `c-${index}`);
    expect(correlationOf(many)).toEqual({ correlationIds: many.slice(0, 10), batchOf: 12 });
  });

  it('is what the running work set, across awaits, and nothing outside it', async () => {
    const seen = await withCorrelation({ correlationId: 'c-7' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentCorrelation();
    });
    expect(seen).toEqual({ correlationId: 'c-7' });
    expect(currentCorrelation()).toBeUndefined();
  });
});

describe("a dead letter's reason as a metric label", () => {
  it.each([
    ['UNKNOWN_ACCOUNT: account acc-9 is not known to Faultline', 'UNKNOWN_ACCOUNT'],
    ['HANDLER_FAILED: invalid byte sequence', 'HANDLER_FAILED'],
    ['value is not JSON: Unexpected token', 'INVALID_MESSAGE'],
    ['/data/message: must be string', 'INVALID_MESSAGE'],
  ])('%s → %s', (reason, code) => expect(reasonCode(reason)).toBe(code));
});
