import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { columnsFromSearch, withColumns } from '../views/view-columns';
import { type ErrorsFilter, filterFromSearch, ignoredInSearch, searchFromFilter } from './errors-filter-url';

/**
 * The Errors page's state lives in the address, so every list is a link: its filter and columns
 * are read from it, a new filter is written back (the columns kept), and what the address asked
 * for that no filter accepts is named.
 */
export function useErrorsAddress() {
  const [search, setSearch] = useSearchParams();
  const filter = useMemo(() => filterFromSearch(search), [search]);
  const columns = useMemo(() => columnsFromSearch(search), [search]);
  const ignored = useMemo(() => ignoredInSearch(search, filter), [search, filter]);
  const setFilter = useCallback((next: ErrorsFilter) => setSearch(withColumns(searchFromFilter(next), columns)), [setSearch, columns]);
  return { search, setSearch, filter, columns, ignored, setFilter };
}
