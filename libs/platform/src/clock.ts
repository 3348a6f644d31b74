/**
 * Where the edges read the time. Deciders never call it: `now` comes in with each command,
 * and tests swap the clock to move digest and retry windows without waiting.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };
