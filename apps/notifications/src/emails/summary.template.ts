import type { SummaryEntry, Summary } from '../summaries/summary.rules';
import { emailTime } from './email-time';
import { summarySubject } from '../summaries/summary.rules';
import { describePlace } from './error-listing';
import { escapeHtml, RenderedEmail } from './rendered-email';

interface Section {
  title: string;
  entries: SummaryEntry[];
}

/**
 * An error notification summary: the new errors and the resolved ones (each with where it
 * happened, when, and a link; at most `perSection` lines each, then "and n more"), and the
 * errors still open per subscribed flow.
 */
export function renderSummary(
  summary: Summary,
  perSection: number,
  links: { error: (errorId: string) => string; errorsList: string; settings: string },
): RenderedEmail {
  const { error: errorLink, errorsList: errorsListLink, settings: settingsLink } = links;
  const subject = summarySubject(summary);
  const sections: Section[] = [
    { title: 'New errors', entries: summary.newErrors },
    { title: 'Resolved since the last summary', entries: summary.resolved },
  ].filter((section) => section.entries.length > 0);
  const where = (entry: SummaryEntry) => describePlace(entry);
  const more = (section: Section) => section.entries.length - perSection;

  const text = [
    subject,
    ...sections.flatMap((section) => [
      '',
      `${section.title}:`,
      ...section.entries.slice(0, perSection).map((entry) => `- ${entry.message}\n  ${where(entry)}, ${emailTime(entry.occurredAt)}\n  ${errorLink(entry.errorId)}`),
      ...(more(section) > 0 ? [`… and ${more(section)} more: ${errorsListLink}`] : []),
    ]),
    '',
    `Still open: ${summary.openErrors}`,
    ...summary.flows.map((flow) => `- ${flow.integrationId} › ${flow.flowId}: ${flow.open}`),
    '',
    `You get this because you follow these flows. Change what you follow: ${settingsLink}`,
  ].join('\n');

  const rows = (section: Section) =>
    section.entries
      .slice(0, perSection)
      .map(
        (entry) =>
          `<tr><td><a href="${escapeHtml(errorLink(entry.errorId))}">${escapeHtml(entry.message)}</a></td><td>${escapeHtml(where(entry))}</td><td>${escapeHtml(emailTime(entry.occurredAt))}</td></tr>`,
      )
      .join('');
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    ...sections.map(
      (section) =>
        `<h2>${escapeHtml(section.title)}</h2><table><tr><th>Error</th><th>Where</th><th>When</th></tr>${rows(section)}</table>` +
        (more(section) > 0 ? `<p><a href="${escapeHtml(errorsListLink)}">… and ${more(section)} more</a></p>` : ''),
    ),
    `<h2>Still open: ${summary.openErrors}</h2><ul>${summary.flows.map((flow) => `<li>${escapeHtml(flow.integrationId)} › ${escapeHtml(flow.flowId)}: ${flow.open}</li>`).join('')}</ul>`,
    `<p>You get this because you follow these flows. <a href="${escapeHtml(settingsLink)}">Change what you follow</a>.</p>`,
  ].join('');
  return { subject, text, html };
}
