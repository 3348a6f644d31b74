/** @jest-environment jsdom */
import type { ErrorListItem, TagList, UserSummary } from '@faultline/contracts/browser';
import { screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { renderWith } from '../testing/render';
import { ErrorsTable } from './ErrorsTable';
import { NOTHING_SELECTED } from './selection/selection';
import { VIEW_COLUMNS } from './views/view-columns';

const users: UserSummary[] = [];
const tags: TagList = { items: [] };

function listed(message: string, severity: ErrorListItem['severity']): ErrorListItem {
  const at = '2026-12-01T10:00:00.000Z';
  return {
    errorId: `00000000-0000-4000-8000-00000000000${severity === 'high' ? 1 : 2}`,
    accountId: 'acc',
    integrationId: 'int-1',
    flowId: 'flow-1',
    flowStepId: 'step-1',
    integrationName: null,
    flowName: null,
    flowStepName: null,
    stepType: 'export',
    runId: 'run-1',
    message,
    code: null,
    httpStatus: null,
    retryDataKey: null,
    traceKey: null,
    status: 'open',
    errorClass: 'connection',
    severity,
    httpStatusName: null,
    source: null,
    occurrences: 1,
    tagIds: [],
    assigneeUserId: null,
    assignmentCause: null,
    resolution: null,
    resolvedByUserId: null,
    supersededBy: null,
    resolvedAt: null,
    occurredAt: at,
    lastOccurredAt: at,
    recordedAt: at,
  };
}

describe('the Errors list', () => {
  it('shows a severity only where there is one: a dash read as "no severity" elsewhere', () => {
    const noop = () => undefined;
    renderWith(
      <MemoryRouter>
        <ErrorsTable errors={[listed('Disk full', 'high'), listed('Slow down', 'none')]} columns={VIEW_COLUMNS} selection={NOTHING_SELECTED} activeIndex={0} onToggle={noop} onToggleShown={noop} onActivate={noop} />
      </MemoryRouter>,
      [
        [['identity', 'users'], users],
        [['errors', 'tags'], tags],
      ],
    );
    const severityOf = (message: string) => {
      const row = screen.getByRole('link', { name: message }).closest('tr');
      if (!row) throw new Error(`no row for ${message}`);
      return within(row).getAllByRole('cell')[3].textContent;
    };
    expect(severityOf('Disk full')).toBe('high');
    expect(severityOf('Slow down')).toBe('—no severity');
    expect(screen.queryByText('none')).toBeNull();
  });
});
