import { Client } from 'pg';

/**
 * The embedded broker keeps messages in memory only, while the services' databases persist in
 * .data: after a restart, consumers would never hear of what was published before (accounts,
 * users, errors). Marking every outbox row unpublished, and moving an event store relay back to
 * the start, makes each relay send its history again, in order; consumers dedupe by eventId, so
 * what they already handled changes nothing.
 */
export async function republishOutboxes(serverUrl: string, services: string[]): Promise<number> {
  let total = 0;
  for (const service of services) {
    const url = new URL(serverUrl);
    url.pathname = `/faultline_${service}`;
    const client = new Client({ connectionString: url.toString() });
    try {
      await client.connect();
      const { rowCount } = await client.query('UPDATE outbox SET published_at = NULL WHERE published_at IS NOT NULL');
      total += (rowCount ?? 0) + (await relayStoreAgain(client));
    } catch (error) {
      // A service that never started has no database or no outbox yet: nothing to re-publish.
      if (!['3D000', '42P01'].includes((error as { code?: string }).code ?? '')) throw error;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return total;
}

/** Moves a service's event store relay back to the start; answers how many events it will send again. */
async function relayStoreAgain(client: Client): Promise<number> {
  const { rows } = await client.query("SELECT to_regclass('store_relay_position') IS NOT NULL AS present");
  if (!rows[0].present) return 0;
  await client.query("UPDATE store_relay_position SET transaction_id = '0', global_position = 0");
  const counted = await client.query('SELECT count(*)::int AS events FROM event_store');
  return counted.rows[0].events;
}
