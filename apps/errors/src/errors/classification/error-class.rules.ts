/**
 * What kind of failure an error is, so people can sort and route them. Derived only from the
 * HTTP status, the error code and the message; the whole rule table lives here.
 */
export type ErrorClass =
  | 'connection'
  | 'intermittent'
  | 'rate_limit'
  | 'value'
  | 'missing'
  | 'too_large'
  | 'parse'
  | 'duplicate'
  | 'application'
  | 'unknown';

export interface Classifiable {
  httpStatus?: number;
  code?: string;
  message: string;
}

/**
 * Rules read from the most specific evidence to the least: what the code or message says
 * first (a 400 saying "duplicate" is a duplicate), then what the status alone says.
 * The first matching rule wins.
 */
const BY_CODE_OR_MESSAGE: ReadonlyArray<{ errorClass: ErrorClass; code?: RegExp; message: RegExp }> = [
  {
    errorClass: 'connection',
    code: /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|EPIPE)$/i,
    message: /connection (refused|reset|closed)|socket hang up|could not connect|getaddrinfo|network (error|unreachable)/i,
  },
  { errorClass: 'rate_limit', code: /RATE_?LIMIT|THROTTL/i, message: /rate limit|too many requests|throttl|quota exceeded/i },
  { errorClass: 'intermittent', code: /^(ETIMEDOUT|ESOCKETTIMEDOUT)$/i, message: /timed? ?out|temporarily unavailable|try again later|service unavailable/i },
  { errorClass: 'too_large', code: /TOO_LARGE/i, message: /too large|exceeds (the )?(maximum|max) (size|length)|entity too large/i },
  { errorClass: 'parse', code: /PARSE|SYNTAX/i, message: /parse|unexpected token|malformed|invalid (json|xml|csv)|syntax error/i },
  { errorClass: 'duplicate', code: /DUPLICATE|ALREADY_EXISTS|CONFLICT/i, message: /duplicate|already exists|unique constraint/i },
  { errorClass: 'missing', code: /MISSING|REQUIRED|NOT_FOUND/i, message: /missing|is required|required field|not found|does not exist/i },
  { errorClass: 'value', code: /INVALID|VALIDATION/i, message: /invalid|must be|not a valid|out of range|validation/i },
];

const BY_STATUS: ReadonlyArray<{ errorClass: ErrorClass; statuses: (status: number) => boolean }> = [
  { errorClass: 'rate_limit', statuses: (status) => status === 429 },
  { errorClass: 'intermittent', statuses: (status) => [408, 502, 503, 504].includes(status) },
  { errorClass: 'too_large', statuses: (status) => status === 413 },
  { errorClass: 'duplicate', statuses: (status) => status === 409 },
  { errorClass: 'missing', statuses: (status) => status === 404 || status === 410 },
  { errorClass: 'value', statuses: (status) => status === 400 || status === 422 },
  { errorClass: 'application', statuses: (status) => status >= 400 && status <= 599 },
];

export function classifyError({ httpStatus, code, message }: Classifiable): ErrorClass {
  const byText = BY_CODE_OR_MESSAGE.find((rule) => (code !== undefined && rule.code?.test(code)) || rule.message.test(message));
  if (byText) return byText.errorClass;
  const byStatus = httpStatus === undefined ? undefined : BY_STATUS.find((rule) => rule.statuses(httpStatus));
  return byStatus?.errorClass ?? 'unknown';
}
