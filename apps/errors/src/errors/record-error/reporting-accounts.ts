import { knownAccounts } from '@faultline/access';
import { AnnouncementGrace } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ERRORS_CONFIG, ErrorsConfig } from '../../errors.config';

/**
 * Which reporting accounts the errors service knows. An account identity has just created is
 * announced on identity.events.v1 while its first reports may already be on flow.errors.v1;
 * an unknown account is therefore waited for, once, up to the configured grace after it was
 * first missed, and only then answered as unknown (the report goes to the DLQ).
 */
@Injectable()
export class ReportingAccounts {
  private readonly grace: AnnouncementGrace;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ERRORS_CONFIG) config: ErrorsConfig,
  ) {
    this.grace = new AnnouncementGrace(config.unknownAccountGraceMs);
  }

  known(accountIds: string[]): Promise<Set<string>> {
    return this.grace.known(accountIds, (ids) => knownAccounts(this.dataSource.manager, ids));
  }
}
