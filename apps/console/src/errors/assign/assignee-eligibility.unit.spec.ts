import type { UserSummary } from '@faultline/contracts/browser';
import { assigneeChoices, assigneeEligibility } from './assignee-eligibility';

const user = (overrides: Partial<UserSummary>): UserSummary => ({
  userId: 'u',
  accountId: 'acc',
  email: 'u@example.test',
  name: null,
  role: 'member',
  status: 'active',
  access: {},
  ...overrides,
});

describe('who the assign dialog offers', () => {
  it('owners and admins can take errors of every integration', () => {
    expect(assigneeEligibility(user({ role: 'admin' }), ['acme', 'globex'])).toEqual({ eligible: true });
  });

  it('a member needs monitor access to each integration, and is told which one is missing', () => {
    const member = user({ access: { acme: 'monitor', globex: 'manage' } });
    expect(assigneeEligibility(member, ['acme', 'globex'])).toEqual({ eligible: true });
    expect(assigneeEligibility(member, ['acme', 'initech', 'umbrella'])).toEqual({ eligible: false, why: 'no access to integrations initech, umbrella' });
  });

  it('invited people can be assigned; revoked and deactivated ones cannot', () => {
    expect(assigneeEligibility(user({ status: 'invited', access: { acme: 'monitor' } }), ['acme']).eligible).toBe(true);
    expect(assigneeEligibility(user({ status: 'revoked', role: 'admin' }), ['acme'])).toEqual({ eligible: false, why: 'their invitation was revoked' });
    expect(assigneeEligibility(user({ status: 'deactivated', role: 'admin' }), ['acme'])).toEqual({ eligible: false, why: 'they were deactivated' });
  });

  it('lists the eligible first, each group by name', () => {
    const choices = assigneeChoices(
      [user({ userId: 'z', name: 'Zoe', role: 'admin' }), user({ userId: 'n', name: 'Ned' }), user({ userId: 'a', name: 'Ada', access: { acme: 'monitor' } })],
      ['acme'],
    );
    expect(choices.map((choice) => [choice.user.userId, choice.eligibility.eligible])).toEqual([
      ['a', true],
      ['z', true],
      ['n', false],
    ]);
  });
});
