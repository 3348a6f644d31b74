import { backoffPolicies, waitAfter } from './sign-in-backoff';

const policies = backoffPolicies(900_000);

describe('sign-in backoff', () => {
  it('lets the allowance pass, then doubles from one second', () => {
    expect([4, 5, 6, 7, 8, 10].map((failures) => waitAfter(failures, policies.emailFromAddress))).toEqual([0, 0, 1_000, 2_000, 4_000, 16_000]);
  });

  it('never waits beyond its cap, however many failures', () => {
    expect(waitAfter(1_000, policies.emailFromAddress)).toBe(900_000);
    expect(waitAfter(1_000, policies.email)).toBe(60_000);
  });

  it('gives an address spraying many emails more room than one pair, and an email from anywhere more still', () => {
    expect(waitAfter(20, policies.address)).toBe(0);
    expect(waitAfter(21, policies.address)).toBe(1_000);
    expect(waitAfter(50, policies.email)).toBe(0);
  });
});
