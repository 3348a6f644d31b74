import type { EmailsPage } from '@faultline/contracts/browser';
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { get, post } from '../api/http';
import { ProblemAlert } from '../app/ProblemAlert';

// Shown as a coloured dot beside the status in the text colour: a word on a tint of its colour was unreadable.
const STATUS_COLOURS: Record<string, string> = { sent: 'green', failed: 'red', pending: 'yellow', cancelled: 'gray' };

/** Every email the account was sent, its fate, and "send again" for the failed ones. */
export function EmailAuditPage() {
  const [search, setSearch] = useSearchParams();
  const status = search.get('status');
  const client = useQueryClient();
  const emails = useQuery({
    queryKey: ['notifications', 'emails', status],
    queryFn: ({ signal }) => get<EmailsPage>('notifications', `/emails?limit=100${status ? `&status=${encodeURIComponent(status)}` : ''}`, signal),
    refetchInterval: 10_000,
  });
  const resend = useMutation({ mutationFn: (emailId: string) => post('notifications', `/emails/${emailId}/retry`), onSettled: () => client.invalidateQueries({ queryKey: ['notifications'] }) });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Email audit
        </Title>
        <Select
          label="Status"
          data={['pending', 'sent', 'failed', 'cancelled']}
          value={status}
          onChange={(value) => setSearch(value ? { status: value } : {})}
          clearable
          placeholder="Any"
          w={160}
        />
      </Group>
      <ProblemAlert error={emails.error ?? resend.error} title="Refused" />
      <Paper withBorder p="sm">
        <Table aria-label="Emails">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Created</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(emails.data?.items ?? []).map((email) => (
              <Table.Tr key={email.emailId}>
                <Table.Td>{new Date(email.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>{email.kind.replace(/_/g, ' ')}</Table.Td>
                <Table.Td>{email.recipient}</Table.Td>
                <Table.Td>{email.subject}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOURS[email.status]} variant="dot">
                    {email.status}
                  </Badge>
                  {email.lastError && (
                    <Text size="xs" c="red.9">
                      {email.lastError}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {email.status === 'failed' && (
                    <Button size="xs" variant="default" onClick={() => resend.mutate(email.emailId)}>
                      Send again
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {emails.data?.items.length === 0 && <Text c="dimmed">No email yet.</Text>}
      </Paper>
    </Stack>
  );
}
