import { Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { named } from '../app/named';
import { ProblemAlert } from '../app/ProblemAlert';
import { searchFromFilter } from '../errors/filter/errors-filter-url';
import { ErrorsChart } from './ErrorsChart';
import { flowPath } from './flow-path';
import { monitorQuery } from './monitor-query';

const errorsLink = (filter: Parameters<typeof searchFromFilter>[0]) => `/errors?${searchFromFilter({ status: 'open', ...filter })}`;

/** The monitor: open errors per integration, flow, step and tag; every number opens its errors. */
export function FlowsPage() {
  const monitor = useQuery({ ...monitorQuery, refetchInterval: 5_000 });
  if (monitor.isPending) return <Loader aria-label="Loading the monitor" />;
  if (monitor.error) return <ProblemAlert error={monitor.error} title="The monitor cannot be shown" />;
  const { totals, integrations, flows, steps, tags } = monitor.data;
  const integrationNames = new Map(integrations.map((integration) => [integration.integrationId, integration.name]));
  return (
    <Stack>
      <Title order={1} size="h2">
        Flows
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure label="Open errors" value={totals.open} to={errorsLink({})} />
        <Figure label="Assigned" value={totals.assigned} to={errorsLink({})} />
        <Figure label="Unassigned" value={totals.unassigned} to={errorsLink({ assignee: 'unassigned' })} />
      </SimpleGrid>
      <ErrorsChart />
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          Flows with open errors
        </Title>
        <Table aria-label="Flows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Integration</Table.Th>
              <Table.Th>Flow</Table.Th>
              <Table.Th ta="right">Open</Table.Th>
              <Table.Th ta="right">Unassigned</Table.Th>
              <Table.Th>Steps</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {flows.map((flow) => (
              <Table.Tr key={`${flow.integrationId}/${flow.flowId}`}>
                <Table.Td>{named(integrationNames.get(flow.integrationId), flow.integrationId)}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Anchor component={Link} to={flowPath(flow.integrationId, flow.flowId)}>
                      {named(flow.name, flow.flowId)}
                    </Anchor>
                    {flow.disabled && <Badge color="red">disabled</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">
                  <Anchor component={Link} to={errorsLink({ integrationId: flow.integrationId, flowId: flow.flowId })}>
                    {flow.open}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">
                  <Anchor component={Link} to={errorsLink({ integrationId: flow.integrationId, flowId: flow.flowId, assignee: 'unassigned' })}>
                    {flow.unassigned}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {steps
                      .filter((step) => step.integrationId === flow.integrationId && step.flowId === flow.flowId)
                      .map((step) => (
                        <Badge key={step.flowStepId} variant="light" component={Link} to={errorsLink({ integrationId: step.integrationId, flowId: step.flowId, flowStepId: step.flowStepId })} style={{ cursor: 'pointer' }}>
                          {step.name ?? step.flowStepId}: {step.open}
                        </Badge>
                      ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {flows.length === 0 && <Text c="dimmed">No open errors in any flow.</Text>}
      </Paper>
      {tags.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={2} size="h4" mb="xs">
            Open errors per tag
          </Title>
          <Group gap="xs">
            {tags.map((tag) => (
              <Badge key={tag.tagId} variant="outline" component={Link} to={errorsLink({ tags: tag.tagId })} style={{ cursor: 'pointer' }}>
                {tag.name}: {tag.open}
              </Badge>
            ))}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

function Figure({ label, value, to }: { label: string; value: number; to: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Anchor component={Link} to={to} size="xl" fw={700}>
        {value.toLocaleString()}
      </Anchor>
    </Paper>
  );
}
