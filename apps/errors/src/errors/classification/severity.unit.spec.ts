import { httpStatusName, readSeverity } from './severity';

const texts = {
  notificationErrorTitle: 'Group was deleted',
  notificationErrorDescription: 'Pick another group for this automation',
  runtimeErrorDescription: 'Target group 42 does not exist',
  disableErrorDescription: 'Disabled: the target group no longer exists',
};

describe('severity codes (seed 002)', () => {
  it.each([400, 422, 499, 500, 599])('4000 with HTTP %i is medium severity', (httpStatus) => {
    expect(readSeverity({ httpStatus, severityCode: 4000 })).toEqual({ severity: 'medium', severityCode: 4000 });
  });

  it.each([400, 404, 500, 503])('6000 with HTTP %i is high severity, with its disable message', (httpStatus) => {
    expect(readSeverity({ httpStatus, severityCode: 6000, ...texts })).toEqual({ severity: 'high', severityCode: 6000, ...texts });
  });

  it.each([undefined, 200, 302, 399, 600])('a severity code with HTTP %s counts for nothing', (httpStatus) => {
    expect(readSeverity({ httpStatus, severityCode: 4000 })).toBeUndefined();
    expect(readSeverity({ httpStatus, severityCode: 6000 })).toBeUndefined();
  });

  it('reads the severity fields from the app’s response body, as an object or as JSON text', () => {
    const body = { severityCode: 4000, notificationErrorTitle: 'Bad email', runtimeErrorDescription: 'email is not valid' };
    const expected = { severity: 'medium', severityCode: 4000, notificationErrorTitle: 'Bad email', runtimeErrorDescription: 'email is not valid' };
    expect(readSeverity({ httpStatus: 400, responseBody: body })).toEqual(expected);
    expect(readSeverity({ httpStatus: 400, responseBody: JSON.stringify(body) })).toEqual(expected);
    expect(readSeverity({ httpStatus: 400, responseBody: { severityCode: '4000' } })).toMatchObject({ severity: 'medium' });
  });

  it('top-level fields win over the body', () => {
    const signal = readSeverity({ httpStatus: 500, severityCode: 6000, responseBody: { severityCode: 4000 } });
    expect(signal?.severity).toBe('high');
  });

  it('a medium error carries no disable message, even if the app sent one', () => {
    expect(readSeverity({ httpStatus: 400, severityCode: 4000, ...texts })).not.toHaveProperty('disableErrorDescription');
  });

  it.each([3000, 5000, 7000, 0])('an unknown severity code %i is no severity', (severityCode) => {
    expect(readSeverity({ httpStatus: 400, severityCode })).toBeUndefined();
  });

  it('an unreadable body is no severity', () => {
    expect(readSeverity({ httpStatus: 400, responseBody: '{not json' })).toBeUndefined();
    expect(readSeverity({ httpStatus: 400, responseBody: [4000] })).toBeUndefined();
  });
});

describe('plain HTTP statuses the activity log names', () => {
  it.each([
    [401, 'UNAUTHORIZED'],
    [402, 'PAYMENT_REQUIRED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [410, 'GONE'],
    [422, 'UNPROCESSABLE_ENTITY'],
  ])('%i is %s', (status, name) => {
    expect(httpStatusName(status)).toBe(name);
  });

  it.each([400, 409, 429, 500, 503, undefined])('%s has no name of its own', (status) => {
    expect(httpStatusName(status)).toBeUndefined();
  });
});
