import { escapeHtml } from './rendered-email';

/** One assigned error as emails list it. */
export interface AssignedErrorLine {
  errorId: string;
  integrationId: string;
  flowId: string;
  flowStepId: string;
  message: string;
  occurredAt: string;
  assignedBy: string;
}

/** A list of assigned errors, each with where it is, when, who assigned it and a link: as text lines and as an HTML table. */
export function listAssignedErrors(lines: AssignedErrorLine[], errorLink: (errorId: string) => string): { text: string[]; html: string } {
  const text = lines.map(
    (line) =>
      `- ${line.message}\n  ${line.integrationId} › ${line.flowId} › ${line.flowStepId}, ${line.occurredAt}, assigned by ${line.assignedBy}\n  ${errorLink(line.errorId)}`,
  );
  const rows = lines
    .map(
      (line) =>
        `<tr><td><a href="${escapeHtml(errorLink(line.errorId))}">${escapeHtml(line.message)}</a></td><td>${escapeHtml(line.integrationId)} › ${escapeHtml(line.flowId)} › ${escapeHtml(line.flowStepId)}</td><td>${escapeHtml(line.occurredAt)}</td><td>${escapeHtml(line.assignedBy)}</td></tr>`,
    )
    .join('');
  return { text, html: `<table><tr><th>Error</th><th>Where</th><th>When</th><th>Assigned by</th></tr>${rows}</table>` };
}
