import { AccessPermissions, AccessUser } from '@faultline/access';
import type { BulkActionResult, ErrorsByFilterRequest } from '@faultline/contracts';
import { viewableIntegrations } from '@faultline/access-policy';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import * as errorDecider from '../error.decider';
import { ErrorCommand, RecordedError } from '../error.decider';
import { ErrorsListQueries } from '../errors-list/errors-list.query';
import { ErrorsWriter, streamsChanged, Work } from '../errors-writer';
import * as retryDecider from '../retries/retry.decider';
import { retryStreamId } from '../retries/retry.decider';
import { errorStreamId } from '../streams';
import { requireKnownTags } from '../tags/known-tags';
import { requireErrorsInScope } from './errors-in-scope';
import { actionableOnly, applyRefusingSome, RefusedErrors } from './refused-errors';

const FILTER_CHUNK = 1_000;

/** The commands people give on errors, one or many at a time, all or nothing per request. */
@Injectable()
export class ErrorActions {
  constructor(
    private readonly writer: ErrorsWriter,
    private readonly permissions: AccessPermissions,
    private readonly queries: ErrorsListQueries,
    private readonly dataSource: DataSource,
  ) {}

  resolve(user: AccessUser, errorIds: string[], note?: string): Promise<BulkActionResult> {
    return this.onEach(user, errorIds, ({ now, actor }) => ({
      type: 'ResolveError',
      data: { reason: 'user', by: actor, now, ...(note === undefined ? {} : { note }) },
    }));
  }

  reopen(user: AccessUser, errorIds: string[]): Promise<BulkActionResult> {
    return this.onEach(user, errorIds, ({ now, actor }) => ({ type: 'ReopenError', data: { by: actor, now } }));
  }

  editRetryData(user: AccessUser, errorId: string, retryData: unknown): Promise<BulkActionResult> {
    return this.onEach(user, [errorId], ({ actor }) => ({ type: 'EditRetryData', data: { retryData, by: actor } }));
  }

  async tag(user: AccessUser, errorIds: string[], add: string[], remove: string[]): Promise<BulkActionResult> {
    const { result, stored } = await this.writer.run(user, async (work) => {
      await requireKnownTags(work.manager, user.accountId, add);
      await this.load(work, user, errorIds);
      for (const errorId of errorIds) {
        if (remove.length > 0) this.decide(work, errorId, { type: 'UntagError', data: { tagIds: remove, by: work.actor, reason: 'removed' } });
        if (add.length > 0) this.decide(work, errorId, { type: 'TagError', data: { tagIds: add, by: work.actor } });
      }
      return errorIds.length;
    });
    return { matched: result, changed: streamsChanged(stored, 'error-'), dryRun: false };
  }

  /** Each retry is asked for on the error (its history) and scheduled for the runtime (pending retries). */
  async retry(user: AccessUser, errorIds: string[], notBefore?: Date): Promise<BulkActionResult> {
    const { result: retries, stored } = await this.writer.run(user, async (work) => {
      await this.load(work, user, errorIds);
      return errorIds.map((errorId) => {
        const retryId = randomUUID();
        const when = notBefore ?? work.now;
        this.decide(work, errorId, { type: 'RequestRetry', data: { retryId, notBefore: when, by: work.actor } });
        const error = work.session.state<RecordedError>(errorStreamId(errorId));
        work.session.create(retryStreamId(retryId), retryDecider);
        const schedule: retryDecider.ScheduleRetry = {
          type: 'ScheduleRetry',
          data: {
            retryId,
            kind: 'manual',
            errorId,
            integrationId: error.integrationId,
            flowId: error.flowId,
            flowStepId: error.flowStepId,
            runId: error.runId,
            notBefore: when.toISOString(),
            scheduledBy: work.actor,
            ...(error.retryDataKey === undefined ? {} : { retryDataKey: error.retryDataKey }),
            ...(error.retryData === undefined ? {} : { retryData: error.retryData }),
          },
        };
        work.session.decide(retryStreamId(retryId), schedule, work.metadata);
        return { errorId, retryId };
      });
    });
    return { matched: errorIds.length, changed: streamsChanged(stored, 'error-'), dryRun: false, retries };
  }

  /**
   * "Everything matching": counted for a dry run, else applied a thousand errors per transaction.
   * Request-wide rules (unknown tags) refuse the request; a rule about some errors refuses only
   * those, and the answer says which rule refused how many.
   */
  async byFilter(user: AccessUser, request: ErrorsByFilterRequest, dryRun: boolean): Promise<BulkActionResult> {
    const filter = actionableOnly(request);
    const scope = { accountId: user.accountId, integrationIds: viewableIntegrations(user), userId: user.userId };
    if (dryRun) return { matched: await this.queries.count(scope, filter), changed: 0, dryRun: true };
    if (request.action === 'tag') await requireKnownTags(this.dataSource.manager, user.accountId, request.add ?? []);
    const apply = (ids: string[]) => this.byAction(user, request, ids);
    const refused = new RefusedErrors();
    let matched = 0;
    let changed = 0;
    for await (const page of this.queries.walk(scope, filter, FILTER_CHUNK)) {
      const ids = page.map((row) => row.error_id);
      matched += ids.length;
      changed += await applyRefusingSome(ids, apply, refused);
    }
    return { matched, changed, dryRun: false, ...refused.summary() };
  }

  private byAction(user: AccessUser, request: ErrorsByFilterRequest, ids: string[]): Promise<BulkActionResult> {
    switch (request.action) {
      case 'resolve':
        return this.resolve(user, ids);
      case 'reopen':
        return this.reopen(user, ids);
      case 'retry':
        return this.retry(user, ids);
      case 'tag':
        return this.tag(user, ids, request.add ?? [], request.remove ?? []);
    }
  }

  private async onEach(user: AccessUser, errorIds: string[], command: (work: Work) => ErrorCommand): Promise<BulkActionResult> {
    const { stored } = await this.writer.run(user, async (work) => {
      await this.load(work, user, errorIds);
      for (const errorId of errorIds) this.decide(work, errorId, command(work));
    });
    return { matched: errorIds.length, changed: streamsChanged(stored, 'error-'), dryRun: false };
  }

  private async load(work: Work, user: AccessUser, errorIds: string[]): Promise<void> {
    await requireErrorsInScope(work.manager, this.permissions, user, errorIds);
    await work.session.load(work.manager, errorDecider, errorIds.map(errorStreamId));
  }

  private decide(work: Work, errorId: string, command: ErrorCommand): void {
    work.session.decide(errorStreamId(errorId), command, work.metadata);
  }
}

