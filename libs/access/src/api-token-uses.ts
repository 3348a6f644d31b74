import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A use is written at most once a minute per token: "last used" is shown to the minute. */
const RECORD_EVERY_MS = 60_000;

/**
 * Remembers when each machine token was last used on this service. Writing is off the request's
 * path and throttled, so a busy token costs one UPDATE a minute per instance; a failed write is
 * only logged (the next use tries again).
 */
@Injectable()
export class ApiTokenUses {
  private readonly logger = new Logger(ApiTokenUses.name);
  private readonly recordedAt = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  used(tokenId: string, at: Date): void {
    if (at.getTime() - (this.recordedAt.get(tokenId) ?? 0) < RECORD_EVERY_MS) return;
    this.recordedAt.set(tokenId, at.getTime());
    this.dataSource
      .query('UPDATE access_api_tokens SET last_used_at = greatest(last_used_at, $2) WHERE token_id = $1', [tokenId, at])
      .catch((error: Error) => {
        this.recordedAt.delete(tokenId);
        this.logger.warn(`last use of an API token not recorded: ${error.message}`);
      });
  }

  /** The account's tokens used on this service, and when last. */
  async ofAccount(accountId: string): Promise<Array<{ tokenId: string; lastUsedAt: string }>> {
    const rows: Array<{ token_id: string; last_used_at: Date }> = await this.dataSource.query(
      'SELECT token_id, last_used_at FROM access_api_tokens WHERE account_id = $1 AND last_used_at IS NOT NULL ORDER BY token_id',
      [accountId],
    );
    return rows.map((row) => ({ tokenId: row.token_id, lastUsedAt: new Date(row.last_used_at).toISOString() }));
  }
}
