import type { AssignmentHistory, ErrorDetails } from '@faultline/contracts/browser';
import { Anchor, Badge, Button, Code, Grid, Group, Loader, Paper, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { get, post, put } from '../../api/http';
import { useNames } from '../../app/directory';
import { named } from '../../app/named';
import { ProblemAlert } from '../../app/ProblemAlert';
import { useSubmission } from '../../app/useSubmission';
import { AssignDialog } from '../bulk/AssignDialog';
import type { BulkAction } from '../bulk/bulk-actions';
import { TagDialog } from '../bulk/TagDialog';
import { useBulkActions } from '../bulk/useBulkActions';
import { severityLabel } from '../severity-label';
import { parseRetryData, retryDataText } from './retry-data-text';
import { timeline } from './timeline';

/** One error: every field, its retry data (editable, then retried), its relatives and its story. */
export function ErrorDetailsPage() {
  const { errorId = '' } = useParams();
  const details = useQuery({ queryKey: ['errors', 'details', errorId], queryFn: ({ signal }) => get<ErrorDetails>('errors', `/errors/${errorId}`, signal), refetchInterval: 10_000 });
  const assignments = useQuery({
    queryKey: ['assignment', 'history', errorId],
    queryFn: ({ signal }) => get<AssignmentHistory>('assignment', `/errors/${errorId}/assignments`, signal),
    retry: false,
  });
  const names = useNames();
  const runBulk = useBulkActions();
  const [dialog, setDialog] = useState<'assign' | 'tag'>();
  if (details.isPending) return <Loader aria-label="Loading the error" />;
  if (details.error) return <ProblemAlert error={details.error} title="This error cannot be shown" />;
  const { error, related, history, retryData, responseBody } = details.data;
  const one = { kind: 'rows' as const, errorIds: [error.errorId] };
  const act = (action: BulkAction) => void runBulk(action, one);
  const step = (flowStepId: string) => (flowStepId === error.flowStepId ? named(error.flowStepName, flowStepId) : flowStepId);
  const story = timeline(history, assignments.data?.history ?? [], { ...names, step });
  return (
    <Stack>
      <Anchor component={Link} to="/errors" size="sm">
        ← Errors
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h3">
            {error.message}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge color={error.status === 'open' ? 'red' : 'green'}>{error.status}</Badge>
            <Badge variant="light">{severityLabel(error.severity)}</Badge>
            <Text size="sm" c="dimmed">
              assigned to {error.assigneeUserId ? names.user(error.assigneeUserId) : 'nobody'}
            </Text>
          </Group>
        </div>
        <Group gap="xs">
          <Button size="xs" onClick={() => setDialog('assign')}>
            Assign…
          </Button>
          <Button size="xs" variant="default" onClick={() => setDialog('tag')}>
            Tag…
          </Button>
          <Button size="xs" variant="default" onClick={() => act({ kind: 'retry' })}>
            Retry
          </Button>
          {error.status === 'open' ? (
            <Button size="xs" variant="default" onClick={() => act({ kind: 'resolve' })}>
              Resolve
            </Button>
          ) : (
            <Button size="xs" variant="default" onClick={() => act({ kind: 'reopen' })}>
              Reopen
            </Button>
          )}
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="sm">
            <Title order={2} size="h5" mb="xs">
              Fields
            </Title>
            <Table>
              <Table.Tbody>
                {fieldRows(details.data, names.tag).map(([label, value]) => (
                  <Table.Tr key={label}>
                    <Table.Th w={160}>{label}</Table.Th>
                    <Table.Td style={{ wordBreak: 'break-word' }}>{value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <RetryDataEditor errorId={error.errorId} retryData={retryData} />
          <Paper withBorder p="sm" mt="md">
            <Title order={2} size="h5" mb="xs">
              Response body
            </Title>
            {responseBody === null ? (
              <Text size="sm" c="dimmed">
                The runtime reported no response from the app.
              </Text>
            ) : (
              <Code block aria-label="Response body">
                {typeof responseBody === 'string' ? responseBody : JSON.stringify(responseBody, null, 2)}
              </Code>
            )}
          </Paper>
          <Paper withBorder p="sm" mt="md">
            <Title order={2} size="h5" mb="xs">
              Related errors
            </Title>
            <RelatedList label="Same trace key (the same record, other runs)" errorIds={related.sameTraceKey} />
            <RelatedList label="Same retry data key (go to the same assignee)" errorIds={related.sameRetryDataKey} />
          </Paper>
        </Grid.Col>
      </Grid>
      <Paper withBorder p="sm">
        <Title order={2} size="h5" mb="sm">
          History
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {story.map((entry, index) => (
            <Timeline.Item key={`${entry.at}-${index}`} title={entry.text} color={entry.automatic ? 'grape' : 'blue'}>
              <Text size="xs" c="dimmed">
                <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
                {entry.automatic ? ' · automatic' : ''}
                {entry.sourceErrorId && (
                  <>
                    {' · '}
                    <Anchor component={Link} to={`/errors/${entry.sourceErrorId}`} size="xs" underline="always">
                      the error it followed
                    </Anchor>
                  </>
                )}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
      <AssignDialog opened={dialog === 'assign'} onClose={() => setDialog(undefined)} integrationIds={[error.integrationId]} count={1} allowNewEmail onAssign={act} />
      <TagDialog opened={dialog === 'tag'} onClose={() => setDialog(undefined)} count={1} onTag={act} />
    </Stack>
  );
}

function fieldRows({ error }: ErrorDetails, tag: (tagId: string) => string): Array<[string, React.ReactNode]> {
  return [
    ['Integration', named(error.integrationName, error.integrationId)],
    ['Flow', <Anchor component={Link} to={`/flows/${encodeURIComponent(error.integrationId)}/${encodeURIComponent(error.flowId)}`}>{named(error.flowName, error.flowId)}</Anchor>],
    ['Step', `${named(error.flowStepName, error.flowStepId)} (${error.stepType})`],
    ['Run', error.runId],
    ['Class', error.errorClass],
    ['HTTP status', error.httpStatus ? `${error.httpStatus} ${error.httpStatusName ?? ''}` : '—'],
    ['Code', error.code ?? '—'],
    ['Source', error.source ?? '—'],
    ['Trace key', error.traceKey ? <Code>{error.traceKey}</Code> : '—'],
    ['Retry data key', error.retryDataKey ? <Code>{error.retryDataKey}</Code> : '—'],
    ['Occurrences', String(error.occurrences)],
    ['First occurred', new Date(error.occurredAt).toLocaleString()],
    ['Last occurred', new Date(error.lastOccurredAt).toLocaleString()],
    ['Tags', error.tagIds.length ? error.tagIds.map(tag).join(', ') : '—'],
    ['Resolution', error.resolution ? `${error.resolution} at ${new Date(error.resolvedAt ?? '').toLocaleString()}` : '—'],
  ];
}

function RelatedList({ label, errorIds }: { label: string; errorIds: string[] }) {
  return (
    <div>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {errorIds.length === 0 ? (
        <Text size="sm" c="dimmed" mb="xs">
          none
        </Text>
      ) : (
        <Stack gap={0} mb="xs">
          {errorIds.map((errorId) => (
            <Anchor key={errorId} component={Link} to={`/errors/${errorId}`} size="sm">
              {errorId}
            </Anchor>
          ))}
        </Stack>
      )}
    </div>
  );
}

function RetryDataEditor({ errorId, retryData }: { errorId: string; retryData: unknown }) {
  const client = useQueryClient();
  const [text, setText] = useState(retryDataText(retryData));
  const [saved, setSaved] = useState<string>();
  useEffect(() => setText(retryDataText(retryData)), [retryData]);
  const parsed = parseRetryData(text);
  const { run: save, busy, error } = useSubmission(async (thenRetry: boolean) => {
    if (!parsed.ok) return;
    setSaved(undefined);
    await put('errors', `/errors/${errorId}/retry-data`, { retryData: parsed.value });
    if (thenRetry) await post('errors', '/errors/retry', { errorIds: [errorId] });
    setSaved(thenRetry ? 'Saved, and a retry with this data was requested' : 'Saved');
    await client.invalidateQueries({ queryKey: ['errors'] });
  });
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h5" mb="xs">
        Retry data
      </Title>
      <Textarea
        aria-label="Retry data (JSON)"
        placeholder="No retry data came with this error. Write JSON here to retry with it."
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autosize
        minRows={6}
        maxRows={18}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        error={text && !parsed.ok ? parsed.why : undefined}
      />
      <ProblemAlert error={error} title="Not saved" />
      {saved && (
        <Text size="sm" c="green.9" role="status">
          {saved}
        </Text>
      )}
      <Group justify="flex-end" mt="xs">
        <Button size="xs" variant="default" onClick={() => save(false)} disabled={!parsed.ok} loading={busy}>
          Save
        </Button>
        <Button size="xs" onClick={() => save(true)} disabled={!parsed.ok} loading={busy}>
          Retry with this data
        </Button>
      </Group>
    </Paper>
  );
}
