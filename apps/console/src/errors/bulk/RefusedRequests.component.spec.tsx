/** @jest-environment jsdom */
import type { InvitationRequestSummary, Me } from '@faultline/contracts/browser';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { ME_QUERY, RequireSession } from '../../session/session';
import { renderWith } from '../../testing/render';
import { RefusedRequests } from './RefusedRequests';

const me = { user: { userId: 'usr-max', accountId: 'acc', email: 'max@example.test', name: 'Max', role: 'member', status: 'active', access: {} }, account: null } as unknown as Me;
const seenUntil = '2026-11-30T00:00:00.000Z';
const answeredAt = '2026-12-01T10:00:01.000Z';
const refusal: InvitationRequestSummary = {
  requestId: '6b0e3c1e-5f7a-4d0e-9b8a-1f2e3d4c5b6a',
  email: 'new@example.test',
  errorIds: ['e1', 'e2'],
  status: 'refused',
  code: 'INVITATIONS_DISABLED_FOR_MEMBERS',
  reason: 'members may not invite people in this account',
  requestedAt: '2026-12-01T10:00:00.000Z',
  answeredAt,
};
const refusedSince = (since: string) => ['assignment', 'requests', 'refused', since];

function openPage(refusals: InvitationRequestSummary[]) {
  localStorage.setItem('faultline.refusals-seen.usr-max', seenUntil);
  renderWith(
    <MemoryRouter>
      <RequireSession>
        <RefusedRequests />
      </RequireSession>
    </MemoryRouter>,
    [
      [ME_QUERY, me],
      [refusedSince(seenUntil), { items: refusals }],
      [refusedSince(answeredAt), { items: [] }],
    ],
  );
}

describe('refused assignments to new people', () => {
  it('are told in the rule’s words until dismissed, and stay dismissed in this browser', async () => {
    openPage([refusal]);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('An assignment to a new person was refused');
    expect(alert.textContent).toContain(
      'new@example.test was not invited: members may not invite people in this account (INVITATIONS_DISABLED_FOR_MEMBERS); the 2 errors are still unassigned.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(localStorage.getItem('faultline.refusals-seen.usr-max')).toBe(answeredAt);
  });

  it('say nothing when nothing was refused', () => {
    openPage([]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
