import type { ApiTokenUsage, ApiTokenView, CreatedApiToken } from '@faultline/contracts/browser';
import { Alert, Badge, Button, Code, CopyButton, Group, NumberInput, Paper, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { del, get, post } from '../api/http';
import { useNames } from '../app/directory';
import { ProblemAlert } from '../app/ProblemAlert';
import { describeLastUse, lastUses, TOKEN_SERVICES } from './token-usage';

const SCOPES = [
  { value: 'read', label: 'read — list and look, change nothing' },
  { value: 'triage', label: 'triage — also assign, tag, retry, resolve' },
  { value: 'admin', label: 'admin — everything an admin may do' },
];

/** Machine API tokens (owners and admins): made here, shown once, revoked here; every service accepts them as bearer tokens. */
export function ApiTokensPanel() {
  const client = useQueryClient();
  const names = useNames();
  const tokens = useQuery({ queryKey: ['identity', 'api-tokens'], queryFn: ({ signal }) => get<ApiTokenView[]>('identity', '/api-tokens', signal) });
  const usage = useQueries({
    queries: TOKEN_SERVICES.map((service) => ({ queryKey: [service, 'api-tokens', 'usage'], queryFn: ({ signal }: { signal: AbortSignal }) => get<ApiTokenUsage>(service, '/api-tokens/usage', signal) })),
  });
  const lastUse = lastUses(Object.fromEntries(TOKEN_SERVICES.map((service, index) => [service, usage[index].data])));
  const [shown, setShown] = useState<CreatedApiToken>();
  const refresh = () => client.invalidateQueries({ queryKey: ['identity', 'api-tokens'] });
  const revoke = useMutation({ mutationFn: (tokenId: string) => del('identity', `/api-tokens/${encodeURIComponent(tokenId)}`), onSettled: refresh });
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h4" mb="xs">
        API tokens
      </Title>
      <Text size="sm" mb="xs">
        For scripts, admin-API clients and contract-test suites: send one as <Code>Authorization: Bearer …</Code> to any Faultline API. A token
        acts with its scope&apos;s rights, but only a person makes or revokes tokens.
      </Text>
      <NewTokenForm
        onCreated={(created) => {
          setShown(created);
          void refresh();
        }}
      />
      {shown && (
        <Alert color="yellow" mt="sm" role="status">
          <Text fw={700} size="sm" mb={4}>
            Token “{shown.name}” — copy it now: it is not shown again
          </Text>
          <Group gap="xs">
            <Code aria-label="New API token">{shown.token}</Code>
            <CopyButton value={shown.token}>{({ copied, copy }) => <Button size="compact-xs" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
            <Button size="compact-xs" variant="subtle" onClick={() => setShown(undefined)}>
              Done
            </Button>
          </Group>
        </Alert>
      )}
      <ProblemAlert error={tokens.error ?? revoke.error} title="Refused" />
      {tokens.data?.length ? (
        <Table aria-label="API tokens" mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Scope</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.map((token) => (
              <Table.Tr key={token.tokenId}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>{token.scope}</Table.Td>
                <Table.Td>
                  {new Date(token.createdAt).toLocaleString()} by {names.user(token.createdBy)}
                </Table.Td>
                <Table.Td>{token.expiresAt ? new Date(token.expiresAt).toLocaleDateString() : 'never'}</Table.Td>
                <Table.Td>{describeLastUse(lastUse.get(token.tokenId))}</Table.Td>
                <Table.Td>
                  {token.revokedAt ? (
                    <Badge color="gray" variant="dot">
                      revoked
                    </Badge>
                  ) : (
                    <Button size="xs" variant="default" color="red" onClick={() => revoke.mutate(token.tokenId)} aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed" mt="sm">
          No API tokens yet.
        </Text>
      )}
    </Paper>
  );
}

function NewTokenForm({ onCreated }: { onCreated: (created: CreatedApiToken) => void }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState('read');
  const [days, setDays] = useState<number | string>('');
  const create = useMutation({
    mutationFn: () => post<CreatedApiToken>('identity', '/api-tokens', { name: name.trim(), scope, ...(typeof days === 'number' ? { expiresInDays: days } : {}) }),
    onSuccess: (created) => {
      setName('');
      onCreated(created);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Create an API token">
      <Group align="flex-end">
        <TextInput label="Name" required value={name} onChange={(event) => setName(event.currentTarget.value)} w={220} />
        <Select label="Scope" data={SCOPES} value={scope} onChange={(value) => setScope(value ?? 'read')} allowDeselect={false} w={300} />
        <NumberInput label="Expires in (days)" description="empty: never" value={days} onChange={setDays} min={1} max={365} clampBehavior="none" allowDecimal={false} w={150} />
        <Button type="submit" loading={create.isPending}>
          Create token
        </Button>
      </Group>
      <ProblemAlert error={create.error} title="Not created" />
    </form>
  );
}
