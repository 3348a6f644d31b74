/** An API's refusal or failure as the console shows it: the rule's words, never a stack of JSON. */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  /** The refusing rule (`NO_ACCESS_TO_INTEGRATION`, …) when a rule refused. */
  code?: string;
  /** The fields at fault, by JSON pointer. */
  fields: Array<{ pointer: string; detail: string }>;
  /** Anything else the problem document carries (e.g. the accounts to choose from). */
  extensions: Record<string, unknown>;
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problemMessage(problem));
  }
}

const KNOWN = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors']);

/** Reads whatever an API answered with a failing status; a body that is not a problem still yields one. */
export function problemFrom(status: number, body: unknown): Problem {
  const document = isRecord(body) ? body : {};
  const text = (key: string) => (typeof document[key] === 'string' ? (document[key] as string) : undefined);
  const fields = Array.isArray(document.errors)
    ? document.errors.filter(isRecord).map((field) => ({ pointer: String(field.pointer ?? ''), detail: String(field.detail ?? '') }))
    : [];
  return {
    status,
    title: text('title') ?? fallbackTitle(status),
    detail: text('detail'),
    code: text('code'),
    fields,
    extensions: Object.fromEntries(Object.entries(document).filter(([key]) => !KNOWN.has(key))),
  };
}

/** One sentence for a person: the fields at fault, else the rule's detail, else the status's title. */
export function problemMessage(problem: Problem): string {
  if (problem.fields.length > 0) return problem.fields.map((field) => `${fieldName(field.pointer)}: ${field.detail}`).join('; ');
  return problem.detail ?? problem.title;
}

/** `/body/assigneeUserId` → `assigneeUserId`: people read the field, not where it sat in the request. */
export function fieldName(pointer: string): string {
  const parts = pointer.split('/').filter(Boolean);
  return (['body', 'query', 'params'].includes(parts[0]) ? parts.slice(1) : parts).join('.') || 'request';
}

function fallbackTitle(status: number): string {
  if (status === 0) return 'The console cannot reach Faultline; check the connection';
  if (status >= 500) return 'Faultline failed to answer; try again';
  return `The request was refused (${status})`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
