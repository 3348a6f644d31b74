import type { FlowParams, FlowView } from '@faultline/contracts';
import { NotFoundError } from '@faultline/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_FLOW_SETTINGS } from './flow.decider';

interface FlowRow {
  integration_id: string;
  flow_id: string;
  disabled: boolean;
  disabled_at: Date | null;
  disabled_by_error_id: string | null;
  disabled_by_step_id: string | null;
  disable_error_description: string | null;
  auto_resolve_matching_trace_key: boolean;
}

@Injectable()
export class FlowsQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** A flow is known once it reported a failure or someone set its settings; any other, or one of another integration, is not found. */
  async flow(accountId: string, { integrationId, flowId }: FlowParams): Promise<FlowView> {
    const [row]: FlowRow[] = await this.dataSource.query('SELECT * FROM flows WHERE account_id = $1 AND flow_id = $2', [accountId, flowId]);
    if (!row || row.integration_id !== integrationId) throw new NotFoundError(`flow ${flowId} of integration ${integrationId}`);
    return {
      integrationId,
      flowId,
      disabled: row.disabled ?? false,
      disabledAt: row.disabled_at?.toISOString() ?? null,
      disabledByErrorId: row.disabled_by_error_id ?? null,
      disabledByStepId: row.disabled_by_step_id ?? null,
      disableErrorDescription: row.disable_error_description ?? null,
      autoResolveMatchingTraceKey: row.auto_resolve_matching_trace_key ?? DEFAULT_FLOW_SETTINGS.autoResolveMatchingTraceKey,
    };
  }
}
