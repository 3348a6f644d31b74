import { contractFor, fieldErrors, FlowReportsAnswer, FlowReportsRequest, MAX_REPORTS_PER_REQUEST, Topics } from '@faultline/contracts';
import { ApiAnswerFrom, ApiBodyFrom, FieldProblem, InternalApiKeyGuard, RepairsItsBody, RequestValidationError } from '@faultline/platform';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PublishedFlowReport } from './flow-report';
import { FlowReportsHandler } from './flow-reports.handler';

/**
 * The same reports as flow.errors.v1, over HTTP, for runtimes that cannot reach Kafka. A body
 * is one report or an array of up to 1,000; one invalid report refuses the request as a whole
 * (each invalid field is named), so a runtime can resend it unchanged once fixed. Redelivered
 * reports change nothing, as on Kafka. A 202 means the reports are durably handled.
 */
@ApiTags('internal')
@ApiHeader({ name: 'x-internal-api-key', required: true })
@UseGuards(InternalApiKeyGuard)
@Controller('internal/flow-reports')
export class FlowReportsHttpController {
  constructor(private readonly reports: FlowReportsHandler) {}

  @Post()
  @RepairsItsBody()
  @HttpCode(202)
  @ApiOperation({ summary: 'Report failures (ErrorOccurred) and successes (RetrySucceeded, RecordSucceeded) of flow runs' })
  @ApiBodyFrom(FlowReportsRequest)
  @ApiAnswerFrom(202, FlowReportsAnswer, 'The reports are durably handled; refused ones (by a rule) are named and also on the DLQ')
  async report(@Body() body: unknown): Promise<FlowReportsAnswer> {
    const reports = validReports(body);
    const verdict = await this.reports.handle(reports);
    return { accepted: reports.length - verdict.rejected.length, refused: verdict.rejected };
  }
}

function validReports(body: unknown): PublishedFlowReport[] {
  const items = Array.isArray(body) ? body : [body];
  const single = !Array.isArray(body);
  if (items.length === 0 || items.length > MAX_REPORTS_PER_REQUEST) {
    throw new RequestValidationError([{ pointer: '/body', detail: `must hold 1 to ${MAX_REPORTS_PER_REQUEST} reports` }]);
  }
  const problems: FieldProblem[] = items.flatMap((item: unknown, index) => {
    const at = single ? '/body' : `/body/${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [{ pointer: at, detail: 'must be a report object' }];
    const schema = contractFor(Topics.flowErrors, item);
    if (!schema) return [{ pointer: `${at}/type`, detail: 'must be ErrorOccurred (version 1 or 2), RetrySucceeded or RecordSucceeded (version 1)' }];
    return fieldErrors(schema, item).map(({ path, message }) => ({ pointer: `${at}${path === '/' ? '' : path}`, detail: message }));
  });
  if (problems.length > 0) throw new RequestValidationError(problems.slice(0, 20));
  return items as PublishedFlowReport[];
}
