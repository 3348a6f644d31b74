import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityLogProjection } from './activity/activity-log.projection';
import { RetryDataProjection } from './error-details/retry-data.projection';
import { ErrorsListProjection } from './errors-list/errors-list.projection';
import { FlowsProjection } from './flows/flows.projection';
import { RetentionProjection } from './retention/retention.projection';
import { PendingRetriesProjection } from './retries/pending-retries.projection';
import type { Projection, StoredServiceEvent } from './stored-events';
import { SavedViewsProjection } from './saved-views/saved-views.projection';
import { TagsProjection } from './tags/tags.projection';

/** Every read model of the service, applied together in the events' transaction. */
@Injectable()
export class ReadModels {
  readonly projections: readonly Projection[];

  constructor(
    errorsList: ErrorsListProjection,
    retryData: RetryDataProjection,
    flows: FlowsProjection,
    activity: ActivityLogProjection,
    pendingRetries: PendingRetriesProjection,
    tags: TagsProjection,
    retention: RetentionProjection,
    savedViews: SavedViewsProjection,
  ) {
    this.projections = [errorsList, retryData, flows, activity, pendingRetries, tags, retention, savedViews];
  }

  /** The same read models outside Nest (the rebuild command). */
  static standalone(): ReadModels {
    return new ReadModels(
      new ErrorsListProjection(),
      new RetryDataProjection(),
      new FlowsProjection(),
      new ActivityLogProjection(),
      new PendingRetriesProjection(),
      new TagsProjection(),
      new RetentionProjection(),
      new SavedViewsProjection(),
    );
  }

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const projection of this.projections) await projection.apply(manager, events);
  }

  /** Every read model drops what it keeps of these errors. */
  async forget(manager: EntityManager, errorIds: string[]): Promise<void> {
    for (const projection of this.projections) await projection.forget(manager, errorIds);
  }
}

export const READ_MODEL_PROVIDERS = [
  ReadModels,
  ErrorsListProjection,
  RetryDataProjection,
  FlowsProjection,
  ActivityLogProjection,
  PendingRetriesProjection,
  TagsProjection,
  RetentionProjection,
  SavedViewsProjection,
];
