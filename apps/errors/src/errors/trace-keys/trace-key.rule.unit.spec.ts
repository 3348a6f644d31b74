import { recordSuccessResolves, routeOccurrence } from './trace-key.rule';

const on = { autoResolveMatchingTraceKey: true };
const off = { autoResolveMatchingTraceKey: false };

describe('a failure whose trace key matches an open error of the same step', () => {
  it('with auto-resolve on, becomes a new error that supersedes the old one', () => {
    expect(routeOccurrence('e-old', on)).toEqual({ route: 'supersede', errorId: 'e-old' });
  });

  it('with auto-resolve off, counts as the old error occurring again', () => {
    expect(routeOccurrence('e-old', off)).toEqual({ route: 'occurred-again', errorId: 'e-old' });
  });

  it('without a matching open error, is recorded as a new error either way', () => {
    expect(routeOccurrence(undefined, on)).toEqual({ route: 'record' });
    expect(routeOccurrence(undefined, off)).toEqual({ route: 'record' });
  });
});

describe('a record that succeeds later', () => {
  it('resolves its open errors only with auto-resolve on', () => {
    expect(recordSuccessResolves(on)).toBe(true);
    expect(recordSuccessResolves(off)).toBe(false);
  });
});
