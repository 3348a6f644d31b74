import { isAdministrator } from '@faultline/access-policy';
import type { RetentionView } from '@faultline/contracts/browser';
import { Alert, Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { get, put } from '../api/http';
import { ProblemAlert } from '../app/ProblemAlert';
import { useMe } from '../session/session';
import { daysText, noticeText, retentionText, shorteningText } from './retention-text';

/** The account's settings kept by the errors app: how long errors are kept. */
export function SettingsPage() {
  return (
    <Stack>
      <Title order={1} size="h2">
        Settings
      </Title>
      <RetentionSetting />
    </Stack>
  );
}

function RetentionSetting() {
  const me = useMe();
  const administrator = isAdministrator(me.user.role);
  const client = useQueryClient();
  const retention = useQuery({ queryKey: ['errors', 'retention'], queryFn: ({ signal }) => get<RetentionView>('errors', '/settings/retention', signal) });
  const change = useMutation({
    mutationFn: (days: number) => put<RetentionView>('errors', '/settings/retention', { days }),
    onSuccess: (view) => {
      client.setQueryData(['errors', 'retention'], view);
      notifications.show({ message: view.shortening ? `Shortening to ${daysText(view.shortening.days)} scheduled` : `Errors are kept ${daysText(view.days)}`, color: 'green' });
    },
  });
  const view = retention.data;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="retention-title">
      <Title order={2} size="h4" mb="xs" id="retention-title">
        Retention
      </Title>
      <ProblemAlert error={retention.error} title="The retention could not be read" />
      <ProblemAlert error={change.error} title="Not changed" />
      {view && (
        <Stack gap="sm">
          <Text>{retentionText(view)}</Text>
          {view.shortening && (
            <Alert color="yellow" title="A shorter period is coming">
              <Text size="sm">{shorteningText(view, (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }))}</Text>
              {administrator && (
                <Button mt="xs" size="xs" variant="default" loading={change.isPending} onClick={() => change.mutate(view.days)}>
                  Keep {daysText(view.days)}
                </Button>
              )}
            </Alert>
          )}
          {administrator ? <RetentionForm key={view.shortening?.days ?? view.days} view={view} busy={change.isPending} onSave={(days) => change.mutate(days)} /> : <Text size="sm" c="dimmed">Owners and admins change it.</Text>}
        </Stack>
      )}
    </Paper>
  );
}

function RetentionForm({ view, busy, onSave }: { view: RetentionView; busy: boolean; onSave: (days: number) => void }) {
  const [days, setDays] = useState<number | string>(view.shortening?.days ?? view.days);
  const chosen = typeof days === 'number' ? days : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen !== undefined) onSave(chosen);
  };
  return (
    <form onSubmit={submit} aria-label="Change the retention period">
      <Group align="flex-end">
        <NumberInput label="Keep errors for (days)" value={days} onChange={setDays} min={1} max={3650} clampBehavior="none" allowDecimal={false} w={200} />
        <Button type="submit" loading={busy} disabled={chosen === undefined}>
          Save
        </Button>
      </Group>
      {chosen !== undefined && chosen < view.days && chosen !== view.shortening?.days && (
        <Text size="sm" c="dimmed" mt={4}>
          {noticeText(view)}
        </Text>
      )}
    </form>
  );
}
