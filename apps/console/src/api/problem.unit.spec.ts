import { fieldName, problemFrom, problemMessage } from './problem';

describe('problems as the console shows them', () => {
  it('a rule refusal shows its detail and keeps its code', () => {
    const problem = problemFrom(403, {
      type: 'https://faultline.dev/problems/no-access-to-integration',
      title: 'Forbidden',
      status: 403,
      detail: 'user u1 has no access to integration acme',
      code: 'NO_ACCESS_TO_INTEGRATION',
    });
    expect(problem).toMatchObject({ status: 403, code: 'NO_ACCESS_TO_INTEGRATION' });
    expect(problemMessage(problem)).toBe('user u1 has no access to integration acme');
  });

  it('fields at fault are named without the request part they sat in', () => {
    const problem = problemFrom(400, { title: 'The request is invalid', detail: 'x', errors: [{ pointer: '/body/email', detail: 'must be an email' }, { pointer: '/query/limit', detail: 'too big' }] });
    expect(problemMessage(problem)).toBe('email: must be an email; limit: too big');
    expect(fieldName('/body/owner/password')).toBe('owner.password');
    expect(fieldName('')).toBe('request');
  });

  it('extensions are kept for programs, and a body that is no problem still reads as one', () => {
    expect(problemFrom(409, { code: 'ACCOUNT_CHOICE_NEEDED', accounts: [{ accountId: 'a' }] }).extensions).toEqual({ accounts: [{ accountId: 'a' }] });
    expect(problemMessage(problemFrom(502, '<html>bad gateway</html>'))).toBe('Faultline failed to answer; try again');
    expect(problemMessage(problemFrom(0, undefined))).toMatch(/cannot reach/);
    expect(problemFrom(400, { errors: 'not a list' }).fields).toEqual([]);
  });
});
