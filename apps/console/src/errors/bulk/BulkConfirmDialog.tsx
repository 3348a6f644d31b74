import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNames } from '../../app/directory';
import { ProblemAlert } from '../../app/ProblemAlert';
import { describeFilter } from '../filter/errors-filter-url';
import type { Selection } from '../selection/selection';
import type { BulkAction } from './bulk-actions';
import { type BulkOutcome, countMatching, outcomeColour, outcomeTitle } from './useBulkActions';

interface Props {
  pending: { action: BulkAction; selection: Extract<Selection, { kind: 'all-matching' }> } | undefined;
  onClose: () => void;
  run: (action: BulkAction, selection: Selection) => Promise<BulkOutcome>;
}

const LABELS: Partial<Record<BulkAction['kind'], string>> = { resolve: 'Resolve', reopen: 'Reopen', retry: 'Retry', assign: 'Assign', 'clear-assignee': 'Unassign', tag: 'Tag' };

/**
 * Acting on everything matching a filter: the exact count (a dry run, now), the filter as it
 * will be applied, then progress and a summary of what changed and what was refused.
 */
export function BulkConfirmDialog({ pending, onClose, run }: Props) {
  const names = useNames();
  const [count, setCount] = useState<number>();
  const [countError, setCountError] = useState<unknown>();
  const [outcome, setOutcome] = useState<BulkOutcome>();
  const [running, setRunning] = useState(false);
  useEffect(() => {
    setCount(undefined);
    setCountError(undefined);
    setOutcome(undefined);
    if (pending) countMatching(pending.action, pending.selection).then(setCount, setCountError);
  }, [pending]);
  if (!pending) return null;
  const label = LABELS[pending.action.kind] ?? pending.action.kind;
  const confirm = async () => {
    setRunning(true);
    setOutcome(await run(pending.action, pending.selection));
    setRunning(false);
  };
  return (
    <Modal opened onClose={onClose} title={`${label} every error matching the filter`} size="lg">
      <Stack>
        <Text size="sm">
          <strong>Filter, frozen as it will be applied:</strong> {describeFilter(pending.selection.filter, names)}
        </Text>
        {count === undefined && !countError && (
          <Group gap="xs">
            <Loader size="xs" /> <Text size="sm">Counting the errors it applies to…</Text>
          </Group>
        )}
        <ProblemAlert error={countError} title="Cannot act on these errors" />
        {count !== undefined && !outcome && (
          <Alert color={count > 0 ? 'yellow' : 'gray'} role="status">
            {count === 0 ? 'No error matches this filter now.' : `This will ${label.toLowerCase()} exactly ${count.toLocaleString()} ${count === 1 ? 'error' : 'errors'}.`} The server applies it a
            thousand errors per transaction; errors that occur after the filter was frozen are left out.
          </Alert>
        )}
        {running && (
          <Group gap="xs" role="status">
            <Loader size="xs" /> <Text size="sm">Applying to {count?.toLocaleString()} errors…</Text>
          </Group>
        )}
        {outcome && (
          <Alert color={outcomeColour(outcome)} role="status" title={outcomeTitle(outcome)}>
            {outcome.ok ? outcome.summary : `${outcome.message}${outcome.code ? ` (${outcome.code})` : ''}`}
          </Alert>
        )}
        <Group justify="flex-end">
          {outcome ? (
            <Button onClick={onClose}>Close</Button>
          ) : (
            <>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button onClick={confirm} loading={running} disabled={!count}>
                {label} {count?.toLocaleString() ?? ''} errors
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
