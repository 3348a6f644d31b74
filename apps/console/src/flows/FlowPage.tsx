import type { ActivityPage, FlowView, PendingRetries, Subscriptions } from '@faultline/contracts/browser';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { del, get, post, put } from '../api/http';
import { ProblemAlert } from '../app/ProblemAlert';
import { searchFromFilter } from '../errors/filter/errors-filter-url';
import { useMe } from '../session/session';
import { flowNames } from './flow-names';
import { flowApiPath } from './flow-path';
import { monitorQuery } from './monitor-query';

/** One flow: disabled banner and re-enable, its settings, following it, its activity and pending retries. */
export function FlowPage() {
  const { integrationId = '', flowId = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const path = flowApiPath(integrationId, flowId);
  const flow = useQuery({ queryKey: ['errors', 'flow', integrationId, flowId], queryFn: ({ signal }) => get<FlowView>('errors', path, signal), refetchInterval: 5_000 });
  const activity = useQuery({ queryKey: ['errors', 'activity', integrationId, flowId], queryFn: ({ signal }) => get<ActivityPage>('errors', `${path}/activity?limit=50`, signal), refetchInterval: 5_000 });
  const retries = useQuery({ queryKey: ['errors', 'retries', integrationId, flowId], queryFn: ({ signal }) => get<PendingRetries>('errors', `${path}/retries`, signal), refetchInterval: 5_000 });
  const names = flowNames(useQuery(monitorQuery).data, integrationId, flowId);
  const subscriptionsPath = `/users/${encodeURIComponent(me.user.userId)}/subscriptions`;
  const subscriptions = useQuery({ queryKey: ['notifications', 'subscriptions'], queryFn: ({ signal }) => get<Subscriptions>('notifications', subscriptionsPath, signal) });
  const refresh = () => client.invalidateQueries();
  const enable = useMutation({ mutationFn: () => post('errors', `${path}/enable`), onSettled: refresh });
  const settings = useMutation({ mutationFn: (autoResolveMatchingTraceKey: boolean) => put('errors', `${path}/settings`, { autoResolveMatchingTraceKey }), onSettled: refresh });
  const cancel = useMutation({ mutationFn: (retryId: string) => del('errors', `/retries/${retryId}`), onSettled: refresh });
  const following = subscriptions.data?.subscriptions.some((subscription) => subscription.integrationId === integrationId && subscription.flowId === flowId) ?? false;
  const follow = useMutation({
    mutationFn: () => (following ? del('notifications', `${subscriptionsPath}/${encodeURIComponent(integrationId)}/${encodeURIComponent(flowId)}`) : put('notifications', `${subscriptionsPath}/${encodeURIComponent(integrationId)}/${encodeURIComponent(flowId)}`)),
    onSettled: refresh,
  });

  if (flow.isPending) return <Loader aria-label="Loading the flow" />;
  if (flow.error) return <ProblemAlert error={flow.error} title="This flow cannot be shown" />;
  const view = flow.data;
  return (
    <Stack>
      <Anchor component={Link} to="/flows" size="sm">
        ← Flows
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {names.integration} › {names.flow}
        </Title>
        <Group>
          <Button component={Link} to={`/errors?${searchFromFilter({ status: 'open', integrationId, flowId })}`} variant="light">
            Open errors
          </Button>
          <Button variant={following ? 'default' : 'filled'} onClick={() => follow.mutate()} loading={follow.isPending}>
            {following ? 'Stop following' : 'Follow this flow'}
          </Button>
        </Group>
      </Group>
      <ProblemAlert error={follow.error ?? enable.error ?? settings.error ?? cancel.error} title="Refused" />
      {view.disabled && (
        <Alert color="red" title="This flow is disabled" role="alert">
          <Text size="sm">
            {view.disabledByStepId ? `Step ${names.step(view.disabledByStepId)}` : 'A step'} failed with severity 6000 {view.disabledAt ? `on ${new Date(view.disabledAt).toLocaleString()}` : ''}
            {view.disabledByErrorId && (
              <>
                {' '}
                (<Anchor component={Link} to={`/errors/${view.disabledByErrorId}`} c="inherit" underline="always">the error</Anchor>)
              </>
            )}
            .
          </Text>
          {view.disableErrorDescription && (
            <Text size="sm" mt={4}>
              The app said: “{view.disableErrorDescription}”
            </Text>
          )}
          <Button mt="sm" color="red" onClick={() => enable.mutate()} loading={enable.isPending}>
            Re-enable the flow
          </Button>
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          Settings
        </Title>
        <Switch
          label="Resolve an open error when the same record (trace key) fails again in a later run"
          checked={view.autoResolveMatchingTraceKey}
          onChange={(event) => settings.mutate(event.currentTarget.checked)}
        />
      </Paper>
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          Pending retries
        </Title>
        {retries.data?.items.length ? (
          <Table aria-label="Pending retries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Step</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Runs from</Table.Th>
                <Table.Th>Error</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {retries.data.items.map((retry) => (
                <Table.Tr key={retry.retryId}>
                  <Table.Td>{names.step(retry.flowStepId)}</Table.Td>
                  <Table.Td>{retry.kind === 'automatic' ? `automatic, attempt ${retry.attempt ?? '?'}` : `manual, by ${retry.scheduledBy}`}</Table.Td>
                  <Table.Td>{new Date(retry.notBefore).toLocaleString()}</Table.Td>
                  <Table.Td>{retry.errorId ? <Anchor component={Link} to={`/errors/${retry.errorId}`}>open</Anchor> : '—'}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => cancel.mutate(retry.retryId)}>
                      Cancel
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed">No retry is waiting.</Text>
        )}
      </Paper>
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          Activity
        </Title>
        <Table aria-label="Activity">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Step</Table.Th>
              <Table.Th>HTTP status</Table.Th>
              <Table.Th>Description</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(activity.data?.items ?? []).map((entry, index) => (
              <Table.Tr key={`${entry.at}-${index}`}>
                <Table.Td>{new Date(entry.at).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={entry.severity === 'high' ? 'red' : 'gray'}>
                    {entry.kind.replace(/_/g, ' ')}
                  </Badge>
                </Table.Td>
                <Table.Td>{names.step(entry.flowStepId)}</Table.Td>
                <Table.Td>{entry.httpStatus ? `${entry.httpStatus} ${entry.httpStatusName ?? ''}` : '—'}</Table.Td>
                <Table.Td>{entry.errorId ? <Anchor component={Link} to={`/errors/${entry.errorId}`}>{entry.description}</Anchor> : entry.description}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
