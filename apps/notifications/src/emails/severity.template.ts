import { describePlace, ErrorPlace } from './error-listing';
import { escapeHtml, RenderedEmail } from './rendered-email';

export interface SeverityNotice extends ErrorPlace {
  severity: 'medium' | 'high';
  notificationErrorTitle?: string;
  notificationErrorDescription?: string;
  disableErrorDescription?: string;
  errorLink: string;
}

/**
 * Seed 002's "notification to the automation creator": the app's own title and description of
 * a 4000 or 6000, and for a 6000 that the automation is now disabled, with the app's reason.
 */
export function renderSeverityNotice(notice: SeverityNotice): RenderedEmail {
  const code = notice.severity === 'high' ? 6000 : 4000;
  const subject = notice.notificationErrorTitle ?? (notice.severity === 'high' ? 'An automation was disabled' : 'An automation run failed');
  const where = describePlace(notice);
  const disabled =
    notice.severity === 'high' ? `The automation is disabled until someone re-enables it${notice.disableErrorDescription ? `: ${notice.disableErrorDescription}` : '.'}` : undefined;
  const paragraphs = [
    notice.notificationErrorDescription ?? `The step answered with severity code ${code}.`,
    ...(disabled ? [disabled] : []),
    `Where: ${where} (severity code ${code}).`,
  ];
  const text = [subject, '', ...paragraphs, '', `See the error: ${notice.errorLink}`].join('\n');
  const html = `<h1>${escapeHtml(subject)}</h1>${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('')}<p><a href="${escapeHtml(notice.errorLink)}">See the error</a></p>`;
  return { subject, text, html };
}
