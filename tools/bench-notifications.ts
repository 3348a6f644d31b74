/**
 * `npm run bench:notifications [-- --users 10000 --connections 4]`: every user has a pending assignment digest,
 * all due in the same second; the notifications service flushes them and delivers the emails to
 * the local SMTP sink. Prints how late the last digest went out and the emails per second,
 * against the floor measured first in the same run: nodemailer alone sending as many
 * digest-sized emails to the same sink over the same pooled connections.
 * The windows are seeded in PostgreSQL as the debounce projection leaves them, so the figures
 * are the flush and the delivery alone. Figures go to docs/benchmarks.md.
 */
import { spawnInfrastructure } from '@faultline/local-infra';
import { Client } from 'pg';
import { startNotificationsApp } from '../apps/notifications/src/notifications.app';
import { smtpTransport } from '../apps/notifications/src/emails/smtp-transport';
import { loadNotificationsConfig } from '../apps/notifications/src/notifications.config';
import { benchEnvironment, machineLine } from './bench-support';
import { wholeNumberOption } from './command-line';

const USERS = wholeNumberOption('--users', 10_000);
const CONNECTIONS = wholeNumberOption('--connections', 4);
const SECONDS_AHEAD = 8;

async function seed(db: Client, dueSecond: Date): Promise<void> {
  const accountId = 'acc-bench';
  await db.query(`INSERT INTO access_accounts (account_id, plan, invitations_enabled) VALUES ($1, 'enterprise', false)`, [accountId]);
  await db.query(
    `INSERT INTO access_users (user_id, account_id, email, role, status, access)
     SELECT 'usr-' || n, $1, 'user-' || n || '@example.test', 'member', 'active', '{"int-1": "monitor"}' FROM generate_series(1, $2) n`,
    [accountId, USERS],
  );
  await db.query('CREATE TEMP TABLE bench_errors AS SELECT n, gen_random_uuid() AS error_id FROM generate_series(1, $1) n', [USERS]);
  await db.query(
    `INSERT INTO notify_errors (error_id, account_id, integration_id, flow_id, flow_step_id, message, occurred_at)
     SELECT error_id, $1, 'int-1', 'flow-' || (n % 50), 'step-1', 'Record ' || n || ' could not be imported', now() FROM bench_errors`,
    [accountId],
  );
  await db.query(`INSERT INTO current_assignees (error_id, assignee_id, version) SELECT error_id, 'usr-' || n, 1 FROM bench_errors`);
  await db.query(`INSERT INTO digest_entries (user_id, error_id, assigned_at, assigned_by) SELECT 'usr-' || n, error_id, now(), 'usr-lead' FROM bench_errors`);
  // Spread over one second, as windows opened by assignments within one second would be.
  await db.query(
    `INSERT INTO digest_windows (stream, user_id, account_id, opened_at, due_at)
     SELECT 'assignment', 'usr-' || n, $1, $2::timestamptz - interval '15 minutes', $2::timestamptz + (n % 1000) * interval '1 millisecond' FROM generate_series(1, $3) n`,
    [accountId, dueSecond, USERS],
  );
}

async function waitForSent(db: Client): Promise<void> {
  for (;;) {
    const { rows } = await db.query("SELECT count(*)::int AS sent FROM emails WHERE status = 'sent'");
    if (rows[0].sent >= USERS) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Emails a second nodemailer alone delivers to the sink: the same transport, the same size, nothing else. */
async function smtpFloor(smtpUrl: string): Promise<number> {
  const transport = smtpTransport(smtpUrl, CONNECTIONS);
  const text = Array.from({ length: 12 }, (_, line) => `Record ${line} could not be imported — int-1 › flow-${line} › step-1 — assigned by usr-lead`).join('\n');
  const started = Date.now();
  await Promise.all(
    Array.from({ length: USERS }, (_, n) =>
      transport.sendMail({ from: 'faultline@example.test', to: `floor-${n}@example.test`, subject: '1 error was assigned to you', text, html: `<table><tr><td>${text}</td></tr></table>` }),
    ),
  );
  transport.close();
  return USERS / ((Date.now() - started) / 1000);
}

async function main(): Promise<void> {
  const infrastructure = await spawnInfrastructure();
  const floor = await smtpFloor(infrastructure.smtpUrl);
  const config = loadNotificationsConfig(benchEnvironment(infrastructure, { DIGEST_FLUSH_INTERVAL_MS: '1000', SMTP_CONCURRENCY: String(CONNECTIONS) }));
  const app = await startNotificationsApp(config, { logLevels: ['error', 'fatal'] });
  const db = new Client({ connectionString: config.service.databaseUrl });
  await db.connect();

  const dueSecond = new Date(Math.ceil(Date.now() / 1000) * 1000 + SECONDS_AHEAD * 1000);
  await seed(db, dueSecond);
  await waitForSent(db);
  const { rows } = await db.query(`
    SELECT extract(epoch FROM max(created_at) - $1::timestamptz) AS flushed_after,
           extract(epoch FROM max(sent_at) - $1::timestamptz) AS last_sent_after,
           extract(epoch FROM max(sent_at) - min(sent_at)) AS sending_seconds,
           extract(epoch FROM min(sent_at) - $1::timestamptz) AS first_sent_after
      FROM emails`, [dueSecond]);
  const figures = rows[0];
  await db.end();
  await app.close();
  await infrastructure.stop();

  const lines = [
    machineLine(),
    `${USERS.toLocaleString('en')} users, one pending digest each, all due within the second ${dueSecond.toISOString()}; flush tick ${config.digest.flushIntervalMs} ms, ${config.smtp.concurrency} SMTP connections`,
    `all digests in the email outbox ${Number(figures.flushed_after).toFixed(2)} s after that second began`,
    `first email sent after ${Number(figures.first_sent_after).toFixed(2)} s, last after ${Number(figures.last_sent_after).toFixed(2)} s (how late the last digest is)`,
    `floor: nodemailer alone, ${USERS.toLocaleString('en')} digest-sized emails over ${CONNECTIONS} pooled connections: ${Math.round(floor).toLocaleString('en')} emails/s`,
    `${Math.round(USERS / Number(figures.sending_seconds)).toLocaleString('en')} emails/s over SMTP (claimed in batches, each recorded sent with its DigestSent before its connection takes the next): ${(USERS / Number(figures.sending_seconds) / floor).toFixed(2)} of the floor`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
