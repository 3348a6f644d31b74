import { Static, Type } from '@sinclair/typebox';

/** One field a request got wrong, as RFC 9457 extension member `errors`. */
export const FieldProblem = Type.Object({
  /** JSON pointer into the request part, e.g. `/query/limit`. */
  pointer: Type.String(),
  detail: Type.String(),
});
export type FieldProblem = Static<typeof FieldProblem>;

/** An RFC 9457 problem details document: every refusal and failure of every API. */
export const ProblemDetails = Type.Object(
  {
    type: Type.String({ format: 'uri' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    /** The refusing rule, stable for programs (e.g. `NO_ACCESS_TO_INTEGRATION`). */
    code: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldProblem)),
  },
  { description: 'RFC 9457 problem details' },
);
export type ProblemDocument = Static<typeof ProblemDetails>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://faultline.dev/problems/';

export const problemType = (slug: string): string => `${TYPE_BASE}${slug}`;

/** A request the API refuses before any rule runs: the fields at fault are named. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(errors.map((error) => `${error.pointer}: ${error.detail}`).join('; '));
  }
}

/** Something the request names does not exist (or the caller may not know that it does). */
export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} was not found`);
  }

  /** For requests naming many things: the first few missing ids, and how many more. */
  static forIds(kind: string, missing: string[]): NotFoundError {
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
    return new NotFoundError(`${kind} ${missing.slice(0, 5).join(', ')}${more}`);
  }
}
