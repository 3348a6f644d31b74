/** What an error's resolution records: why, and for automatic ones what caused it. */
export interface Resolution {
  reason?: unknown;
  supersededBy?: unknown;
  runId?: unknown;
  note?: unknown;
}

/** Why an error was resolved, in one sentence: the timeline and the list say it the same way. */
export function resolutionSentence(resolution: Resolution, by: string | undefined): string {
  const note = typeof resolution.note === 'string' && resolution.note ? ` — "${resolution.note}"` : '';
  const inRun = typeof resolution.runId === 'string' ? ` in run ${resolution.runId}` : '';
  switch (resolution.reason) {
    case 'retry_succeeded':
      return `Resolved: the retry succeeded${inRun}`;
    case 'superseded':
      return `Resolved: superseded by error ${resolution.supersededBy} (same trace key), which took over its assignee`;
    case 'record_succeeded':
      return `Resolved: the same record later succeeded${inRun}`;
    default:
      return `Resolved by ${by ?? 'the system'}${note}`;
  }
}
