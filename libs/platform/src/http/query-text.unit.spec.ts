import { Type } from '@sinclair/typebox';
import { misspelledValues } from './query-text';

const query = Type.Object({ limit: Type.Integer(), ratio: Type.Number(), dryRun: Type.Boolean(), ids: Type.Array(Type.Integer()), q: Type.String() });

describe('numbers and flags in a query string', () => {
  it.each([
    ['limit', 'true'],
    ['limit', '1.5'],
    ['limit', '0x10'],
    ['limit', ' 5'],
    ['ratio', '1e309'],
    ['ratio', 'NaN'],
    ['dryRun', '1'],
    ['ids', ['1', 'two']],
  ])('%s=%j is refused, naming the field', (name, given) => {
    expect(misspelledValues(query, { [name]: given }, 'query')).toEqual([{ pointer: `/query/${name}`, detail: expect.stringMatching(/^must be /) }]);
  });

  it('written plainly, they pass on to conversion; text fields are not its business', () => {
    expect(misspelledValues(query, { limit: '25', ratio: '-0.5', dryRun: 'false', ids: ['1', '2'], q: '1.5e3' }, 'query')).toEqual([]);
  });
});
