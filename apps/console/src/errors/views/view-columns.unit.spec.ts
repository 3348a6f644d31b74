import { columnsFromSearch, VIEW_COLUMNS, withColumns } from './view-columns';

describe('the columns of the Errors list in the address', () => {
  it('shows every column unless the address names some, in the list’s own order', () => {
    expect(columnsFromSearch(new URLSearchParams(''))).toEqual([...VIEW_COLUMNS]);
    expect(columnsFromSearch(new URLSearchParams('columns=tags,message,bogus'))).toEqual(['message', 'tags']);
    expect(columnsFromSearch(new URLSearchParams('columns=assignee'))).toEqual(['message', 'assignee']);
    expect(columnsFromSearch(new URLSearchParams('columns=bogus'))).toEqual([...VIEW_COLUMNS]);
  });

  it('writes only a choice narrower than all, and keeps the filter', () => {
    expect(withColumns(new URLSearchParams('status=open'), ['assignee', 'message']).toString()).toBe('status=open&columns=message%2Cassignee');
    expect(withColumns(new URLSearchParams('status=open&columns=message'), [...VIEW_COLUMNS]).toString()).toBe('status=open');
  });
});
