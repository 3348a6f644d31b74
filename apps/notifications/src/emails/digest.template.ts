import type { DigestPart } from '../digests/digest.rules';
import { digestSubject } from '../digests/digest.rules';
import { escapeHtml, RenderedEmail } from './rendered-email';

export interface DigestLine {
  errorId: string;
  integrationId: string;
  flowId: string;
  flowStepId: string;
  message: string;
  occurredAt: string;
  assignedBy: string;
}

/** One part of an assignment digest, as plain text and HTML: each error, where it is, and a link. */
export function renderDigest(part: DigestPart, total: number, lines: DigestLine[], errorLink: (errorId: string) => string): RenderedEmail {
  const subject = digestSubject(part, total);
  const link = (line: DigestLine) => errorLink(line.errorId);
  const text = [
    subject,
    '',
    ...lines.map(
      (line) =>
        `- ${line.message}\n  ${line.integrationId} › ${line.flowId} › ${line.flowStepId}, ${line.occurredAt}, assigned by ${line.assignedBy}\n  ${link(line)}`,
    ),
  ].join('\n');
  const rows = lines
    .map(
      (line) =>
        `<tr><td><a href="${escapeHtml(link(line))}">${escapeHtml(line.message)}</a></td><td>${escapeHtml(line.integrationId)} › ${escapeHtml(line.flowId)} › ${escapeHtml(line.flowStepId)}</td><td>${escapeHtml(line.occurredAt)}</td><td>${escapeHtml(line.assignedBy)}</td></tr>`,
    )
    .join('');
  const html = `<h1>${escapeHtml(subject)}</h1><table><tr><th>Error</th><th>Where</th><th>When</th><th>Assigned by</th></tr>${rows}</table>`;
  return { subject, text, html };
}
