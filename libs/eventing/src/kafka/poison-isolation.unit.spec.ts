import { BatchAbandoned, handleIsolatingPoison, IsolationOptions } from './poison-isolation';

const options = (overrides: Partial<IsolationOptions> = {}): IsolationOptions & { waits: number[] } => {
  const waits: number[] = [];
  return {
    attempts: 2,
    backoffMs: (failures) => failures * 10,
    sleep: async (ms) => void waits.push(ms),
    stillOwned: () => true,
    onFailure: () => undefined,
    waits,
    ...overrides,
  };
};

/** A handler that records what it handled and fails on any part holding a poison item. */
function handlerFailingOn(poison: Set<number>, failure: () => Error = () => new Error('invalid byte sequence for encoding "UTF8": 0x00')) {
  const handled: number[] = [];
  const handle = async (part: number[]) => {
    if (part.some((item) => poison.has(item))) throw failure();
    handled.push(...part);
    return [];
  };
  return { handled, handle };
}

describe('isolating a message that keeps failing', () => {
  it('hands a batch that succeeds to the handler once', async () => {
    const { handled, handle } = handlerFailingOn(new Set());
    expect(await handleIsolatingPoison([1, 2, 3], handle, options())).toEqual([]);
    expect(handled).toEqual([1, 2, 3]);
  });

  it('isolates the one message at fault with the reason and handles every other, in order', async () => {
    const { handled, handle } = handlerFailingOn(new Set([5]));
    const isolated = await handleIsolatingPoison([1, 2, 3, 4, 5, 6, 7, 8, 9], handle, options());
    expect(isolated).toEqual([{ item: 5, reason: 'HANDLER_FAILED: Error: invalid byte sequence for encoding "UTF8": 0x00' }]);
    expect(handled).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
  });

  it('isolates several messages at fault in one batch', async () => {
    const { handled, handle } = handlerFailingOn(new Set([1, 8]));
    const isolated = await handleIsolatingPoison([1, 2, 3, 4, 5, 6, 7, 8], handle, options());
    expect(isolated.map((entry) => entry.item)).toEqual([1, 8]);
    expect(handled).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('retries a failure of the infrastructure, with growing waits, and never isolates for it', async () => {
    let outages = 5;
    const handled: number[] = [];
    const handle = async (part: number[]) => {
      if (outages-- > 0) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      handled.push(...part);
      return [];
    };
    const settings = options();
    expect(await handleIsolatingPoison([1, 2], handle, settings)).toEqual([]);
    expect(handled).toEqual([1, 2]);
    expect(settings.waits).toEqual([10, 20, 30, 40, 50]);
  });

  it('gives the batch up, uncommitted, when the partition is taken away while it fails', async () => {
    const handle = async () => {
      throw Object.assign(new Error('Connection terminated unexpectedly'), {});
    };
    await expect(handleIsolatingPoison([1], handle, options({ stillOwned: () => false }))).rejects.toThrow(BatchAbandoned);
  });

  it('answers what the handler itself refused along with what it isolated', async () => {
    const handle = async (part: number[]) => {
      if (part.includes(3)) throw new TypeError('boom');
      return part.filter((item) => item === 1).map((item) => ({ item, reason: 'UNKNOWN_ACCOUNT: acc-x' }));
    };
    const isolated = await handleIsolatingPoison([1, 2, 3], handle, options());
    expect(isolated).toEqual([
      { item: 1, reason: 'UNKNOWN_ACCOUNT: acc-x' },
      { item: 3, reason: 'HANDLER_FAILED: TypeError: boom' },
    ]);
  });
});
