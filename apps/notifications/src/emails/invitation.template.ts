import { escapeHtml, RenderedEmail } from './rendered-email';

/** The invitation email: who invited, the acceptance link and until when it works. */
export function renderInvitation(invitation: { acceptanceUrl: string; invitedBy: string; expiresAt: string; fromAssignment: boolean }): RenderedEmail {
  const subject = invitation.fromAssignment ? 'Errors were assigned to you on Faultline: accept your invitation' : 'You are invited to Faultline';
  const text = [
    subject,
    '',
    `${invitation.invitedBy} invited you${invitation.fromAssignment ? ' and assigned errors to you' : ''}.`,
    `Accept the invitation: ${invitation.acceptanceUrl}`,
    `The link works until ${invitation.expiresAt}.`,
  ].join('\n');
  const html = `<h1>${escapeHtml(subject)}</h1><p>${escapeHtml(invitation.invitedBy)} invited you${invitation.fromAssignment ? ' and assigned errors to you' : ''}.</p><p><a href="${escapeHtml(invitation.acceptanceUrl)}">Accept the invitation</a> (until ${escapeHtml(invitation.expiresAt)}).</p>`;
  return { subject, text, html };
}
