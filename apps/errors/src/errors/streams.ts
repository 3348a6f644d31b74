/** Each error is one stream of the event store. */
export const errorStreamId = (errorId: string): string => `error-${errorId}`;
