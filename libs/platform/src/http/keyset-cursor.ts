import { RequestValidationError } from './problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The opaque cursor of newest-first pages ordered by (time, uuid): the last row's pair, so the
 * next page starts strictly after it however many rows share a time.
 */
export const KeysetCursor = {
  encode(at: string, id: string): string {
    return Buffer.from(`${at}|${id}`).toString('base64url');
  },

  decode(cursor: string): { at: string; id: string } {
    const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
    if (!at || Number.isNaN(Date.parse(at)) || !UUID.test(id ?? '')) {
      throw new RequestValidationError([{ pointer: '/query/cursor', detail: 'is not a cursor this API returned' }]);
    }
    return { at, id };
  },
};
