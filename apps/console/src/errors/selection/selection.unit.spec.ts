import { allMatching, isSelected, keepListed, NOTHING_SELECTED, selectedCount, toggleRow, toggleShown } from './selection';

describe('selecting errors', () => {
  it('rows toggle one at a time, in the order picked', () => {
    const picked = toggleRow(toggleRow(toggleRow(NOTHING_SELECTED, 'a'), 'b'), 'c');
    expect(picked).toEqual({ kind: 'rows', errorIds: ['a', 'b', 'c'] });
    expect(toggleRow(picked, 'b')).toEqual({ kind: 'rows', errorIds: ['a', 'c'] });
    expect(selectedCount(picked)).toBe(3);
  });

  it('"select shown" adds the page, and clears it when the whole page already is', () => {
    const some = toggleRow(NOTHING_SELECTED, 'x');
    const page = toggleShown(some, ['a', 'b', 'x']);
    expect(page).toEqual({ kind: 'rows', errorIds: ['x', 'a', 'b'] });
    expect(toggleShown(page, ['a', 'b', 'x'])).toEqual({ kind: 'rows', errorIds: [] });
    expect(toggleShown(NOTHING_SELECTED, [])).toEqual({ kind: 'rows', errorIds: [] });
  });

  it('"all matching" freezes the filter, its count and its moment; changing the filter later does not widen it', () => {
    const filter = { status: 'open' as const, integrationId: 'acme' };
    const all = allMatching(filter, 1234, new Date('2026-12-01T10:00:00.000Z'));
    filter.integrationId = 'other';
    expect(all).toEqual({ kind: 'all-matching', filter: { status: 'open', integrationId: 'acme', to: '2026-12-01T10:00:00.000Z' }, total: 1234 });
    expect(allMatching({ to: '2026-11-01T00:00:00.000Z' }, 1, new Date())).toMatchObject({ filter: { to: '2026-11-01T00:00:00.000Z' } });
    expect(isSelected(all, 'anything')).toBe(true);
    expect(selectedCount(all)).toBe(1234);
    expect(toggleRow(all, 'a')).toEqual({ kind: 'rows', errorIds: ['a'] });
  });

  it('picked rows that leave the list are dropped, so an action never touches what is not shown', () => {
    const picked = toggleRow(toggleRow(NOTHING_SELECTED, 'a'), 'b');
    expect(keepListed(picked, new Set(['b', 'c']))).toEqual({ kind: 'rows', errorIds: ['b'] });
    expect(keepListed(picked, new Set(['a', 'b']))).toBe(picked);
  });
});
