import { Client } from 'pg';

/**
 * The embedded broker keeps messages in memory only, while the services' databases persist in
 * .data: after a restart, consumers would never hear of what was published before (accounts,
 * users, errors). Marking every outbox row unpublished makes each relay send its history again,
 * in order; consumers dedupe by eventId, so what they already handled changes nothing.
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
      total += rowCount ?? 0;
    } catch (error) {
      // A service that never started has no database or no outbox yet: nothing to re-publish.
      if (!['3D000', '42P01'].includes((error as { code?: string }).code ?? '')) throw error;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return total;
}
