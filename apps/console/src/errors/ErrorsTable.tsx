import type { ErrorListItem } from '@faultline/contracts/browser';
import { Badge, Checkbox, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { useNames } from '../app/directory';
import { relativeTime } from '../app/time';
import { resolutionSentence } from './resolution-sentence';
import { isSelected, type Selection } from './selection/selection';
import type { ViewColumn } from './views/view-columns';

interface Props {
  errors: ErrorListItem[];
  columns: readonly ViewColumn[];
  selection: Selection;
  activeIndex: number;
  onToggle: (errorId: string) => void;
  onToggleShown: () => void;
  onActivate: (index: number) => void;
}

/** Assignments made by a rule say so in the list; a person's choice needs no word. */
const RULES: Record<string, string | undefined> = { retryDataKey: 'by the retry data key rule', traceKey: 'by the trace key rule' };

const SEVERITY_COLOURS: Record<string, string> = { high: 'red.9', medium: 'orange.9' };

/** The Errors list: one row per error; the active row (j/k) is outlined, selected rows checked. */
export function ErrorsTable({ errors, columns, selection, activeIndex, onToggle, onToggleShown, onActivate }: Props) {
  const names = useNames();
  const shows = (column: ViewColumn) => columns.includes(column);
  const allShown = errors.length > 0 && errors.every((error) => isSelected(selection, error.errorId));
  return (
    <Table highlightOnHover striped={false} verticalSpacing="xs" aria-label="Errors" aria-rowcount={errors.length}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36}>
            <Checkbox aria-label="Select every error shown" checked={allShown} indeterminate={!allShown && errors.some((error) => isSelected(selection, error.errorId))} onChange={onToggleShown} />
          </Table.Th>
          <Table.Th>Message</Table.Th>
          {shows('class') && <Table.Th>Class</Table.Th>}
          {shows('severity') && <Table.Th>Severity</Table.Th>}
          {shows('step') && <Table.Th>Step</Table.Th>}
          {shows('occurrences') && <Table.Th ta="right">Occurrences</Table.Th>}
          {shows('lastOccurred') && <Table.Th>Last occurred</Table.Th>}
          {shows('assignee') && <Table.Th>Assignee</Table.Th>}
          {shows('tags') && <Table.Th>Tags</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {errors.map((error, index) => {
          const active = index === activeIndex;
          return (
            <Table.Tr
              key={error.errorId}
              data-error-id={error.errorId}
              data-active={active || undefined}
              aria-selected={isSelected(selection, error.errorId)}
              onClick={() => onActivate(index)}
              style={active ? { outline: '2px solid var(--mantine-color-blue-6)', outlineOffset: -2 } : undefined}
            >
              <Table.Td>
                <Checkbox aria-label={`Select error: ${error.message.slice(0, 80)}`} checked={isSelected(selection, error.errorId)} onChange={() => onToggle(error.errorId)} />
              </Table.Td>
              <Table.Td maw={420}>
                <Text component={Link} to={`/errors/${error.errorId}`} size="sm" lineClamp={2} c="blue.9" td="none">
                  {error.message || '(no message)'}
                </Text>
                <Text size="xs" c="dimmed">
                  {error.integrationName ?? error.integrationId} › {error.flowName ?? error.flowId}
                  {error.httpStatus ? ` · HTTP ${error.httpStatus}${error.httpStatusName ? ` ${error.httpStatusName}` : ''}` : ''}
                </Text>
                {error.status === 'resolved' && (
                  <Text size="xs" c="dimmed" data-resolution>
                    {resolutionSentence({ reason: error.resolution, supersededBy: error.supersededBy }, error.resolvedByUserId ? names.user(error.resolvedByUserId) : undefined)}
                  </Text>
                )}
              </Table.Td>
              {shows('class') && <Table.Td>{error.errorClass}</Table.Td>}
              {shows('severity') && (
                <Table.Td>
                  {error.severity === 'none' ? (
                    // A badge on every row without a severity would draw the eye to nothing.
                    <Text c="dimmed" size="sm">
                      <span aria-hidden="true">—</span>
                      <VisuallyHidden>no severity</VisuallyHidden>
                    </Text>
                  ) : (
                    <Badge color={SEVERITY_COLOURS[error.severity]} variant="filled">
                      {error.severity}
                    </Badge>
                  )}
                </Table.Td>
              )}
              {shows('step') && <Table.Td title={error.flowStepId}>{error.flowStepName ?? error.flowStepId}</Table.Td>}
              {shows('occurrences') && <Table.Td ta="right">{error.occurrences}</Table.Td>}
              {shows('lastOccurred') && (
                <Table.Td>
                  <time dateTime={error.lastOccurredAt} title={new Date(error.lastOccurredAt).toLocaleString()}>
                    {relativeTime(error.lastOccurredAt)}
                  </time>
                </Table.Td>
              )}
              {shows('assignee') && (
                <Table.Td>
                  {error.assigneeUserId ? names.user(error.assigneeUserId) : <Text c="dimmed" size="sm">unassigned</Text>}
                  {error.assigneeUserId && RULES[error.assignmentCause ?? 'manual'] && (
                    <Text size="xs" c="dimmed">
                      {RULES[error.assignmentCause ?? 'manual']}
                    </Text>
                  )}
                </Table.Td>
              )}
              {shows('tags') && (
                <Table.Td>
                  <Group gap={4}>
                    {error.tagIds.map((tagId) => (
                      <Badge key={tagId} size="sm" variant="outline" color="dark" style={{ borderColor: names.tagView(tagId)?.colour }}>
                        {names.tag(tagId)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
