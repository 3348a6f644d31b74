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
