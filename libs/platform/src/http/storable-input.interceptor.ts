import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { jsonFaults, MAX_JSON_DEPTH } from '@faultline/contracts';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { FieldProblem, RequestValidationError } from './problem';

const REPAIRS_ITS_BODY = 'faultline:repairs-its-body';

/**
 * For a route whose body is a runtime's report: its handler repairs what cannot be stored
 * (a runtime's error must not be lost for a bad byte in the called app's response).
 */
export const RepairsItsBody = () => SetMetadata(REPAIRS_ITS_BODY, true);

/**
 * One rule for every HTTP input, before any handler or schema sees it: text PostgreSQL cannot
 * store (NUL, lone surrogates) and JSON nested deeper than MAX_JSON_DEPTH are refused with a
 * 400 naming each field at fault.
 */
@Injectable()
export class StorableInputInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const parts: Array<['params' | 'query' | 'body', unknown]> = [
      ['params', request.params],
      ['query', request.query],
    ];
    if (!this.reflector.get<boolean>(REPAIRS_ITS_BODY, context.getHandler())) parts.push(['body', request.body]);
    const problems = parts.flatMap(([part, value]) => problemsIn(part, value));
    if (problems.length > 0) throw new RequestValidationError(problems.slice(0, 20));
    return next.handle();
  }
}

function problemsIn(part: string, value: unknown): FieldProblem[] {
  const faults = jsonFaults(value);
  return [
    ...faults.unstorable.map((pointer) => ({
      pointer: `/${part}${pointer === '/' ? '' : pointer}`,
      detail: 'holds a character that cannot be stored (NUL or a lone UTF-16 surrogate)',
    })),
    ...(faults.tooDeep === undefined
      ? []
      : [{ pointer: `/${part}${faults.tooDeep === '/' ? '' : faults.tooDeep}`, detail: `nests deeper than ${MAX_JSON_DEPTH} levels` }]),
  ];
}
