/**
 * A rule said no: the one type every app refuses with, from its deciders, policies and edges.
 * `code` names the rule in words a program can act on; the message says it to a person. Each
 * app maps codes to HTTP statuses in one table, which the problem filter applies; consumers
 * tell a refusal (an answer, or the DLQ) from a fault (retried) with `instanceof Refusal`.
 */
export abstract class Refusal extends Error {
  abstract readonly code: string;
  /** Members the problem document carries besides `code` and `detail`, for a program to act on. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}
