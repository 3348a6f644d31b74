import { knownAccounts } from '@faultline/access';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ERRORS_CONFIG, ErrorsConfig } from '../../errors.config';

const POLL_MS = 200;
/** Unknown accounts remembered at most, so a flood of made-up ids cannot grow the memory. */
const REMEMBERED = 10_000;

/**
 * Which reporting accounts the errors service knows. An account identity has just created is
 * announced on identity.events.v1 while its first reports may already be on flow.errors.v1;
 * an unknown account is therefore waited for, once, up to the configured grace after it was
 * first missed, and only then answered as unknown (the report goes to the DLQ).
 */
@Injectable()
export class ReportingAccounts {
  private readonly firstMissedAt = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ERRORS_CONFIG) private readonly config: ErrorsConfig,
  ) {}

  async known(accountIds: string[]): Promise<Set<string>> {
    for (;;) {
      const known = await knownAccounts(this.dataSource.manager, accountIds);
      const missing = accountIds.filter((accountId) => !known.has(accountId));
      const waitMs = this.graceLeftMs(missing);
      if (waitMs <= 0) return known;
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, waitMs)));
    }
  }

  private graceLeftMs(missing: string[]): number {
    const now = Date.now();
    let deadline = 0;
    for (const accountId of missing) {
      if (!this.firstMissedAt.has(accountId)) {
        if (this.firstMissedAt.size >= REMEMBERED) this.firstMissedAt.delete(this.firstMissedAt.keys().next().value!);
        this.firstMissedAt.set(accountId, now);
      }
      deadline = Math.max(deadline, this.firstMissedAt.get(accountId)! + this.config.unknownAccountGraceMs);
    }
    return deadline - now;
  }
}
