import { windowDue } from '../windows/digest-windows';
import { assignerOf, describeAssigner, digestParts, digestSubject, notifies } from './digest.rules';

const entry = (index: number) => ({
  errorId: `e-${String(index).padStart(3, '0')}`,
  assignedAt: new Date(Date.UTC(2026, 10, 23, 10, 0, index)).toISOString(),
  assignedBy: 'usr-alice',
});
const stillBob = () => 'usr-bob';

describe('an assignment digest', () => {
  it('3 assignments in a window make one email, oldest first', () => {
    const parts = digestParts('usr-bob', [entry(3), entry(1), entry(2)], stillBob, 25);
    expect(parts).toEqual([{ part: 1, of: 1, entries: [entry(1), entry(2), entry(3)] }]);
    expect(digestSubject(parts[0], 3)).toBe('3 errors were assigned to you');
  });

  it('60 errors make 3 emails of 25, 25 and 10, in a stable order', () => {
    const entries = Array.from({ length: 60 }, (_, index) => entry(59 - index));
    const parts = digestParts('usr-bob', entries, stillBob, 25);
    expect(parts.map((part) => part.entries.length)).toEqual([25, 25, 10]);
    expect(parts.flatMap((part) => part.entries.map((one) => one.errorId))).toEqual(Array.from({ length: 60 }, (_, index) => entry(index).errorId));
    expect(digestSubject(parts[1], 60)).toBe('60 errors were assigned to you (part 2 of 3)');
  });

  it('leaves out errors unassigned or reassigned before the flush; a digest left empty sends nothing', () => {
    const assignees: Record<string, string | undefined> = { 'e-001': 'usr-bob', 'e-002': 'usr-carol', 'e-003': undefined };
    expect(digestParts('usr-bob', [entry(1), entry(2), entry(3)], (errorId) => assignees[errorId], 25)).toEqual([{ part: 1, of: 1, entries: [entry(1)] }]);
    expect(digestParts('usr-bob', [entry(2), entry(3)], (errorId) => assignees[errorId], 25)).toEqual([]);
  });

  it('self-assignments never notify; the window closes its length after it opened', () => {
    expect(notifies({ selfAssigned: true })).toBe(false);
    expect(notifies({ selfAssigned: false })).toBe(true);
    expect(windowDue(new Date('2026-11-23T10:00:00Z'), 15 * 60_000).toISOString()).toBe('2026-11-23T10:15:00.000Z');
    expect(digestSubject({ part: 1, of: 1, entries: [entry(1)] }, 1)).toBe('1 error was assigned to you');
  });

  it('names a person who assigned by name, and a rule by what it does', () => {
    const nameOf = (userId: string) => (userId === 'usr-alice' ? 'Alice' : userId);
    const byAlice = assignerOf({ assignedBy: { type: 'user', id: 'usr-alice' }, cause: 'retryDataKey' });
    const byRule = assignerOf({ assignedBy: { type: 'system', id: 'assignment-rules' }, cause: 'traceKey' });
    expect(describeAssigner(byAlice, nameOf)).toBe('Alice');
    expect(describeAssigner(byRule, nameOf)).toBe('the trace key rule (a new occurrence of an error assigned to you)');
  });
});
