/**
 * The assignment digest (seed 000): the first assignment to a user opens a window; everything
 * assigned to them until it closes goes into the same digest; at the flush only the errors
 * still assigned to them are sent, at most `perEmail` per email, in a stable order. Errors
 * unassigned or reassigned away are left out; an empty digest sends nothing. Self-assignments
 * never notify.
 */
export interface DigestEntry {
  errorId: string;
  assignedAt: string;
  assignedBy: string;
}

export interface DigestPart {
  part: number;
  of: number;
  entries: DigestEntry[];
}

type AssignmentCause = 'manual' | 'retryDataKey' | 'traceKey';

const RULES: Record<AssignmentCause, string> = {
  manual: 'an automatic rule',
  retryDataKey: 'the retry data key rule (same record as an error assigned to you)',
  traceKey: 'the trace key rule (a new occurrence of an error assigned to you)',
};

/** Who a digest says assigned an error: the person's id, or `rule:<cause>` when a rule did. */
export const assignerOf = (assignment: { assignedBy: { type: 'user' | 'system'; id: string }; cause: AssignmentCause }): string =>
  assignment.assignedBy.type === 'user' ? assignment.assignedBy.id : `rule:${assignment.cause}`;

/** How the email words it: a rule by what it does, a person by `nameOf`. */
export function describeAssigner(assigner: string, nameOf: (userId: string) => string): string {
  const cause = assigner.startsWith('rule:') ? (assigner.slice('rule:'.length) as AssignmentCause) : undefined;
  return cause ? (RULES[cause] ?? RULES.manual) : nameOf(assigner);
}

/** Whether an assignment enters the assignee's digest at all. */
export const notifies = (assignment: { selfAssigned: boolean }): boolean => !assignment.selfAssigned;

/** The emails of one flushed digest: still-assigned errors, oldest assignment first, split by `perEmail`. */
export function digestParts(
  userId: string,
  entries: DigestEntry[],
  currentAssignee: (errorId: string) => string | undefined,
  perEmail: number,
): DigestPart[] {
  const kept = entries
    .filter((entry) => currentAssignee(entry.errorId) === userId)
    .sort((a, b) => a.assignedAt.localeCompare(b.assignedAt) || a.errorId.localeCompare(b.errorId));
  const of = Math.ceil(kept.length / perEmail);
  return Array.from({ length: of }, (_, index) => ({ part: index + 1, of, entries: kept.slice(index * perEmail, (index + 1) * perEmail) }));
}

/** "3 errors were assigned to you", and "(part 2 of 3)" when split. */
export function digestSubject(part: DigestPart, total: number): string {
  const count = `${total} error${total === 1 ? ' was' : 's were'} assigned to you`;
  return part.of > 1 ? `${count} (part ${part.part} of ${part.of})` : count;
}
