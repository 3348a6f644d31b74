import { type AccessLevel, isAdministrator } from '@faultline/access-policy';
import type { AccountSettings, PendingInvitation, UserSummary } from '@faultline/contracts/browser';
import { Badge, Button, Group, Modal, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { api, del, get, post, put } from '../api/http';
import { useUsers } from '../app/directory';
import { ProblemAlert } from '../app/ProblemAlert';
import { useMe } from '../session/session';
import { accessChanges, accessText } from './access-text';
import { AccessPicker } from './AccessPicker';
import { ApiTokensPanel } from './ApiTokensPanel';

/** People, roles, integration access, invitations and the account's Invitations setting. */
export function TeamPage() {
  const me = useMe();
  const administrator = isAdministrator(me.user.role);
  const users = useUsers();
  const client = useQueryClient();
  const invitations = useQuery({ queryKey: ['identity', 'invitations'], queryFn: ({ signal }) => get<PendingInvitation[]>('identity', '/invitations', signal) });
  const refresh = () => client.invalidateQueries({ queryKey: ['identity'] });
  const action = useMutation({
    mutationFn: ({ path }: { path: string; done: string }) => post('identity', path),
    onSuccess: (_result, { done }) => notifications.show({ message: done, color: 'green' }),
    onSettled: refresh,
  });
  const people = (users.data ?? []).filter((user) => user.status !== 'invited');
  return (
    <Stack>
      <Title order={1} size="h2">
        Team
      </Title>
      <ProblemAlert error={users.error ?? action.error} title="Refused" />
      {administrator && <InvitationsSetting />}
      {administrator && <ApiTokensPanel />}
      <InviteForm onInvited={refresh} />
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          Pending invitations
        </Title>
        {invitations.data?.length ? (
          <Table aria-label="Pending invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Access</Table.Th>
                <Table.Th>Invited by</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.map((invitee) => (
                <Table.Tr key={invitee.userId}>
                  <Table.Td>{invitee.email}</Table.Td>
                  <Table.Td>{invitee.role}</Table.Td>
                  <Table.Td>{accessText(invitee.access)}</Table.Td>
                  <Table.Td>{invitee.invitedByName ?? '—'}</Table.Td>
                  <Table.Td>{invitee.expiresAt ? new Date(invitee.expiresAt).toLocaleString() : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button size="xs" variant="default" onClick={() => action.mutate({ path: `/invitations/${encodeURIComponent(invitee.userId)}/resend`, done: `Invitation sent again to ${invitee.email}` })}>
                        Re-send
                      </Button>
                      <Button size="xs" variant="default" color="red" onClick={() => action.mutate({ path: `/invitations/${encodeURIComponent(invitee.userId)}/revoke`, done: `Invitation of ${invitee.email} revoked` })}>
                        Revoke
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed">No invitation is pending{administrator ? '' : ' within your access'}.</Text>
        )}
      </Paper>
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          People
        </Title>
        <Table aria-label="People">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Access</Table.Th>
              <Table.Th>Status</Table.Th>
              {administrator && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((user) => (
              <PersonRow key={user.userId} user={user} administrator={administrator} isMe={user.userId === me.user.userId} onAction={(path, done) => action.mutate({ path, done })} onChanged={refresh} />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

function PersonRow({ user, administrator, isMe, onAction, onChanged }: { user: UserSummary; administrator: boolean; isMe: boolean; onAction: (path: string, done: string) => void; onChanged: () => void }) {
  const id = encodeURIComponent(user.userId);
  const editable = administrator && !isMe && user.role !== 'owner';
  const [editingAccess, setEditingAccess] = useState(false);
  const role = useMutation({ mutationFn: (next: string) => put('identity', `/users/${id}/role`, { role: next }), onSettled: onChanged });
  return (
    <Table.Tr>
      <Table.Td>{user.name ?? '—'}</Table.Td>
      <Table.Td>{user.email}</Table.Td>
      <Table.Td>
        {editable ? (
          <Select aria-label={`Role of ${user.email}`} data={['member', 'admin']} value={user.role} onChange={(next) => next && role.mutate(next)} allowDeselect={false} w={120} size="xs" />
        ) : (
          user.role
        )}
        <ProblemAlert error={role.error} title="Role not changed" />
      </Table.Td>
      <Table.Td>
        {accessText(user.access, user.role)}
        {editable && user.role === 'member' && (
          <Button size="compact-xs" variant="subtle" ml="xs" onClick={() => setEditingAccess(true)}>
            Edit
          </Button>
        )}
        {editingAccess && <AccessDialog user={user} onClose={() => setEditingAccess(false)} onChanged={onChanged} />}
      </Table.Td>
      <Table.Td>
        <Badge color={user.status === 'active' ? 'green' : 'gray'} variant="dot">
          {user.status}
        </Badge>
      </Table.Td>
      {administrator && (
        <Table.Td>
          {!isMe && user.role !== 'owner' && user.status === 'active' && (
            <Button size="xs" variant="default" color="red" onClick={() => onAction(`/users/${id}/deactivate`, `${user.email} deactivated; their open errors are unassigned`)}>
              Deactivate
            </Button>
          )}
          {user.status === 'deactivated' && (
            <Button size="xs" variant="default" onClick={() => onAction(`/users/${id}/reactivate`, `${user.email} reactivated`)}>
              Reactivate
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** An administrator picks a member's integration access; the dialog sends only what changed. */
function AccessDialog({ user, onClose, onChanged }: { user: UserSummary; onClose: () => void; onChanged: () => void }) {
  const [access, setAccess] = useState<Record<string, AccessLevel>>(user.access);
  const id = encodeURIComponent(user.userId);
  const save = useMutation({
    mutationFn: async () => {
      const { set, remove } = accessChanges(user.access, access);
      for (const [integrationId, level] of set) await put('identity', `/users/${id}/access/${encodeURIComponent(integrationId)}`, { level });
      for (const integrationId of remove) await del('identity', `/users/${id}/access/${encodeURIComponent(integrationId)}`);
    },
    onSuccess: onClose,
    onSettled: onChanged,
  });
  return (
    <Modal opened onClose={onClose} title={`Integration access of ${user.email}`}>
      <Stack>
        <AccessPicker legend="Access" value={access} onChange={setAccess} />
        <ProblemAlert error={save.error} title="Not changed" />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save access
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function InviteForm({ onInvited }: { onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'member' | 'admin'>('member');
  const [access, setAccess] = useState<Record<string, AccessLevel>>({});
  const invite = useMutation({
    mutationFn: () => post('identity', '/invitations', { email: email.trim(), role, access: role === 'admin' ? {} : access }),
    onSuccess: () => {
      notifications.show({ message: `Invitation sent to ${email}`, color: 'green' });
      setEmail('');
      setAccess({});
      onInvited();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h4" mb="xs">
        Invite someone
      </Title>
      <form onSubmit={submit} aria-label="Invite someone">
        <Stack gap="sm" maw={640}>
          <Group align="flex-end">
            <TextInput label="Email" type="email" required value={email} onChange={(event) => setEmail(event.currentTarget.value)} w={260} />
            <Select label="Role" data={['member', 'admin']} value={role} onChange={(value) => setRole(value === 'admin' ? 'admin' : 'member')} allowDeselect={false} w={120} />
          </Group>
          {role === 'admin' ? (
            <Text size="sm" c="dimmed">
              Admins manage every integration.
            </Text>
          ) : (
            <AccessPicker legend="Integration access" value={access} onChange={setAccess} />
          )}
          <Group>
            <Button type="submit" loading={invite.isPending}>
              Invite
            </Button>
          </Group>
        </Stack>
        <ProblemAlert error={invite.error} title="Not invited" />
      </form>
    </Paper>
  );
}

function InvitationsSetting() {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['identity', 'settings'], queryFn: ({ signal }) => get<AccountSettings>('identity', '/account/settings', signal) });
  const change = useMutation({
    mutationFn: (invitationsEnabled: boolean) => api('identity', '/account/settings', { method: 'PATCH', body: { invitationsEnabled } }),
    onSettled: () => client.invalidateQueries({ queryKey: ['identity'] }),
  });
  return (
    <Paper withBorder p="sm">
      <Switch
        label="Invitations: members may invite people (and assign errors to new emails)"
        checked={settings.data?.invitationsEnabled ?? false}
        disabled={!settings.data}
        onChange={(event) => change.mutate(event.currentTarget.checked)}
      />
      <ProblemAlert error={change.error} title="Not changed" />
    </Paper>
  );
}
