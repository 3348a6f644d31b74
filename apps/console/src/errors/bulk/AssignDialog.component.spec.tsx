/** @jest-environment jsdom */
import type { UserSummary } from '@faultline/contracts/browser';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../../testing/render';
import type { BulkAction } from './bulk-actions';
import { AssignDialog } from './AssignDialog';

const person = (userId: string, name: string, overrides: Partial<UserSummary> = {}): UserSummary => ({
  userId,
  accountId: 'acc',
  email: `${userId}@example.test`,
  name,
  role: 'member',
  status: 'active',
  access: { acme: 'monitor' },
  ...overrides,
});

const people = [
  person('ned', 'Ned', { access: { acme: 'manage' } }),
  person('olga', 'Olga', { role: 'owner', access: {} }),
  person('zed', 'Zed', { access: { globex: 'monitor' } }),
  person('ivy', 'Ivy', { status: 'invited' }),
  person('rex', 'Rex', { status: 'deactivated' }),
];

const USERS = ['identity', 'users'];

function openDialog(props: { integrationIds?: string[]; allowNewEmail?: boolean; peopleLoaded?: boolean } = {}) {
  const assigned: BulkAction[] = [];
  const closed = jest.fn();
  const { client } = renderWith(
    <AssignDialog opened onClose={closed} integrationIds={'integrationIds' in props ? props.integrationIds : ['acme']} count={2} allowNewEmail={props.allowNewEmail ?? true} onAssign={(action) => assigned.push(action)} />,
    props.peopleLoaded === false ? [] : [[USERS, people]],
  );
  return { assigned, closed, client };
}

describe('the assign dialog', () => {
  it('offers who can take the errors first, and says why each other person cannot', async () => {
    openDialog();
    expect(screen.getByRole('dialog', { name: 'Assign 2 errors' })).toBeTruthy();
    const names = screen.getAllByRole('option').map((option) => option.querySelector('p')?.textContent);
    expect(names).toEqual(['Ivy (invited)', 'Ned', 'Olga', 'Rex', 'Zed']);
    const zed = screen.getByRole('option', { name: /Zed/ });
    expect(zed.getAttribute('aria-disabled')).toBe('true');
    expect(zed.textContent).toContain('Cannot take them: no access to integration acme');
    expect(screen.getByRole('option', { name: /Rex/ }).textContent).toContain('Cannot take them: they were deactivated');
    expect(screen.getByRole('option', { name: /Ned/ }).getAttribute('aria-disabled')).toBe('false');
  });

  it('assigns to the person clicked, never to one who cannot take them', async () => {
    const { assigned, closed } = openDialog();
    await userEvent.click(screen.getByRole('option', { name: /Zed/ }));
    expect(assigned).toEqual([]);
    await userEvent.click(screen.getByRole('option', { name: /Ned/ }));
    expect(assigned).toEqual([{ kind: 'assign', assigneeUserId: 'ned' }]);
    expect(closed).toHaveBeenCalled();
  });

  it('Enter in the search assigns to the first eligible person it finds', async () => {
    const { assigned } = openDialog();
    const search = screen.getByLabelText('Find a person');
    await userEvent.type(search, 'z{Enter}');
    expect(screen.getAllByRole('option')).toHaveLength(1);
    expect(assigned).toEqual([]);
    await userEvent.clear(search);
    await userEvent.type(search, 'd{Enter}');
    // "d" finds Ned and Zed, and Zed cannot take them.
    expect(assigned).toEqual([{ kind: 'assign', assigneeUserId: 'ned' }]);
  });

  it('assigns to a new email, trimmed', async () => {
    const { assigned } = openDialog();
    await userEvent.click(screen.getByRole('tab', { name: 'Assign to new user' }));
    await userEvent.type(screen.getByLabelText(/Email of the new user/), '  new@example.test ');
    await userEvent.click(screen.getByRole('button', { name: 'Invite and assign' }));
    expect(assigned).toEqual([{ kind: 'assign-new-email', email: 'new@example.test' }]);
  });

  it('says when nobody matches, and offers to invite an email nobody has', async () => {
    const { assigned } = openDialog();
    const search = screen.getByLabelText('Find a person');
    await userEvent.type(search, 'quentin');
    expect(screen.getByText('Nobody of the account matches “quentin”.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Invite/ })).toBeNull();
    await userEvent.clear(search);
    await userEvent.type(search, 'quentin@example.test{Enter}');
    expect(assigned).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Invite quentin@example.test instead…' }));
    expect((screen.getByLabelText(/Email of the new user/) as HTMLInputElement).value).toBe('quentin@example.test');
    await userEvent.click(screen.getByRole('button', { name: 'Invite and assign' }));
    expect(assigned).toEqual([{ kind: 'assign-new-email', email: 'quentin@example.test' }]);
  });

  it('for everything matching a filter: no new email, and it says the server checks each error', () => {
    openDialog({ integrationIds: undefined, allowNewEmail: false });
    expect(screen.getByRole('tab', { name: 'Assign to new user' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText(/the server checks each error's integration/)).toBeTruthy();
  });

  describe('before the people of the account have arrived', () => {
    const fetchBefore = globalThis.fetch;
    beforeEach(() => {
      globalThis.fetch = () => new Promise<Response>(() => undefined);
    });
    afterEach(() => {
      globalThis.fetch = fetchBefore;
    });

    it('says they are loading, not that nobody matches, and assigns on an Enter pressed meanwhile once they arrive', async () => {
      const { assigned, client } = openDialog({ peopleLoaded: false });
      await userEvent.type(screen.getByLabelText('Find a person'), 'ne{Enter}');
      expect(screen.getByRole('status').textContent).toContain('Enter assigns to the first one offered once they are here');
      expect(screen.queryByText(/Nobody of the account matches/)).toBeNull();
      expect(assigned).toEqual([]);
      act(() => client.setQueryData(USERS, people));
      await waitFor(() => expect(assigned).toEqual([{ kind: 'assign', assigneeUserId: 'ned' }]));
    });

    it('forgets that Enter when the search changes before they arrive', async () => {
      const { assigned, client } = openDialog({ peopleLoaded: false });
      const search = screen.getByLabelText('Find a person');
      await userEvent.type(search, 'ne{Enter}');
      await userEvent.type(search, 'd');
      act(() => client.setQueryData(USERS, people));
      expect(await screen.findByRole('option', { name: /Ned/ })).toBeTruthy();
      expect(assigned).toEqual([]);
    });
  });
});
