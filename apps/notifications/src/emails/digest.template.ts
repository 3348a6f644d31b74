import type { DigestPart } from '../digests/digest.rules';
import { digestSubject } from '../digests/digest.rules';
import { AssignedErrorLine, listAssignedErrors } from './error-listing';
import { escapeHtml, RenderedEmail } from './rendered-email';

export type DigestLine = AssignedErrorLine;

/** One part of an assignment digest, as plain text and HTML: each error, where it is, and a link. */
export function renderDigest(part: DigestPart, total: number, lines: DigestLine[], errorLink: (errorId: string) => string): RenderedEmail {
  const subject = digestSubject(part, total);
  const listing = listAssignedErrors(lines, errorLink);
  return { subject, text: [subject, '', ...listing.text].join('\n'), html: `<h1>${escapeHtml(subject)}</h1>${listing.html}` };
}
