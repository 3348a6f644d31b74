import { useNavigate } from 'react-router';
import type { Command } from '../keyboard/CommandPalette';
import type { BulkAction } from './bulk/bulk-actions';
import type { ErrorStatus } from './filter/errors-filter-url';

interface PageActions {
  status: ErrorStatus;
  hasTarget: boolean;
  act: (action: BulkAction) => void;
  openDialog: (dialog: 'assign' | 'tag' | 'help') => void;
  selectShown: () => void;
  selectAllMatching: () => void;
  clearSelection: () => void;
  setFilter: (key: 'assignee' | 'status', value: string | undefined) => void;
}

/** Every action of the Errors page as a command, for the palette. */
export function usePageCommands(page: PageActions): Command[] {
  const navigate = useNavigate();
  const onTarget: Command[] = [
    { id: 'assign', label: 'Assign the selection…', hint: 'a', run: () => page.openDialog('assign') },
    page.status === 'open'
      ? { id: 'resolve', label: 'Resolve the selection', hint: 'e', run: () => page.act({ kind: 'resolve' }) }
      : { id: 'reopen', label: 'Reopen the selection', hint: 'e', run: () => page.act({ kind: 'reopen' }) },
    { id: 'retry', label: 'Retry the selection', hint: 'r', run: () => page.act({ kind: 'retry' }) },
    { id: 'tag', label: 'Tag the selection…', hint: 't', run: () => page.openDialog('tag') },
    { id: 'clear-assignee', label: 'Clear the assignee of the selection', run: () => page.act({ kind: 'clear-assignee' }) },
  ];
  return [
    ...(page.hasTarget ? onTarget : []),
    { id: 'select-shown', label: 'Select every error shown', run: page.selectShown },
    { id: 'select-all', label: 'Select all errors matching the filter', run: page.selectAllMatching },
    { id: 'clear-selection', label: 'Clear the selection', run: page.clearSelection },
    { id: 'mine', label: 'Filter: assigned to me', run: () => page.setFilter('assignee', 'me') },
    { id: 'unassigned', label: 'Filter: unassigned', run: () => page.setFilter('assignee', 'unassigned') },
    { id: 'anyone', label: 'Filter: anyone', run: () => page.setFilter('assignee', undefined) },
    { id: 'open', label: 'Show open errors', run: () => page.setFilter('status', 'open') },
    { id: 'resolved', label: 'Show resolved errors', run: () => page.setFilter('status', 'resolved') },
    { id: 'go-flows', label: 'Go to Flows', run: () => navigate('/flows') },
    { id: 'go-team', label: 'Go to Team', run: () => navigate('/team') },
    { id: 'go-notifications', label: 'Go to My notifications', run: () => navigate('/notifications') },
    { id: 'go-settings', label: 'Go to Settings', run: () => navigate('/settings') },
    { id: 'help', label: 'Keyboard shortcuts', hint: '?', run: () => page.openDialog('help') },
  ];
}
