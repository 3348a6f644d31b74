import { ErrorOccurredV1, Topics } from '@faultline/contracts';
import type { ConsumedBatch } from '@faultline/eventing';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RecordErrorsHandler } from './record-errors.handler';

/** Where flow runtimes' failure reports come in. */
@Controller()
export class ErrorReportsConsumer {
  constructor(private readonly recordErrors: RecordErrorsHandler) {}

  @EventPattern(Topics.flowErrors)
  async onErrorReports(@Payload() batch: ConsumedBatch<ErrorOccurredV1>): Promise<void> {
    await this.recordErrors.handle(batch.events.map((consumed) => consumed.event));
  }
}
