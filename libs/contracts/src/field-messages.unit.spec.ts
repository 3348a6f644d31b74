import { Type } from '@sinclair/typebox';
import { fieldErrors } from './validation';

const Invitation = Type.Object(
  {
    email: Type.String({ format: 'email' }),
    name: Type.String({ minLength: 1, maxLength: 10 }),
    password: Type.String({ minLength: 12 }),
    role: Type.Union([Type.Literal('admin'), Type.Literal('member')]),
    days: Type.Integer({ minimum: 1, maximum: 30 }),
    errorIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 2 }),
  },
  { additionalProperties: false },
);

const messages = (value: unknown) => Object.fromEntries(fieldErrors(Invitation, value).map(({ path, message }) => [path, message]));

describe('what is wrong with a field, in words', () => {
  it('says each kind of fault as a person would read it in a form', () => {
    expect(messages({ email: 'nobody', name: '', password: 'short', role: 'boss', days: 1.5, errorIds: ['x'], colour: 'red' })).toEqual({
      '/email': 'must be an email address',
      '/name': 'must not be empty',
      '/password': 'must be at least 12 characters',
      '/role': 'must be one of admin, member',
      '/days': 'must be a whole number',
      '/errorIds/0': 'must be a uuid',
      '/colour': 'is not a known field',
    });
  });

  it('says what is missing, too long, out of range or of the wrong type', () => {
    expect(messages({ name: 'a'.repeat(11), password: 12, role: 'admin', days: 31, errorIds: ['a', 'b', 'c'] })).toMatchObject({
      '/email': 'is required',
      '/name': 'must be at most 10 characters',
      '/password': 'must be text',
      '/days': 'must be at most 30',
      '/errorIds': 'must list at most 2',
    });
  });
});
