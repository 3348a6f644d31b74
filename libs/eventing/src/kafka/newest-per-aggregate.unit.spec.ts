import { newestPerAggregate } from './newest-per-aggregate';

describe('the newest event of each aggregate in a batch', () => {
  it('keeps the highest version of each, whatever order the batch delivered them in', () => {
    const events = [
      { id: 'e1', aggregateVersion: 2 },
      { id: 'e2', aggregateVersion: 1 },
      { id: 'e1', aggregateVersion: 1 },
      { id: 'e1', aggregateVersion: 3 },
      { id: 'e1', aggregateVersion: 3 },
    ];
    expect(newestPerAggregate(events, (event) => event.id)).toEqual([
      { id: 'e1', aggregateVersion: 3 },
      { id: 'e2', aggregateVersion: 1 },
    ]);
  });
});
