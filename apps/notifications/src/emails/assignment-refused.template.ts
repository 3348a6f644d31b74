import { escapeHtml, RenderedEmail } from './rendered-email';

export interface AssignmentRefusal {
  invitee: string;
  code: string;
  reason: string;
}

/** Tells the person who assigned errors to an email that the invitation was refused, which rule refused it, and that the errors are still unassigned. */
export function renderAssignmentRefused(refusal: AssignmentRefusal): RenderedEmail {
  const subject = `Faultline could not assign errors to ${refusal.invitee}`;
  const what = `You assigned errors to ${refusal.invitee}, and Faultline asked to invite them (or to give their pending invitation access to those errors). That was refused, so the errors are still unassigned.`;
  const why = `Why: ${refusal.reason} (${refusal.code}).`;
  const text = [subject, '', what, why, '', 'Assign the errors to someone else, or ask an owner or admin to invite them.'].join('\n');
  const html = `<h1>${escapeHtml(subject)}</h1><p>${escapeHtml(what)}</p><p>${escapeHtml(why)}</p><p>Assign the errors to someone else, or ask an owner or admin to invite them.</p>`;
  return { subject, text, html };
}
