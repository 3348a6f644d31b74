import { escapeHtml } from './rendered-email';
import { emailTime } from './email-time';

/** Where an error happened: ids always, the names people know them by when the runtime gave them. */
export interface ErrorPlace {
  integrationId: string;
  flowId: string;
  flowStepId: string;
  integrationName?: string | null;
  flowName?: string | null;
  flowStepName?: string | null;
}

/** "Shopify to NetSuite › Orders › Import sales orders": names where known, ids otherwise. */
export function describePlace(place: ErrorPlace): string {
  return [place.integrationName || place.integrationId, place.flowName || place.flowId, place.flowStepName || place.flowStepId].join(' › ');
}

/** One assigned error as emails list it. */
export interface AssignedErrorLine {
  errorId: string;
  /** Where it happened, as describePlace says it. */
  where: string;
  message: string;
  occurredAt: string;
  assignedBy: string;
}

/** A list of assigned errors, each with where it is, when, who assigned it and a link: as text lines and as an HTML table. */
export function listAssignedErrors(lines: AssignedErrorLine[], errorLink: (errorId: string) => string): { text: string[]; html: string } {
  const text = lines.map(
    (line) =>
      `- ${line.message}\n  ${line.where}, ${emailTime(line.occurredAt)}, assigned by ${line.assignedBy}\n  ${errorLink(line.errorId)}`,
  );
  const rows = lines
    .map(
      (line) =>
        `<tr><td><a href="${escapeHtml(errorLink(line.errorId))}">${escapeHtml(line.message)}</a></td><td>${escapeHtml(line.where)}</td><td>${escapeHtml(emailTime(line.occurredAt))}</td><td>${escapeHtml(line.assignedBy)}</td></tr>`,
    )
    .join('');
  return { text, html: `<table><tr><th>Error</th><th>Where</th><th>When</th><th>Assigned by</th></tr>${rows}</table>` };
}
