/** Retry data as the editor shows it, and the editor's text read back (or why it cannot be). */
export function retryDataText(retryData: unknown): string {
  return retryData === null || retryData === undefined ? '' : JSON.stringify(retryData, null, 2);
}

export type ParsedRetryData = { ok: true; value: unknown } | { ok: false; why: string };

export function parseRetryData(text: string): ParsedRetryData {
  if (!text.trim()) return { ok: false, why: 'retry data is a JSON value; the editor is empty' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, why: `not JSON: ${(error as Error).message}` };
  }
}
