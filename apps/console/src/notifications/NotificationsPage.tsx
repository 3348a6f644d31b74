import type { Subscriptions } from '@faultline/contracts/browser';
import { Anchor, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { del, get } from '../api/http';
import { ProblemAlert } from '../app/ProblemAlert';
import { flowPath } from '../flows/flow-path';
import { useMe } from '../session/session';

/** The flows whose error notifications I get; follow more from each flow's page. */
export function NotificationsPage() {
  const me = useMe();
  const client = useQueryClient();
  const path = `/users/${encodeURIComponent(me.user.userId)}/subscriptions`;
  const subscriptions = useQuery({ queryKey: ['notifications', 'subscriptions'], queryFn: ({ signal }) => get<Subscriptions>('notifications', path, signal) });
  const unfollow = useMutation({
    mutationFn: ({ integrationId, flowId }: { integrationId: string; flowId: string }) => del('notifications', `${path}/${encodeURIComponent(integrationId)}/${encodeURIComponent(flowId)}`),
    onSettled: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = subscriptions.data?.subscriptions ?? [];
  return (
    <Stack>
      <Title order={1} size="h2">
        My notifications
      </Title>
      <Text c="dimmed">You get an email when a flow you follow has a new error. Errors assigned to you come in a digest whether you follow their flow or not.</Text>
      <ProblemAlert error={subscriptions.error ?? unfollow.error} title="Refused" />
      <Paper withBorder p="sm">
        {items.length === 0 ? (
          <Text c="dimmed">
            You follow no flow. Open a flow from <Anchor component={Link} to="/flows" underline="always">Flows</Anchor> and choose “Follow this flow”.
          </Text>
        ) : (
          <Table aria-label="Flows I follow">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Flow</Table.Th>
                <Table.Th>Since</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((subscription) => (
                <Table.Tr key={`${subscription.integrationId}/${subscription.flowId}`}>
                  <Table.Td>
                    <Anchor component={Link} to={flowPath(subscription.integrationId, subscription.flowId)}>
                      {subscription.integrationId} › {subscription.flowId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{new Date(subscription.subscribedAt).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => unfollow.mutate(subscription)}>
                      Stop following
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
