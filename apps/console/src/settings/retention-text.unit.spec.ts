import { noticeText, retentionText, shorteningText } from './retention-text';

const view = { days: 30, shorteningNoticeDays: 7 };

describe('the retention setting in words', () => {
  it('says the period in force, one day in the singular', () => {
    expect(retentionText(view)).toBe('Errors, their retry data and flow activity are deleted 30 days after they last occurred.');
    expect(retentionText({ ...view, days: 1 })).toContain('deleted 1 day after');
  });

  it('says when a shortening takes effect and how to keep the errors', () => {
    const text = shorteningText({ ...view, shortening: { days: 1, effectiveAt: '2026-12-09T10:00:00.000Z' } }, (iso) => `<${iso}>`);
    expect(text).toBe(
      'From <2026-12-09T10:00:00.000Z> the period becomes 1 day, and errors that last occurred more than 1 day before are deleted for good. Until then, setting it back to 30 days keeps them.',
    );
    expect(shorteningText(view, String)).toBeUndefined();
  });

  it('warns of the notice before a shorter period is saved', () => {
    expect(noticeText(view)).toContain("after 7 days' notice");
  });
});
