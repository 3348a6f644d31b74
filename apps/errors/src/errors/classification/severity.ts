/**
 * Severity codes, as seed 002 defines them. An app signals them in its response to a flow
 * step, with an HTTP status in the 400–599 range; without such a status they are ignored.
 * - 4000, medium: the run failed; the user can fix the data and the next run can succeed.
 * - 6000, high: the automation will always fail, so it is disabled.
 * Both notify the automation's creator; the activity log shows the runtime description.
 */
export type Severity = 'none' | 'medium' | 'high';

export interface SeveritySignal {
  severity: Exclude<Severity, 'none'>;
  severityCode: 4000 | 6000;
  notificationErrorTitle?: string;
  notificationErrorDescription?: string;
  runtimeErrorDescription?: string;
  /** Only for 6000: the message shown where the automation is disabled. */
  disableErrorDescription?: string;
}

/** What a step's failure carries that can signal severity: top-level fields or the app's body. */
export interface SeverityInput {
  httpStatus?: number;
  severityCode?: number;
  notificationErrorTitle?: string;
  notificationErrorDescription?: string;
  runtimeErrorDescription?: string;
  disableErrorDescription?: string;
  responseBody?: unknown;
}

const SEVERITIES: Record<number, Exclude<Severity, 'none'>> = { 4000: 'medium', 6000: 'high' };
const TEXT_FIELDS = [
  'notificationErrorTitle',
  'notificationErrorDescription',
  'runtimeErrorDescription',
  'disableErrorDescription',
] as const;

/**
 * Plain HTTP statuses an app may answer without severity codes; the activity log names them
 * and nothing is notified or disabled.
 */
export const LOGGED_HTTP_STATUSES: Readonly<Record<number, string>> = {
  401: 'UNAUTHORIZED',
  402: 'PAYMENT_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  410: 'GONE',
  422: 'UNPROCESSABLE_ENTITY',
};

export const isErrorStatus = (status: number | undefined): status is number =>
  status !== undefined && status >= 400 && status <= 599;

/** The severity a failure signals, or undefined when it signals none (or could not count). */
export function readSeverity(input: SeverityInput): SeveritySignal | undefined {
  if (!isErrorStatus(input.httpStatus)) return undefined;
  const body = bodyFields(input.responseBody);
  const code = Number(input.severityCode ?? body.severityCode);
  const severity = SEVERITIES[code];
  if (!severity) return undefined;
  const signal: SeveritySignal = { severity, severityCode: code as 4000 | 6000 };
  for (const field of TEXT_FIELDS) {
    const value = input[field] ?? body[field];
    if (typeof value === 'string' && (field !== 'disableErrorDescription' || code === 6000)) signal[field] = value;
  }
  return signal;
}

/** The name the activity log shows for a plain HTTP status, when it is one the seed lists. */
export const httpStatusName = (status: number | undefined): string | undefined =>
  status === undefined ? undefined : LOGGED_HTTP_STATUSES[status];

/** Severity fields may sit in the app's response body, as an object or as JSON text. */
function bodyFields(body: unknown): Record<string, unknown> {
  if (typeof body === 'string') {
    try {
      return bodyFields(JSON.parse(body));
    } catch {
      return {};
    }
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
