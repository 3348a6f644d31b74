import { Topics } from '@faultline/contracts';
import type { BatchVerdict, ConsumedBatch } from '@faultline/eventing';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { PublishedFlowReport } from './flow-report';
import { FlowReportsHandler } from './flow-reports.handler';

/** Where flow runtimes' reports come in: failures, and successful retries and records. */
@Controller()
export class FlowReportsConsumer {
  constructor(private readonly reports: FlowReportsHandler) {}

  @EventPattern(Topics.flowErrors)
  async onFlowReports(@Payload() batch: ConsumedBatch<PublishedFlowReport>): Promise<BatchVerdict> {
    return this.reports.handle(batch.events.map((consumed) => consumed.event));
  }
}
