import { describeFilter, filterFromSearch, ignoredInSearch, searchFromFilter, withFilter } from './errors-filter-url';

const TAG_A = '11111111-1111-4111-8111-111111111111';
const TAG_B = '22222222-2222-4222-8222-222222222222';

describe('the Errors page filter in the address', () => {
  it('reads every known key and defaults to open errors', () => {
    const filter = filterFromSearch(new URLSearchParams(`integrationId=acme&assignee=me&tags=${TAG_A},${TAG_B}&tagsMatch=all&httpStatus=503&severity=high&q=time%20out`));
    expect(filter).toEqual({ status: 'open', integrationId: 'acme', assignee: 'me', tags: `${TAG_A},${TAG_B}`, tagsMatch: 'all', httpStatus: 503, severity: 'high', q: 'time out' });
  });

  it('leaves out what no list accepts rather than failing the page', () => {
    const filter = filterFromSearch(new URLSearchParams('status=closed&severity=urgent&httpStatus=42&tags=not-a-uuid&from=yesterday&unknown=1&q=&flowId=' + 'f'.repeat(101)));
    expect(filter).toEqual({ status: 'open' });
    expect(filterFromSearch(new URLSearchParams('q=a%00b'))).toEqual({ status: 'open' });
  });

  it('names what it left out, so a mistyped link does not pass silently', () => {
    const search = new URLSearchParams('severity=urgent&flowId=f1&colour=red&columns=message&q=');
    expect(ignoredInSearch(search, filterFromSearch(search))).toEqual(['severity=urgent', 'colour=red']);
    const clean = new URLSearchParams('status=resolved&httpStatus=503');
    expect(ignoredInSearch(clean, filterFromSearch(clean))).toEqual([]);
  });

  it('writes one address per filter, whatever order it was built in', () => {
    const built = withFilter(withFilter({ q: 'x', status: 'resolved' }, 'integrationId', 'acme'), 'q', undefined);
    expect(searchFromFilter(built).toString()).toBe('status=resolved&integrationId=acme');
    const round = filterFromSearch(searchFromFilter({ status: 'open', assignee: 'unassigned', httpStatus: 429, from: '2026-11-01T00:00:00.000Z' }));
    expect(round).toEqual({ status: 'open', assignee: 'unassigned', httpStatus: 429, from: '2026-11-01T00:00:00.000Z' });
  });

  it('says the scope of a bulk action in words, with people and tags by name', () => {
    const names = { user: (id: string) => (id === 'u1' ? 'Ada' : id), tag: (id: string) => (id === TAG_A ? 'billing' : 'urgent') };
    expect(describeFilter({ status: 'open', integrationId: 'acme', assignee: 'u1', tags: `${TAG_A},${TAG_B}`, tagsMatch: 'all', q: 'timeout' }, names)).toBe(
      'open · integration acme · assigned to Ada · tagged billing and urgent · message contains "timeout"',
    );
    expect(describeFilter({ assignee: 'unassigned' })).toBe('open or resolved · unassigned');
  });
});
