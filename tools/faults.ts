/**
 * `npm run test:faults`: the system keeps its promises while everything around it fails. Two
 * instances of every service in the same consumer groups take a stream of reports (1% poison of
 * every kind) with assignments and tags going on, while each instance is killed (SIGKILL) once
 * at a random moment and started again, PostgreSQL restarts, SMTP refuses for a while and the
 * embedded broker crashes. Then it checks and prints: every valid error recorded exactly once,
 * every poison message in the DLQ with its reason, no consumer stopped, the errors read models
 * equal to a rebuild from the event store, and every assigned error in a digest (duplicates
 * counted). Exits 1 when a check fails.
 *
 *   npm run test:faults -- --errors 100000 --smtp-outage-ms 30000 [--no-broker-crash]
 */
import { IdentityApiClient, KafkaTestClient, TopicRecorder } from '@faultline/testing';
import { Topics } from '@faultline/contracts';
import { republishOutboxes } from './republish-outboxes';
import { FaultSystem, SERVICES } from './faults/fault-system';
import { Chaos } from './faults/chaos';
import { checkConsumers, checkDeadLetters, checkDigests, checkReadModels, checkRecordedOnce, CheckResult } from './faults/checks';
import { planReports, PlannedReport } from './faults/workload';
import { machineLine } from './bench-support';
import { Triage } from './faults/triage';
import { wholeNumberOption } from './command-line';

const ERRORS = wholeNumberOption('--errors', 100_000);
const SMTP_OUTAGE_MS = wholeNumberOption('--smtp-outage-ms', 30_000, 0);
/** The embedded broker's crash loses everything it held; `--no-broker-crash` leaves it out (see docs/faults.md). */
const CRASH_BROKER = !process.argv.includes('--no-broker-crash');
/**
 * Reports published and not yet read by the errors app, at most: the embedded broker keeps only
 * 5 MiB per partition, and the stream holds 900 KB reports; 5,000 waiting while an instance
 * restarted has been seen to push unread reports out.
 */
const MAX_BACKLOG = 1_500;
const CHUNK = 500;
const STALL_MS = 180_000;
const POISON_PART_BYTES = 2_000_000;
const ERRORS_GROUP = 'faultline-errors';

/** However a fault leaves things, the suite ends: a hung run would hold CI until its own limit. */
const WATCHDOG_MS = 20 * 60_000;

async function main(): Promise<number> {
  const started = Date.now();
  setTimeout(() => {
    process.stderr.write(`fault suite: still running after ${WATCHDOG_MS / 60_000} minutes; giving up\n`);
    process.exit(1);
  }, WATCHDOG_MS).unref();
  const system = new FaultSystem();
  await system.start();
  process.env.DATABASE_URL = system.databaseUrl;
  process.env.KAFKA_BROKERS = system.kafkaBrokers;
  const kafka = new KafkaTestClient('');
  let passed = false;
  try {
    const identity = new IdentityApiClient(system.url('identity'), await kafka.record(Topics.identityEvents));
    const { accountId, ownerToken } = await identity.createAccount('standard');
    const member = await identity.addUser(ownerToken, 'member', { 'int-1': 'monitor' });
    const triage = new Triage(system, ownerToken, member.userId);
    await triage.waitUntilKnown();
    // Read as they come: the embedded broker keeps only the last 5 MiB of each partition, and
    // the DLQ takes the 900 KB poison too. A reader joins again after the broker crash.
    const deadLetters: TopicRecorder[] = [await kafka.record(`${Topics.flowErrors}.dlq`)];

    const planned = planReports(accountId, ERRORS);
    const chaos = new Chaos(system, SMTP_OUTAGE_MS, CRASH_BROKER);
    const pace = new ReadPace(kafka, system);
    let brokerCrashed = false;
    for (let sent = 0; sent < planned.length; sent += CHUNK) {
      await pace.wait();
      await kafka.publish(Topics.flowErrors, planned.slice(sent, sent + CHUNK).map(({ key, value }) => ({ key, value })));
      const progress = (sent + CHUNK) / planned.length;
      if (await chaos.at(progress, () => (brokerCrashed = true))) await triage.act();
      else if ((sent / CHUNK) % 4 === 0) await triage.act();
    }
    await chaos.finish();
    if (brokerCrashed) {
      // The broker forgot everything, committed offsets included: the relays send their history
      // again, and the runtime sends its whole stream again (a consumer may commit an offset it
      // read before the crash, skipping messages of the new partition); consumers dedupe by event id.
      // Paced like the first time: sent all at once, it pushed unread reports out of the broker's
      // 5 MiB while an errors instance restarted (seen in CI, 247 reports never recorded).
      await republishOutboxes(system.databaseUrl, [...SERVICES]);
      deadLetters.push(await kafka.record(`${Topics.flowErrors}.dlq`));
      for (let sent = 0; sent < planned.length; sent += CHUNK) {
        await pace.wait();
        await kafka.publish(Topics.flowErrors, planned.slice(sent, sent + CHUNK).map(({ key, value }) => ({ key, value })));
      }
      // Dead letters made just before the crash die with the broker if the reader had not read
      // them, and a consumer that skips the start of the stream sent again would not make them
      // again: poison sent once more lands past any offset carried over the crash.
      await resendPoison(kafka, deadLetters[deadLetters.length - 1], planned.filter((report) => report.expect.kind === 'dead-letter'));
    }
    await triage.act();

    const results: CheckResult[] = [];
    results.push(await checkRecordedOnce(system.databaseUrl, accountId, planned));
    results.push(await checkDeadLetters(deadLetters, planned));
    results.push(await checkDigests(system.mailDir, member.email, triage.assigned));
    results.push(await checkConsumers(system));
    results.push(await checkReadModels(system.databaseUrl));

    const lines = [
      '',
      '=== fault suite',
      machineLine(),
      `${ERRORS} reports (${planned.filter((report) => report.expect.kind === 'dead-letter').length} poison for the DLQ), ${SERVICES.length * 2} instances, ${Math.round((Date.now() - started) / 1000)} s`,
      `faults: ${chaos.summary()}`,
      `triage: ${triage.summary()}`,
      ...results.map((result) => `${result.ok ? 'PASS' : 'FAIL'}  ${result.name}: ${result.detail}`),
      `faults: ${results.filter((result) => result.ok).length} passed, ${results.filter((result) => !result.ok).length} failed`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    passed = results.every((result) => result.ok);
    if (!passed) process.stdout.write(`\nevents:\n${system.log.slice(-60).join('\n')}\n`);
    return passed ? 0 : 1;
  } finally {
    if (!passed) process.stdout.write(`every instance's output: ${system.logDir}\n`);
    await kafka.close().catch(() => undefined);
    await system.stop({ keepLogs: !passed });
  }
}

/**
 * A few at a time, each part dead-lettered before the next is sent: the embedded broker keeps
 * 5 MiB a partition, and a fifth of the poison is 900 KB (all of it at once, at 100,000 reports,
 * is one 100 MB request, which the broker refuses).
 */
async function resendPoison(kafka: KafkaTestClient, deadLetters: TopicRecorder, poison: PlannedReport[]): Promise<void> {
  for (const part of partsOf(poison, POISON_PART_BYTES)) {
    const before = deadLetters.messages.length;
    await kafka.publish(Topics.flowErrors, part.map(({ key, value }) => ({ key, value })));
    await deadLetters.waitFor(before + part.length, STALL_MS);
  }
}

function partsOf(reports: PlannedReport[], maxBytes: number): PlannedReport[][] {
  const parts: PlannedReport[][] = [];
  let part: PlannedReport[] = [];
  let bytes = 0;
  for (const report of reports) {
    if (part.length > 0 && bytes + report.value.length > maxBytes) {
      parts.push(part);
      [part, bytes] = [[], 0];
    }
    part.push(report);
    bytes += report.value.length;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/**
 * Keeps the runtime's pace to what the errors app reads: waits while more than MAX_BACKLOG
 * reports are unread, and gives up when that does not move for STALL_MS. Says so when the broker
 * deleted reports before they were read (its 5 MiB a partition): lost to the suite, not to Faultline.
 */
class ReadPace {
  private deletedUnread = 0;

  constructor(
    private readonly kafka: KafkaTestClient,
    private readonly system: FaultSystem,
  ) {}

  async wait(): Promise<void> {
    let last: number | undefined;
    let movedAt = Date.now();
    for (;;) {
      // The broker restarting answers nothing for a moment: that is no movement.
      const backlog = await this.kafka.backlog(ERRORS_GROUP, Topics.flowErrors).catch(() => undefined);
      if (backlog) this.noteDeleted(backlog.deletedUnread);
      if (backlog && backlog.unread <= MAX_BACKLOG) return;
      if (backlog && backlog.unread !== last) [last, movedAt] = [backlog.unread, Date.now()];
      if (Date.now() - movedAt > STALL_MS) throw new Error(`ingest stalled: ${last ?? 'an unknown number of'} reports unread for ${STALL_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private noteDeleted(deletedUnread: number): void {
    if (deletedUnread > this.deletedUnread) this.system.note(`the broker deleted ${deletedUnread - this.deletedUnread} reports before the errors app read them`);
    this.deletedUnread = deletedUnread;
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`fault suite failed to run: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
