import jwt from 'jsonwebtoken';
import { signAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'a-test-secret-that-is-long-enough';
const claims = { userId: 'u-1', accountId: 'acc-1', role: 'member' as const };
const forged = (payload: object, options: jwt.SignOptions) =>
  jwt.sign({ acc: 'acc-1', role: 'owner', ...payload }, SECRET, { algorithm: 'HS256', subject: 'u-1', issuer: 'faultline-identity', audience: 'faultline', ...options });

describe('an access token', () => {
  it('as identity issues it is accepted, with its claims', () => {
    expect(verifyAccessToken(signAccessToken(claims, SECRET, 60), SECRET)).toMatchObject(claims);
  });

  it('without an expiry is refused, even correctly signed', () => {
    expect(verifyAccessToken(forged({}, {}), SECRET)).toBeUndefined();
  });

  it('expired, signed with another secret, for another audience or with another algorithm is refused', () => {
    expect(verifyAccessToken(forged({ exp: Math.floor(Date.now() / 1000) - 1 }, {}), SECRET)).toBeUndefined();
    expect(verifyAccessToken(signAccessToken(claims, 'another-secret-entirely', 60), SECRET)).toBeUndefined();
    expect(verifyAccessToken(forged({}, { audience: 'elsewhere', expiresIn: 60 }), SECRET)).toBeUndefined();
    expect(verifyAccessToken(jwt.sign({ acc: 'acc-1' }, SECRET, { algorithm: 'HS512', subject: 'u-1', expiresIn: 60 }), SECRET)).toBeUndefined();
  });
});
