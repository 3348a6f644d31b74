export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character);

/**
 * Where an email's link to an error points. An invitee who has not accepted yet cannot see
 * errors, so their links go through acceptance first and then on to the error.
 */
export function errorLinks(linkBaseUrl: string, pendingAcceptancePath?: string | null): (errorId: string) => string {
  return (errorId) =>
    pendingAcceptancePath
      ? `${linkBaseUrl}${pendingAcceptancePath}&next=${encodeURIComponent(`/errors/${errorId}`)}`
      : `${linkBaseUrl}/errors/${errorId}`;
}
