import { timeline } from './timeline';

const names = {
  user: (id: string) => ({ u1: 'Ada', u2: 'Ned' })[id] ?? id,
  tag: (id: string) => (id === 't1' ? 'billing' : id),
  step: (id: string) => (id === 'step-3' ? `Post the card (${id})` : id),
};
const person = (id: string) => ({ type: 'user' as const, id });
const system = { type: 'system' as const, id: 'errors' };

describe('an error told as a story', () => {
  it('merges its events and its assignments in time order, each in words', () => {
    const story = timeline(
      [
        { version: 1, type: 'ErrorRecorded', at: '2026-12-01T10:00:00.000Z', actor: system, details: { runId: 'r1', httpStatus: 503, httpStatusName: 'Service Unavailable', errorClass: 'connection', severity: 'medium' } },
        { version: 2, type: 'ErrorTagged', at: '2026-12-01T10:02:00.000Z', actor: person('u1'), details: { tagId: 't1' } },
        { version: 3, type: 'ErrorResolved', at: '2026-12-01T10:03:00.000Z', actor: person('u2'), details: { reason: 'user', note: 'fixed the token' } },
      ],
      [{ type: 'ErrorAssigned', at: '2026-12-01T10:01:00.000Z', actor: person('u1'), assigneeUserId: 'u2', previousAssigneeUserId: null, cause: 'manual', reason: null, sourceErrorId: null }],
      names,
    );
    expect(story.map((entry) => entry.text)).toEqual([
      'Failed in run r1 with HTTP 503 Service Unavailable; recorded as connection (medium severity)',
      'Assigned to Ned by Ada',
      'Tagged billing by Ada',
      'Resolved by Ned — "fixed the token"',
    ]);
  });

  it('says "no severity" of an error without one', () => {
    const [recorded] = timeline(
      [{ version: 1, type: 'ErrorRecorded', at: '2026-12-01T10:00:00.000Z', actor: system, details: { runId: 'r1', httpStatus: 429, httpStatusName: 'Too Many Requests', errorClass: 'rate_limit', severity: 'none' } }],
      [],
      names,
    );
    expect(recorded.text).toBe('Failed in run r1 with HTTP 429 Too Many Requests; recorded as rate_limit (no severity)');
  });

  it('says what was changed in the report to store it', () => {
    const repairs = ['/data/message: characters PostgreSQL cannot store (NUL, lone surrogates) replaced with U+FFFD'];
    const [recorded, again] = timeline(
      [
        { version: 1, type: 'ErrorRecorded', at: '2026-12-01T10:00:00.000Z', actor: system, details: { runId: 'r1', errorClass: 'value', severity: 'none', inputRepairs: repairs } },
        { version: 2, type: 'ErrorOccurredAgain', at: '2026-12-01T10:01:00.000Z', actor: system, details: { runId: 'r2', occurrences: 2, inputRepairs: repairs } },
      ],
      [],
      names,
    );
    expect(recorded.text).toBe(`Failed in run r1; recorded as value (no severity). The report was changed to be stored: ${repairs[0]}`);
    expect(again.text).toBe(`Failed again in run r2 (occurrence 2). The report was changed to be stored: ${repairs[0]}`);
  });

  it('says which rule acted whenever the system did', () => {
    const story = timeline(
      [
        { version: 2, type: 'ErrorRetryRequested', at: '2026-12-01T10:01:00.000Z', actor: system, details: { notBefore: '2026-12-01T10:05:00.000Z' } },
        { version: 3, type: 'ErrorResolved', at: '2026-12-01T10:06:00.000Z', actor: system, details: { reason: 'superseded', supersededBy: 'e9' } },
      ],
      [
        { type: 'ErrorAssigned', at: '2026-12-01T10:00:00.000Z', actor: system, assigneeUserId: 'u1', previousAssigneeUserId: null, cause: 'retryDataKey', reason: null, sourceErrorId: 'e7' },
        { type: 'ErrorUnassigned', at: '2026-12-01T10:07:00.000Z', actor: system, assigneeUserId: null, previousAssigneeUserId: 'u1', cause: null, reason: 'user_deactivated', sourceErrorId: null },
      ],
      names,
    );
    expect(story.every((entry) => entry.automatic)).toBe(true);
    expect(story.map((entry) => entry.text)).toEqual([
      'Assigned to Ada by the retry data key rule, following error e7 of the same record',
      `Retried automatically, to run from ${new Date('2026-12-01T10:05:00.000Z').toLocaleString()}`,
      'Resolved: superseded by error e9 (same trace key), which took over its assignee',
      'Unassigned from Ada: they were deactivated',
    ]);
  });

  it('tells how often a failure was retried before it became an error, which step disabled the flow, and which run resolved it', () => {
    const story = timeline(
      [
        {
          version: 1,
          type: 'ErrorRecorded',
          at: '2026-12-01T10:00:00.000Z',
          actor: system,
          details: { runId: 'r1', httpStatus: 503, errorClass: 'connection', severity: 'medium', automaticRetries: { attempts: 9, stoppedBecause: 'window_closed' } },
        },
        { version: 2, type: 'SeverityNotificationRequested', at: '2026-12-01T10:00:00.000Z', actor: system, details: { severity: 'high', flowStepId: 'step-3' } },
        { version: 3, type: 'ErrorResolved', at: '2026-12-01T10:09:00.000Z', actor: system, details: { reason: 'record_succeeded', runId: 'r8' } },
      ],
      [],
      names,
    );
    expect(story.map((entry) => entry.text)).toEqual([
      'Failed in run r1 with HTTP 503 after 9 attempts (retried automatically until the retry window closed); recorded as connection (medium severity)',
      "Severity 6000 from step Post the card (step-3): the flow was disabled, and the automation's creator (else the owner) was emailed",
      'Resolved: the same record later succeeded in run r8',
    ]);
  });
});
