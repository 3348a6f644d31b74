import { Alert, Button, Group, Modal, ScrollArea, Stack, Tabs, Text, TextInput, UnstyledButton } from '@mantine/core';
import { FormEvent, useEffect, useMemo, useState } from 'react';
import { useUsers } from '../../app/directory';
import { ProblemAlert } from '../../app/ProblemAlert';
import { assigneeChoices } from '../assign/assignee-eligibility';
import type { BulkAction } from './bulk-actions';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The integrations of the errors to assign; undefined when not known (everything matching a filter). */
  integrationIds: string[] | undefined;
  count: number;
  /** Assigning to a new email works on picked errors only. */
  allowNewEmail: boolean;
  onAssign: (action: BulkAction) => void;
}

/** Who can take the errors (and why the others cannot), or a new email to invite with them. */
export function AssignDialog({ opened, onClose, integrationIds, count, allowNewEmail, onAssign }: Props) {
  const directory = useUsers();
  const users = directory.data ?? [];
  const loading = directory.isPending;
  const [search, setSearch] = useState('');
  // Enter assigns to the first one offered, once the people of the account are here.
  const [enterWaiting, setEnterWaiting] = useState(false);
  const [email, setEmail] = useState('');
  const [tab, setTab] = useState<string | null>('people');
  const choices = useMemo(() => assigneeChoices(users, integrationIds ?? []), [users, integrationIds]);
  const shown = choices.filter(({ user }) => `${user.name ?? ''} ${user.email}`.toLowerCase().includes(search.toLowerCase()));
  const first = shown.find((choice) => choice.eligibility.eligible);
  const pick = (assigneeUserId: string) => {
    onAssign({ kind: 'assign', assigneeUserId });
    onClose();
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setEnterWaiting(true);
  };
  useEffect(() => {
    if (!enterWaiting || loading) return;
    setEnterWaiting(false);
    if (first) pick(first.user.userId);
  });
  const changeSearch = (value: string) => {
    setSearch(value);
    setEnterWaiting(false);
  };
  const inviteInstead = () => {
    setEmail(search.trim());
    setTab('new');
  };
  const submitEmail = (event: FormEvent) => {
    event.preventDefault();
    onAssign({ kind: 'assign-new-email', email: email.trim() });
    onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Assign ${count} ${count === 1 ? 'error' : 'errors'}`} size="lg">
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="people">People of the account</Tabs.Tab>
          <Tabs.Tab value="new" disabled={!allowNewEmail}>
            Assign to new user
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="people" pt="sm">
          <form onSubmit={submitSearch}>
            <TextInput label="Find a person" description="Enter assigns to the first one offered" value={search} onChange={(event) => changeSearch(event.currentTarget.value)} data-autofocus />
          </form>
          {loading && (
            <Text size="sm" c="dimmed" mt="xs" role="status">
              {enterWaiting ? 'Loading the people of the account: Enter assigns to the first one offered once they are here…' : 'Loading the people of the account…'}
            </Text>
          )}
          <ProblemAlert error={directory.error} title="The people of the account could not be loaded" />
          {!integrationIds && (
            <Text size="xs" c="dimmed" mt="xs">
              The errors span integrations not known here; the server checks each error's integration and refuses with the rule if someone cannot take it.
            </Text>
          )}
          {directory.isSuccess && search.trim() && shown.length === 0 && (
            <Group mt="sm" gap="sm">
              <Text size="sm">Nobody of the account matches “{search.trim()}”.</Text>
              {allowNewEmail && search.includes('@') && (
                <Button variant="light" size="xs" onClick={inviteInstead}>
                  Invite {search.trim()} instead…
                </Button>
              )}
            </Group>
          )}
          <ScrollArea.Autosize mah={340} mt="sm">
            <Stack gap={4} role="listbox" aria-label="Assignees">
              {shown.map(({ user, eligibility }) => (
                <UnstyledButton
                  key={user.userId}
                  role="option"
                  aria-selected={false}
                  aria-disabled={!eligibility.eligible}
                  disabled={!eligibility.eligible}
                  onClick={() => pick(user.userId)}
                  p="xs"
                  style={{ borderRadius: 4, border: '1px solid var(--mantine-color-gray-3)', opacity: eligibility.eligible ? 1 : 0.75 }}
                >
                  <Group justify="space-between">
                    <div>
                      <Text size="sm" fw={500}>
                        {user.name ?? user.email}
                        {user.status === 'invited' ? ' (invited)' : ''}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {user.email} · {user.role}
                      </Text>
                    </div>
                    {!eligibility.eligible && (
                      <Text size="xs" c="red.9">
                        Cannot take them: {eligibility.why}
                      </Text>
                    )}
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Tabs.Panel>
        <Tabs.Panel value="new" pt="sm">
          <form onSubmit={submitEmail}>
            <Stack>
              <Alert color="blue" variant="light">
                They get an invitation and the errors at the same time; the errors are theirs once they accept.
              </Alert>
              <TextInput label="Email of the new user" type="email" required value={email} onChange={(event) => setEmail(event.currentTarget.value)} />
              <Group justify="flex-end">
                <Button type="submit">Invite and assign</Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}
