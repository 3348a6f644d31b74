import { AssignedErrorLine, listAssignedErrors } from './error-listing';
import { emailTime } from './email-time';
import { escapeHtml, RenderedEmail } from './rendered-email';

export interface InvitationEmail {
  acceptanceUrl: string;
  invitedBy: string;
  expiresAt: string;
  fromAssignment: boolean;
  /** The errors assigned with the invitation, as many as one email names, and how many more there are. */
  assigned?: { lines: AssignedErrorLine[]; more: number; errorLink: (errorId: string) => string };
}

/** The invitation email: who invited, the errors they assigned if any, the acceptance link and until when it works. */
export function renderInvitation(invitation: InvitationEmail): RenderedEmail {
  const subject = invitation.fromAssignment ? 'Errors were assigned to you on Faultline: accept your invitation' : 'You are invited to Faultline';
  const invited = `${invitation.invitedBy} invited you${invitation.fromAssignment ? ' and assigned errors to you' : ''}.`;
  const { assigned } = invitation;
  const listing = assigned && assigned.lines.length > 0 ? listAssignedErrors(assigned.lines, assigned.errorLink) : undefined;
  const more = assigned && assigned.more > 0 ? `…and ${assigned.more} more, in your next digest and on the Errors page.` : undefined;
  const text = [
    subject,
    '',
    invited,
    `Accept the invitation: ${invitation.acceptanceUrl}`,
    `The link works until ${emailTime(invitation.expiresAt)}.`,
    ...(listing ? ['', 'Assigned to you:', ...listing.text] : []),
    ...(more ? [more] : []),
  ].join('\n');
  const html = [
    `<h1>${escapeHtml(subject)}</h1><p>${escapeHtml(invited)}</p>`,
    `<p><a href="${escapeHtml(invitation.acceptanceUrl)}">Accept the invitation</a> (until ${escapeHtml(emailTime(invitation.expiresAt))}).</p>`,
    listing ? `<h2>Assigned to you</h2>${listing.html}` : '',
    more ? `<p>${escapeHtml(more)}</p>` : '',
  ].join('');
  return { subject, text, html };
}
