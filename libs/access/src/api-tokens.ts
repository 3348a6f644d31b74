import { PermissionRefused } from '@faultline/access-policy';
import { Logger, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { apiTokenHash, ApiTokenHolder, ApiTokenScope, asUserOfScope } from './api-token';

/** A use is written at most once a minute per token: "last used" is shown to the minute. */
const RECORD_EVERY_MS = 60_000;

/** Methods that change nothing: all a read-scoped API token may use. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The table where the services using AccessModule keep identity's tokens (identity keeps its own). */
export const ACCESS_API_TOKENS = 'access_api_tokens';

/**
 * A service's door for machine API tokens, over the table that holds its copy of them: who a
 * live token acts as, and when each was last used here. Writing a use is off the request's path
 * and throttled, so a busy token costs one UPDATE a minute per instance; a failed write is only
 * logged (the next use tries again).
 */
export class ApiTokens {
  private readonly logger = new Logger(ApiTokens.name);
  private readonly recordedAt = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly table: string,
  ) {}

  /** The user a live token acts as for this request: 401 when it is unknown, revoked or expired, 403 when its scope only reads. */
  async admit(token: string, method: string): Promise<ApiTokenHolder> {
    const now = new Date();
    const rows: Array<{ token_id: string; account_id: string; name: string; scope: ApiTokenScope }> = await this.dataSource.query(
      `SELECT token_id, account_id, name, scope FROM ${this.table}
        WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
      [apiTokenHash(token), now],
    );
    const row = rows[0];
    if (!row) throw new UnauthorizedException('the API token is unknown, revoked or expired');
    this.used(row.token_id, now);
    if (row.scope === 'read' && !SAFE_METHODS.has(method.toUpperCase())) {
      throw new PermissionRefused('TOKEN_READ_ONLY', 'this API token has the read scope: it may read, not change anything');
    }
    return asUserOfScope({ tokenId: row.token_id, accountId: row.account_id, name: row.name, scope: row.scope });
  }

  /** The account's tokens used on this service, and when last. */
  async lastUses(accountId: string): Promise<Array<{ tokenId: string; lastUsedAt: string }>> {
    const rows: Array<{ token_id: string; last_used_at: Date }> = await this.dataSource.query(
      `SELECT token_id, last_used_at FROM ${this.table} WHERE account_id = $1 AND last_used_at IS NOT NULL ORDER BY token_id`,
      [accountId],
    );
    return rows.map((row) => ({ tokenId: row.token_id, lastUsedAt: new Date(row.last_used_at).toISOString() }));
  }

  private used(tokenId: string, at: Date): void {
    if (at.getTime() - (this.recordedAt.get(tokenId) ?? 0) < RECORD_EVERY_MS) return;
    this.recordedAt.set(tokenId, at.getTime());
    this.dataSource
      .query(`UPDATE ${this.table} SET last_used_at = greatest(last_used_at, $2) WHERE token_id = $1`, [tokenId, at])
      .catch((error: Error) => {
        this.recordedAt.delete(tokenId);
        this.logger.warn(`last use of an API token not recorded: ${error.message}`);
      });
  }
}
