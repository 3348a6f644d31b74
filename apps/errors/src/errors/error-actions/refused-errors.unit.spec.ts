import { Refusal } from '@faultline/access-policy';
import { applyRefusingSome, RefusedErrors } from './refused-errors';

class Full extends Refusal {
  readonly code = 'TOO_MANY_TAGS';
}

/** Changes every error it is given, unless one of them is full: then nothing (all or nothing). */
const tagging = (full: string[]) => async (ids: string[]) => {
  const refused = ids.find((id) => full.includes(id));
  if (refused) throw new Full(`error ${refused} is full`);
  return { changed: ids.length };
};

describe('a bulk action a rule refuses in part', () => {
  it('changes the errors the rule allows and counts the refused ones per rule', async () => {
    const refused = new RefusedErrors();
    const changed = await applyRefusingSome(['e1', 'e2', 'e3', 'e4'], tagging(['e2', 'e4']), refused);
    expect(changed).toBe(2);
    expect(refused.summary()).toEqual({ refused: [{ code: 'TOO_MANY_TAGS', detail: 'error e2 is full', count: 2, errorIds: ['e2', 'e4'] }] });
  });

  it('says nothing of refusals when none happened, and lets a fault fail the request', async () => {
    const refused = new RefusedErrors();
    expect(await applyRefusingSome(['e1'], tagging([]), refused)).toBe(1);
    expect(refused.summary()).toEqual({});
    await expect(applyRefusingSome(['e1'], () => Promise.reject(new Error('connection lost')), refused)).rejects.toThrow('connection lost');
  });
});
