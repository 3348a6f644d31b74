import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Refusal } from '@faultline/access-policy';
import { ConcurrencyError } from '@faultline/eventing';
import { Observable, throwError } from 'rxjs';
import {
  NotFoundError,
  PROBLEM_CONTENT_TYPE,
  ProblemDocument,
  problemType,
  RequestValidationError,
} from './problem';

/**
 * Turns every error leaving an HTTP handler into RFC 9457 problem+json. A rule's `Refusal` (and
 * a lost race, `ConcurrencyError`) is mapped by its `code` through the app's one table — 422
 * when the table does not name it; anything else is logged in full and answered with a bare
 * 500, so no stack trace or internal detail reaches a client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly statusByCode: Record<string, number> = {}) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // Consumers' failures are the batch transport's to retry or isolate, untouched.
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception), instance: request.originalUrl };
    // Errors that know when to try again (a service still catching up) say so.
    const retryAfter = (exception as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDocument {
    if (exception instanceof RequestValidationError) {
      return {
        type: problemType('invalid-request'),
        title: 'The request is invalid',
        status: HttpStatus.BAD_REQUEST,
        detail: exception.message,
        errors: exception.errors,
      };
    }
    if (exception instanceof NotFoundError) {
      return { type: problemType('not-found'), title: statusTitle(404), status: HttpStatus.NOT_FOUND, detail: exception.message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { type: 'about:blank', title: statusTitle(status), status, detail: exception.message };
    }
    const clientError = bodyParserClientError(exception);
    if (clientError) return { type: 'about:blank', title: statusTitle(clientError.status), status: clientError.status, detail: clientError.message };
    if (exception instanceof Refusal || exception instanceof ConcurrencyError) {
      const { code } = exception;
      const status = this.statusByCode[code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
      const extensions = exception instanceof Refusal ? exception.extensions : undefined;
      return { ...extensions, type: problemType(code.toLowerCase().replace(/_/g, '-')), title: statusTitle(status), status, detail: exception.message, code };
    }
    this.logger.error('unhandled error', (exception as Error)?.stack ?? String(exception));
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'The server failed to handle the request; it has been logged.',
    };
  }
}

/** `Forbidden`, `Not Found`, … from Nest's status names. */
function statusTitle(status: number): string {
  const name = HttpStatus[status] ?? 'ERROR';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Errors the body parser raises for the client's fault (too large, bad encoding) carry their status. */
function bodyParserClientError(exception: unknown): { status: number; message: string } | undefined {
  const { status, expose, message } = (exception ?? {}) as { status?: unknown; expose?: unknown; message?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return { status, message: String(message) };
}
