import { withCorrelation } from '@faultline/eventing';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ServiceMetrics } from './service-metrics';

const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Every request is one piece of work: it keeps the caller's `X-Correlation-Id` (when it is a
 * plain id) or gets a new one, answers with it, and runs under it, so the request's logs and
 * the events it decides carry it. Its duration is measured by route template, once answered.
 */
export function observeRequests(app: INestApplication): void {
  const metrics = app.get(ServiceMetrics);
  app.use((request: Request, response: Response, next: NextFunction) => {
    const offered = request.headers[CORRELATION_HEADER];
    const correlationId = typeof offered === 'string' && ACCEPTED_ID.test(offered) ? offered : randomUUID();
    response.setHeader(CORRELATION_HEADER, correlationId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      metrics.httpRequest(request.method, route, response.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    withCorrelation({ correlationId }, next);
  });
}
