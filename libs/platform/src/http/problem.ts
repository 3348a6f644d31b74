/** One field a request got wrong, as RFC 9457 extension member `errors`. */
export interface FieldProblem {
  /** JSON pointer into the request part, e.g. `/query/limit`. */
  pointer: string;
  detail: string;
}

/** An RFC 9457 problem details document. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldProblem[];
}

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
