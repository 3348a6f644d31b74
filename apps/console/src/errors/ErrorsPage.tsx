import type { ErrorsPage as ErrorsPageData } from '@faultline/contracts/browser';
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { get } from '../api/http';
import { ProblemAlert } from '../app/ProblemAlert';
import { CommandPalette } from '../keyboard/CommandPalette';
import { HelpDialog } from '../keyboard/HelpDialog';
import { moveActive } from '../keyboard/shortcuts';
import { useShortcuts } from '../keyboard/useShortcuts';
import { AssignDialog } from './bulk/AssignDialog';
import { type BulkAction, worksOnAllMatching } from './bulk/bulk-actions';
import { BulkConfirmDialog } from './bulk/BulkConfirmDialog';
import { RefusedRequests } from './bulk/RefusedRequests';
import { TagDialog } from './bulk/TagDialog';
import { useBulkActions } from './bulk/useBulkActions';
import { ErrorsFilters } from './ErrorsFilters';
import { ErrorsTable } from './ErrorsTable';
import { type ErrorsFilter, type ErrorStatus, searchFromFilter, withFilter } from './filter/errors-filter-url';
import { useErrorsAddress } from './filter/useErrorsAddress';
import { allMatching, keepListed, NOTHING_SELECTED, type Selection, selectedCount, toggleRow, toggleShown } from './selection/selection';
import { toolbarCaption } from './selection/toolbar-caption';
import { usePageCommands } from './usePageCommands';
import { useSavedViews } from './views/useSavedViews';
import { withColumns } from './views/view-columns';
import { ViewsBar } from './views/ViewsBar';
import { countText, totalText } from './total-text';

const PAGE_SIZE = 50;
/**
 * Live without reload: the first pages are polled (a keyset page is one indexed query), and
 * polling stops once someone has paged deep, so reading far back never costs a refetch of all.
 */
const POLL_MS = 5_000;
const POLLED_PAGES = 3;

const listPath = (filter: ErrorsFilter, limit: number, cursor?: string) => {
  const search = searchFromFilter(filter);
  search.set('limit', String(limit));
  if (cursor) search.set('cursor', cursor);
  return `/errors?${search}`;
};

/** Seed 000's Errors page: filter, select, and act, by mouse, keyboard or command. */
export function ErrorsPage() {
  const { search, setSearch, filter, columns, ignored, setFilter } = useErrorsAddress();
  const navigate = useNavigate();
  useDefaultView(search, setSearch);
  const list = useInfiniteQuery({
    queryKey: ['errors', 'list', filter],
    queryFn: ({ pageParam, signal }) => get<ErrorsPageData>('errors', listPath(filter, PAGE_SIZE, pageParam), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => ((query.state.data?.pages.length ?? 0) <= POLLED_PAGES ? POLL_MS : false),
  });
  const counts = useStatusCounts(filter);
  const errors = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;
  const capped = list.data?.pages[0]?.totalCapped ?? false;

  const [selection, setSelection] = useState<Selection>(NOTHING_SELECTED);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [dialog, setDialog] = useState<'assign' | 'tag' | 'help' | 'palette'>();
  const [confirming, setConfirming] = useState<{ action: BulkAction; selection: Extract<Selection, { kind: 'all-matching' }> }>();
  const runBulk = useBulkActions();
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => setSelection(NOTHING_SELECTED), [filter]);
  useEffect(() => setSelection((current) => keepListed(current, new Set(errors.map((error) => error.errorId)))), [errors]);
  useEffect(() => {
    document.querySelector(`[data-error-id="${errors[activeIndex]?.errorId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, errors]);

  /** What an action applies to: the selection, else the current row (j/k), else nothing. */
  const target = (): Selection => {
    if (selectedCount(selection) > 0) return selection;
    const active = errors[activeIndex];
    return active ? { kind: 'rows', errorIds: [active.errorId] } : NOTHING_SELECTED;
  };
  const act = async (action: BulkAction) => {
    const scope = target();
    if (selectedCount(scope) === 0) return;
    if (scope.kind === 'all-matching') return setConfirming({ action, selection: scope });
    const outcome = await runBulk(action, scope);
    if (outcome.ok) setSelection(NOTHING_SELECTED);
  };
  const scopeIntegrations = (): string[] | undefined => {
    const scope = target();
    if (scope.kind === 'all-matching') return scope.filter.integrationId ? [scope.filter.integrationId] : undefined;
    return [...new Set(errors.filter((error) => scope.errorIds.includes(error.errorId)).map((error) => error.integrationId))];
  };
  const status: ErrorStatus = filter.status ?? 'open';

  useShortcuts((shortcut) => {
    if (shortcut === 'next' || shortcut === 'previous') setActiveIndex((index) => moveActive(index, shortcut, errors.length));
    else if (shortcut === 'toggle' && errors[activeIndex]) setSelection((current) => toggleRow(current, errors[activeIndex].errorId));
    else if (shortcut === 'open' && errors[activeIndex]) navigate(`/errors/${errors[activeIndex].errorId}`);
    else if (shortcut === 'assign' && selectedCount(target()) > 0) setDialog('assign');
    else if (shortcut === 'tag' && selectedCount(target()) > 0) setDialog('tag');
    else if (shortcut === 'resolve') void act(status === 'open' ? { kind: 'resolve' } : { kind: 'reopen' });
    else if (shortcut === 'retry') void act({ kind: 'retry' });
    else if (shortcut === 'search') searchRef.current?.focus();
    else if (shortcut === 'help') setDialog('help');
    else if (shortcut === 'palette') setDialog('palette');
  });

  const commands = usePageCommands({
    status,
    hasTarget: selectedCount(target()) > 0,
    act,
    openDialog: setDialog,
    selectShown: () => setSelection((current) => toggleShown(current, errors.map((error) => error.errorId))),
    selectAllMatching: () => setSelection(allMatching(filter, total, new Date())),
    clearSelection: () => setSelection(NOTHING_SELECTED),
    setFilter: (key, value) => setFilter(withFilter(filter, key, value)),
  });

  const count = selectedCount(selection);
  const scope = target();
  const scopeCount = selectedCount(scope);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Errors
        </Title>
        <Text size="sm" c="dimmed" role="status" aria-live="polite">
          {list.isFetching ? 'Updating…' : `Updated live · ${countText(total, capped)} matching`}
        </Text>
      </Group>
      <Tabs value={status} onChange={(value) => setFilter(withFilter(filter, 'status', value ?? 'open'))}>
        <Tabs.List>
          <Tabs.Tab value="open">Open {counts.open !== undefined && `(${counts.open})`}</Tabs.Tab>
          <Tabs.Tab value="resolved">Resolved {counts.resolved !== undefined && `(${counts.resolved})`}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <ViewsBar
        filter={filter}
        columns={columns}
        onOpen={(view) => setSearch(withColumns(searchFromFilter(view.filter), view.columns))}
        onColumns={(next) => setSearch(withColumns(search, next))}
      />
      <ErrorsFilters filter={filter} onChange={setFilter} searchRef={searchRef} />
      {ignored.length > 0 && (
        <Alert color="yellow" role="status" title="Left out of the filter">
          The address asked for {ignored.join(', ')}, which no filter accepts; the list shows everything else it asked for.
        </Alert>
      )}
      <Paper withBorder p="xs" role="toolbar" aria-label="Act on the selected errors">
        <Group gap="xs">
          <Text size="sm" fw={500} miw={150}>
            {toolbarCaption(count, selection.kind === 'all-matching', scopeCount > 0)}
          </Text>
          <Button size="xs" onClick={() => setDialog('assign')} disabled={scopeCount === 0}>
            Assign…
          </Button>
          <Button size="xs" variant="default" onClick={() => act({ kind: 'clear-assignee' })} disabled={scopeCount === 0}>
            Clear assignee
          </Button>
          <Button size="xs" variant="default" onClick={() => setDialog('tag')} disabled={scopeCount === 0}>
            Tag…
          </Button>
          <Button size="xs" variant="default" onClick={() => act({ kind: 'retry' })} disabled={scopeCount === 0}>
            Retry
          </Button>
          {status === 'open' ? (
            <Button size="xs" variant="default" onClick={() => act({ kind: 'resolve' })} disabled={scopeCount === 0}>
              Resolve
            </Button>
          ) : (
            <Button size="xs" variant="default" onClick={() => act({ kind: 'reopen' })} disabled={scopeCount === 0}>
              Reopen
            </Button>
          )}
          {count > 0 && (
            <Button size="xs" variant="subtle" onClick={() => setSelection(NOTHING_SELECTED)}>
              Clear selection
            </Button>
          )}
        </Group>
        {selection.kind === 'rows' && count > 0 && count === errors.length && total > errors.length && (
          <Text size="sm" mt={4}>
            All {count} shown are selected.{' '}
            <Anchor component="button" onClick={() => setSelection(allMatching(filter, total, new Date()))}>
              Select all {countText(total, capped)} matching the filter
            </Anchor>{' '}
            (resolve, retry, assign and tag)
          </Text>
        )}
      </Paper>
      <RefusedRequests />
      <ProblemAlert error={list.error} title="The errors could not be listed" />
      {list.isPending ? (
        <Loader aria-label="Loading errors" />
      ) : errors.length === 0 ? (
        <Alert color="gray">{status === 'open' ? 'No open errors match. Nothing to triage.' : 'No resolved errors match.'}</Alert>
      ) : (
        <ErrorsTable
          errors={errors}
          columns={columns}
          selection={selection}
          activeIndex={activeIndex}
          onToggle={(errorId) => setSelection((current) => toggleRow(current, errorId))}
          onToggleShown={() => setSelection((current) => toggleShown(current, errors.map((error) => error.errorId)))}
          onActivate={setActiveIndex}
        />
      )}
      {list.hasNextPage && (
        <Button variant="light" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          Show {Math.min(PAGE_SIZE, total - errors.length)} more (of {countText(total - errors.length, capped)})
        </Button>
      )}
      <AssignDialog
        opened={dialog === 'assign'}
        onClose={() => setDialog(undefined)}
        integrationIds={scopeIntegrations()}
        count={scopeCount}
        allowNewEmail={scope.kind === 'rows'}
        onAssign={(action) => (scope.kind === 'all-matching' && !worksOnAllMatching(action.kind) ? undefined : act(action))}
      />
      <TagDialog opened={dialog === 'tag'} onClose={() => setDialog(undefined)} count={scopeCount} onTag={act} />
      <HelpDialog opened={dialog === 'help'} onClose={() => setDialog(undefined)} />
      <CommandPalette opened={dialog === 'palette'} onClose={() => setDialog(undefined)} commands={commands} />
      <BulkConfirmDialog
        pending={confirming}
        onClose={() => {
          setConfirming(undefined);
          setSelection(NOTHING_SELECTED);
        }}
        run={runBulk}
      />
    </Stack>
  );
}

/** The Errors page opened bare (from the navigation bar) shows the person's default view, if they chose one. */
function useDefaultView(search: URLSearchParams, setSearch: (search: URLSearchParams, options: { replace: boolean }) => void): void {
  const { views } = useSavedViews();
  const bare = search.toString() === '';
  const chosen = views?.find((view) => view.isDefault);
  useEffect(() => {
    if (bare && chosen) setSearch(withColumns(searchFromFilter(chosen.filter), chosen.columns), { replace: true });
  }, [bare, chosen, setSearch]);
}

/** The Open and Resolved tabs' counts for the rest of the filter (one row each: the total comes along). */
function useStatusCounts(filter: ErrorsFilter): Partial<Record<ErrorStatus, string>> {
  const count = (status: ErrorStatus) => ({
    queryKey: ['errors', 'count', { ...filter, status }],
    queryFn: ({ signal }: { signal: AbortSignal }) => get<ErrorsPageData>('errors', listPath({ ...filter, status }, 1), signal),
    refetchInterval: POLL_MS,
  });
  const open = useQuery(count('open'));
  const resolved = useQuery(count('resolved'));
  return { open: totalText(open.data), resolved: totalText(resolved.data) };
}
