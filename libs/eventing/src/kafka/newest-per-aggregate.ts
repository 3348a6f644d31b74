/**
 * The newest of a batch's events of each aggregate, by aggregate version: a read model that keeps
 * only an aggregate's latest state writes it once, and a redelivered or late event never wins
 * over a newer one in the same batch (the table's own version check guards across batches).
 */
export function newestPerAggregate<E extends { aggregateVersion: number }>(events: Iterable<E>, aggregateOf: (event: E) => string): E[] {
  const newest = new Map<string, E>();
  for (const event of events) {
    const key = aggregateOf(event);
    if ((newest.get(key)?.aggregateVersion ?? 0) < event.aggregateVersion) newest.set(key, event);
  }
  return [...newest.values()];
}
