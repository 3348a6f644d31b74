import type { TopicRecorder } from '@faultline/testing';
import { simpleParser } from 'mailparser';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { compareWithRebuild, DomainEvent, StoreProjection } from '@faultline/eventing';
import { assignmentReadModels } from '../../apps/assignment/src/rebuild/read-models.rebuild';
import { errorsReadModels } from '../../apps/errors/src/rebuild/read-models.rebuild';
import { identityReadModels } from '../../apps/identity/src/rebuild/read-models.rebuild';
import { notificationsReadModels } from '../../apps/notifications/src/rebuild/read-models.rebuild';
import type { FaultSystem } from './fault-system';
import type { PlannedReport } from './workload';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

const SETTLE_MS = 240_000;

async function settled<T>(measure: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + SETTLE_MS;
  let value = await measure();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    value = await measure();
  }
  return value;
}

/** A service's own database on the suite's PostgreSQL server. */
const serviceDatabase = (serverUrl: string, service: string): string => {
  const url = new URL(serverUrl);
  url.pathname = `/faultline_${service}`;
  return url.toString();
};

async function query<T>(serverUrl: string, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: serviceDatabase(serverUrl, 'errors') });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every valid report is one error, and one ErrorRecorded in the event store; nothing else is. */
export async function checkRecordedOnce(serverUrl: string, accountId: string, planned: PlannedReport[]): Promise<CheckResult> {
  const expected = new Set(planned.filter((report) => report.expect.kind === 'recorded').map((report) => report.runId!));
  const rows = await settled(
    () => query<{ run_id: string; copies: number }>(serverUrl, 'SELECT run_id, count(*)::int AS copies FROM errors_list WHERE account_id = $1 GROUP BY run_id', [accountId]),
    (found) => found.length >= expected.size,
  );
  const [{ recorded }] = await query<{ recorded: number }>(serverUrl, "SELECT count(*)::int AS recorded FROM event_store WHERE event_type = 'ErrorRecorded'");
  const missing = [...expected].filter((runId) => !rows.some((row) => row.run_id === runId)).length;
  const doubled = rows.filter((row) => row.copies > 1).length;
  const unexpected = rows.filter((row) => !expected.has(row.run_id)).length;
  return {
    name: 'every valid error recorded exactly once',
    ok: missing === 0 && doubled === 0 && unexpected === 0 && recorded === expected.size,
    detail: `${expected.size} expected, ${rows.length} listed, ${recorded} ErrorRecorded; ${missing} missing, ${doubled} doubled, ${unexpected} unexpected`,
  };
}

/** Every instance's consumer runs again once the group settles (a rebalance may still be under way right after the last fault). */
export async function checkConsumers(system: FaultSystem): Promise<CheckResult> {
  const health = await settled(
    () => system.health(),
    (instances) => instances.every((instance) => instance.status === 200),
  );
  return {
    name: 'no consumer stopped',
    ok: health.every((instance) => instance.status === 200),
    detail: health
      .map((instance) => `${instance.name} ${instance.status} (consumer restarts ${instance.restarts ?? '?'}${instance.problems?.length ? `; ${instance.problems.join('; ')}` : ''})`)
      .join(', '),
  };
}

/** Every poison message is on the DLQ with the reason its kind calls for. */
export async function checkDeadLetters(readers: TopicRecorder[], planned: PlannedReport[]): Promise<CheckResult> {
  const expected = planned.filter((report) => report.expect.kind === 'dead-letter');
  const letters = () => readers.flatMap((reader) => reader.messages);
  const unmatched = await settled(
    async () => {
      const reasons = reasonsByMessage(letters());
      return expected.filter((report) => !(reasons.get(messageKey(report.value)) ?? []).some((reason) => matchesReason(report, reason)));
    },
    (left) => left.length === 0,
  );
  return {
    name: 'every poison message in the DLQ with its reason',
    ok: unmatched.length === 0,
    detail: `${expected.length} expected, ${letters().length} dead letters, ${unmatched.length} missing or with another reason${
      unmatched.length > 0 ? ` (first: ${unmatched[0].value.slice(0, 80)}; reasons seen: ${[...new Set(letters().map((letter) => letter.headers['dlq-reason']))].slice(0, 5).join(' | ')})` : ''
    }`,
  };
}

/** A message by its event id when it has one (near its start), else by its whole text: one pass over 900 KB values. */
function messageKey(value: string): string {
  return /"eventId":"([0-9a-f-]{36})"/.exec(value.slice(0, 300))?.[1] ?? value;
}

function reasonsByMessage(letters: TopicRecorder['messages']): Map<string, string[]> {
  const reasons = new Map<string, string[]>();
  for (const letter of letters) {
    const key = messageKey(letter.value);
    reasons.set(key, [...(reasons.get(key) ?? []), letter.headers['dlq-reason'] ?? '']);
  }
  return reasons;
}

const matchesReason = (report: PlannedReport, reason: string): boolean => report.expect.kind === 'dead-letter' && report.expect.reason.test(reason);

/** Every error assigned to the member is in a digest email to them; errors in more than one are counted. */
export async function checkDigests(mailDir: string, memberEmail: string, assigned: Set<string>): Promise<CheckResult> {
  const seen = await settled(
    () => digestedErrors(mailDir, memberEmail),
    (found) => [...assigned].every((errorId) => found.has(errorId)),
  );
  const missing = [...assigned].filter((errorId) => !seen.has(errorId)).length;
  const duplicates = [...seen.values()].filter((copies) => copies > 1).length;
  return {
    name: 'every assigned error in a digest',
    ok: missing === 0,
    detail: `${assigned.size} assigned, ${missing} in no digest, ${duplicates} in more than one (a crash between sending and recording)`,
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

async function digestedErrors(mailDir: string, recipient: string): Promise<Map<string, number>> {
  const copies = new Map<string, number>();
  for (const file of fs.readdirSync(mailDir)) {
    const mail = await simpleParser(fs.readFileSync(path.join(mailDir, file)));
    const to = Array.isArray(mail.to) ? mail.to.map((address) => address.text).join(',') : (mail.to?.text ?? '');
    if (!to.includes(recipient)) continue;
    for (const errorId of new Set((mail.text ?? '').match(UUID) ?? [])) copies.set(errorId, (copies.get(errorId) ?? 0) + 1);
  }
  return copies;
}

const READ_MODELS: Record<string, () => StoreProjection<DomainEvent>> = {
  errors: errorsReadModels,
  assignment: assignmentReadModels,
  identity: identityReadModels,
  notifications: notificationsReadModels,
};

/** Every service's read models, as they are, equal what a rebuild from its own event store makes. */
export async function checkReadModels(serverUrl: string): Promise<CheckResult> {
  const findings: string[] = [];
  let equal = true;
  for (const [service, readModels] of Object.entries(READ_MODELS)) {
    const dataSource = await new DataSource({ type: 'postgres', url: serviceDatabase(serverUrl, service) }).initialize();
    try {
      const projection = readModels();
      const { events, differing } = await compareWithRebuild(dataSource, projection);
      equal &&= differing.length === 0;
      findings.push(`${service} ${projection.tables.length} tables from ${events} events${differing.length === 0 ? '' : ` (differing: ${differing.join(', ')})`}`);
    } finally {
      await dataSource.destroy();
    }
  }
  return { name: 'every read model equals a rebuild from its event store', ok: equal, detail: findings.join('; ') };
}
