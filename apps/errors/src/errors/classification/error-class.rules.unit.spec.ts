import { classifyError, ErrorClass } from './error-class.rules';

describe('error classes', () => {
  it.each<[string, { httpStatus?: number; code?: string; message: string }, ErrorClass]>([
    ['a refused connection', { code: 'ECONNREFUSED', message: 'connect failed' }, 'connection'],
    ['a reset socket', { message: 'socket hang up' }, 'connection'],
    ['a gateway timeout', { httpStatus: 504, message: 'Upstream failed' }, 'intermittent'],
    ['a timeout by code', { code: 'ETIMEDOUT', message: 'no answer' }, 'intermittent'],
    ['an unavailable service', { httpStatus: 503, message: 'Service Unavailable' }, 'intermittent'],
    ['HTTP 429', { httpStatus: 429, message: 'Slow down' }, 'rate_limit'],
    ['a quota message', { httpStatus: 403, message: 'API quota exceeded for today' }, 'rate_limit'],
    ['a bad value', { httpStatus: 400, message: 'email must be a valid address' }, 'value'],
    ['HTTP 422 without words', { httpStatus: 422, message: 'Unprocessable' }, 'value'],
    ['a missing field', { httpStatus: 400, message: 'Customer record is missing a billing address' }, 'missing'],
    ['HTTP 404', { httpStatus: 404, message: 'No such record' }, 'missing'],
    ['a payload too large', { httpStatus: 413, message: 'Nope' }, 'too_large'],
    ['a size limit message', { message: 'Field description exceeds the maximum length' }, 'too_large'],
    ['bad JSON', { message: 'Unexpected token < in JSON at position 0' }, 'parse'],
    ['a duplicate', { httpStatus: 400, message: 'Duplicate external id 77' }, 'duplicate'],
    ['HTTP 409', { httpStatus: 409, message: 'Conflict' }, 'duplicate'],
    ['a server error', { httpStatus: 500, message: 'Internal error' }, 'application'],
    ['an authorization failure', { httpStatus: 401, message: 'Bad credentials' }, 'application'],
    ['nothing to go on', { message: 'Something happened' }, 'unknown'],
  ])('%s is %s', (_case, error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });

  it('what the message says wins over what the status says', () => {
    expect(classifyError({ httpStatus: 500, message: 'duplicate key value violates unique constraint' })).toBe('duplicate');
  });
});
