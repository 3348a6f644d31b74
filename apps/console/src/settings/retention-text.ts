import type { RetentionView } from '@faultline/contracts/browser';

export const daysText = (days: number): string => `${days} ${days === 1 ? 'day' : 'days'}`;

/** What the period in force means, in the product's words. */
export const retentionText = ({ days }: RetentionView): string => `Errors, their retry data and flow activity are deleted ${daysText(days)} after they last occurred.`;

/** What a shortening waiting out its notice will do, and how to stop it; undefined when none waits. */
export function shorteningText({ days, shortening }: RetentionView, formatTime: (iso: string) => string): string | undefined {
  if (!shortening) return undefined;
  return (
    `From ${formatTime(shortening.effectiveAt)} the period becomes ${daysText(shortening.days)}, and errors that last occurred more than ${daysText(shortening.days)} before are deleted for good. ` +
    `Until then, setting it back to ${daysText(days)} keeps them.`
  );
}

/** Said before saving a period shorter than the one in force. */
export const noticeText = ({ shorteningNoticeDays }: RetentionView): string =>
  `A shorter period takes effect after ${daysText(shorteningNoticeDays)}' notice, so nothing is deleted by mistake; until then it can be set back.`;
