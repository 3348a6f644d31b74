import { AssignmentRefusalSentV1, DigestSentV1, InvitationEmailSentV1, Topics } from '@faultline/contracts';
import { apiTokenCreated, eventually, invitationRequestRefused, MetricsScrape, userInvited } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { emailTime } from './emails/email-time';
import { MAX_BACKOFF_MS } from './emails/email-outcomes';
import { OutboxWriter } from '@faultline/eventing';
import { RelayService } from '@faultline/platform';
import { EmailMetrics } from './emails/email-metrics';
import { CLAIM_MS, EmailSender } from './emails/email.sender';
import { NotificationsHarness } from './test-support/notifications-harness';

let harness: NotificationsHarness;

// Windows are the default 15 minutes: the harness's clock passes them, never a sleep.
beforeAll(async () => {
  harness = await NotificationsHarness.start();
});

afterAll(() => harness?.stop());

const newAccount = async () => {
  const account = await harness.newAccount();
  return { ...account, owner: account.owner.userId };
};
const errors = (accountId: string, count: number) => harness.errors(accountId, count);
const assigned = (...args: Parameters<NotificationsHarness['assigned']>) => harness.assigned(...args);
const unassigned = (...args: Parameters<NotificationsHarness['unassigned']>) => harness.unassigned(...args);
const publishAssignments = (...events: Parameters<NotificationsHarness['publishAssignments']>) => harness.publishAssignments(...events);
const closeWindows = () => harness.closeWindows();

describe('assignment digests', () => {
  it('3 assignments within the window make one email with each error, where it happened, a link and who assigned it', async () => {
    const { accountId, owner, bob } = await newAccount();
    const ids = await errors(accountId, 2);
    ids.push(...(await harness.errors(accountId, 1, { integrationName: 'Shopify ↔ NetSuite', flowName: 'Orders to NetSuite', flowStepName: 'Import sales orders' })));
    await publishAssignments(...ids.map((errorId) => assigned(accountId, errorId, bob.userId, owner)));
    await closeWindows();

    const [email] = await eventually(() => {
      const mine = harness.mail.to(bob.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(email.subject).toBe('3 errors were assigned to you');
    for (const errorId of ids) expect(email.text).toContain(`${harness.config.linkBaseUrl}/errors/${errorId}`);
    expect(email.text).toContain('Failure number 2');
    expect(email.text).toContain('assigned by Olga Owner');
    // Names where the runtime gave them, ids where it did not.
    expect(email.text).toContain('Shopify ↔ NetSuite › Orders to NetSuite › Import sales orders');
    expect(email.text).toContain('int-1 › flow-1 › step-1');
    expect(email.html).toContain('<table>');
    await eventually(() => {
      const events = harness.sent.json<DigestSentV1>().filter((event) => event.data.userId === bob.userId);
      expect(events.map((event) => [...event.data.errorIds].sort())).toEqual([[...ids].sort()]);
    });
  });

  it("an error an API token assigned is listed as assigned by the token's name", async () => {
    const { accountId, owner, bob } = await newAccount();
    const { event: created } = apiTokenCreated(accountId, owner, { name: 'Nightly triage' });
    await harness.kafka.publish(Topics.identityEvents, [{ key: accountId, value: created }]);
    const [errorId] = await errors(accountId, 1);
    await publishAssignments(assigned(accountId, errorId, bob.userId, `token:${created.data.tokenId}`));
    await closeWindows();
    const [email] = await eventually(() => {
      const mine = harness.mail.to(bob.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(email.text).toContain('assigned by API token “Nightly triage”');
  });

  it('an assignment after the flush opens a new window: a second digest with only the new error', async () => {
    const { accountId, owner, bob } = await newAccount();
    const [first, second] = await errors(accountId, 2);
    await publishAssignments(assigned(accountId, first, bob.userId, owner));
    await closeWindows();
    await eventually(() => expect(harness.mail.to(bob.email)).toHaveLength(1));
    await publishAssignments(assigned(accountId, second, bob.userId, owner));
    await closeWindows();

    const later = await eventually(() => {
      const mine = harness.mail.to(bob.email);
      expect(mine).toHaveLength(2);
      return mine[1];
    });
    expect(later.subject).toBe('1 error was assigned to you');
    expect(later.text).toContain(second);
    expect(later.text).not.toContain(first);
  });

  it('60 errors make three emails of 25, 25 and 10', async () => {
    const { accountId, owner, bob } = await newAccount();
    const ids = await errors(accountId, 60);
    await publishAssignments(...ids.map((errorId) => assigned(accountId, errorId, bob.userId, owner)));
    await closeWindows();

    const emails = await eventually(() => {
      const mine = harness.mail.to(bob.email);
      expect(mine).toHaveLength(3);
      return mine;
    });
    expect(emails.map((email) => email.subject).sort()).toEqual([
      '60 errors were assigned to you (part 1 of 3)',
      '60 errors were assigned to you (part 2 of 3)',
      '60 errors were assigned to you (part 3 of 3)',
    ]);
    expect(emails.map((email) => (email.text.match(/\/errors\//g) ?? []).length).sort()).toEqual([10, 25, 25]);
  });

  it('self-assignments send nothing; unassigned errors are left out; reassigned ones reach only the new assignee', async () => {
    const { accountId, bob, carol } = await newAccount();
    const [selfAssigned, keptForBob, unassignedAgain, movedToCarol] = await errors(accountId, 4);
    await publishAssignments(
      assigned(accountId, selfAssigned, carol.userId, carol.userId),
      assigned(accountId, keptForBob, bob.userId, carol.userId),
      assigned(accountId, unassignedAgain, bob.userId, carol.userId),
      assigned(accountId, movedToCarol, bob.userId, carol.userId),
    );
    await publishAssignments(unassigned(accountId, unassignedAgain, bob.userId, carol.userId), assigned(accountId, movedToCarol, carol.userId, bob.userId));
    await closeWindows();

    const [forBob] = await eventually(() => {
      const mine = harness.mail.to(bob.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(forBob.subject).toBe('1 error was assigned to you');
    expect(forBob.text).toContain(keptForBob);
    const [forCarol] = await eventually(() => {
      const mine = harness.mail.to(carol.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(forCarol.text).toContain(movedToCarol);
    expect(forCarol.text).not.toContain(selfAssigned);
  });

  it('an SMTP server down during the flush gets the digest once it is back, once; /metrics counts both attempts and how late it went', async () => {
    const metricsBefore = await MetricsScrape.of(await harness.app.getUrl());
    const { accountId, owner, bob } = await newAccount();
    const [errorId] = await errors(accountId, 1);
    const attempts = async () => (await harness.app.get(DataSource).query('SELECT status, attempts FROM emails WHERE user_id = $1', [bob.userId])) as Array<{ status: string; attempts: number }>;
    await harness.mail.down();
    try {
      await publishAssignments(assigned(accountId, errorId, bob.userId, owner));
      await closeWindows();
      // The flush made the digest and the first attempt failed: it waits for its next attempt.
      await eventually(async () => expect(await attempts()).toEqual([{ status: 'pending', attempts: 1 }]));
      expect(harness.mail.to(bob.email)).toHaveLength(0);
    } finally {
      await harness.mail.up();
    }
    harness.passRetryBackoff();
    await eventually(() => expect(harness.mail.to(bob.email)).toHaveLength(1), 30_000);
    await harness.nothingDue();
    expect(await attempts()).toEqual([{ status: 'sent', attempts: 2 }]);
    expect(harness.mail.to(bob.email)).toHaveLength(1);

    // Other tests' digests may go out meanwhile: this one's attempts are at least counted.
    const metrics = await MetricsScrape.of(await harness.app.getUrl());
    const moved = (name: string, labels: Record<string, string>) => metrics.value(name, labels) - metricsBefore.value(name, labels);
    expect(moved('faultline_emails_total', { kind: 'digest', outcome: 'retrying' })).toBeGreaterThanOrEqual(1);
    expect(moved('faultline_emails_total', { kind: 'digest', outcome: 'sent' })).toBeGreaterThanOrEqual(1);
    expect(moved('faultline_digest_lateness_seconds_count', { kind: 'digest' })).toBeGreaterThanOrEqual(1);
    // Sent after the retry backoff the clock was moved past: late by at least that much.
    expect(moved('faultline_digest_lateness_seconds_sum', { kind: 'digest' })).toBeGreaterThanOrEqual(MAX_BACKOFF_MS / 1000);
  });

  it('a restart in the middle of a window loses nothing: the digest is sent once after start-up', async () => {
    const { accountId, owner, bob } = await newAccount();
    const [errorId] = await errors(accountId, 1);
    await publishAssignments(assigned(accountId, errorId, bob.userId, owner));
    // The window is open (a row, not a timer) when the service goes down.
    await eventually(async () => {
      const rows = await harness.app.get(DataSource).query('SELECT 1 FROM digest_windows WHERE user_id = $1', [bob.userId]);
      expect(rows).toHaveLength(1);
    });
    await harness.restart();
    await closeWindows();
    await eventually(() => expect(harness.mail.to(bob.email)).toHaveLength(1), 30_000);
    expect(harness.mail.to(bob.email)[0].text).toContain(errorId);
  });
});

describe('invitation emails', () => {
  it('go out at once with a working acceptance link, and are recorded as InvitationEmailSent', async () => {
    const { accountId, owner } = await newAccount();
    const userId = randomUUID();
    const invited = userInvited(accountId, owner, { userId, fromAssignment: true });
    expect(JSON.stringify(invited)).not.toContain(`tok-${userId}`);
    await harness.kafka.publish(Topics.identityEvents, [invited, invited].map((value) => ({ key: accountId, value })));

    const [email] = await eventually(() => {
      const mine = harness.mail.to(invited.data.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(email.subject).toMatch(/assigned to you/);
    expect(email.text).toContain('Olga Owner invited you and assigned errors to you.');
    expect(email.text).toContain(`${harness.config.linkBaseUrl}/invitations/accept?token=tok-${userId}`);
    expect(email.text).toContain(`The link works until ${emailTime(invited.data.expiresAt)}.`);
    expect(emailTime(invited.data.expiresAt)).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);
    await eventually(() =>
      expect(harness.sent.json<InvitationEmailSentV1>().filter((event) => event.type === 'InvitationEmailSent' && event.data.userId === userId)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ fromAssignment: true }) }),
      ]),
    );
  });
});

describe('assigning errors to a new email', () => {
  it('the invitation names the errors (25, then how many more), linking through acceptance; the digest leaves them out but not later assignments', async () => {
    const { accountId, owner } = await newAccount();
    const userId = randomUUID();
    const ids = await errors(accountId, 27);
    // In production the errors are recorded long before identity invites anyone for them.
    await harness.errorsKnown(ids);
    const acceptancePath = `/invitations/accept?token=tok-${userId}`;
    const invited = userInvited(accountId, owner, { userId, fromAssignment: true, assignedErrorIds: ids });
    await harness.kafka.publish(Topics.identityEvents, [{ key: accountId, value: invited }]);

    const [invitation] = await eventually(() => {
      const mine = harness.mail.to(invited.data.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    const named = ids.slice(0, 25);
    for (const errorId of named) expect(invitation.text).toContain(`${harness.config.linkBaseUrl}${acceptancePath}&next=${encodeURIComponent(`/errors/${errorId}`)}`);
    expect(invitation.text).not.toContain(encodeURIComponent(`/errors/${ids[25]}`));
    expect(invitation.text).toContain('and 2 more');
    expect(invitation.text).toContain('Failure number 1');

    // The assignment app's answer assigns them all in the request's correlation; a later assignment comes separately.
    const [later] = await errors(accountId, 1);
    const fromRequest = ids.map((errorId) => ({ ...assigned(accountId, errorId, userId, owner), correlationId: invited.correlationId }));
    await publishAssignments(...fromRequest, assigned(accountId, later, userId, owner));
    await closeWindows();
    const digest = await eventually(() => {
      const mine = harness.mail.to(invited.data.email);
      expect(mine).toHaveLength(2);
      return mine[1];
    });
    expect(digest.subject).toBe('3 errors were assigned to you');
    for (const errorId of [ids[25], ids[26], later]) expect(digest.text).toContain(encodeURIComponent(`/errors/${errorId}`));
    for (const errorId of named) expect(digest.text).not.toContain(errorId);
    await eventually(() =>
      expect(harness.sent.json<InvitationEmailSentV1>().find((event) => event.type === 'InvitationEmailSent' && event.data.userId === userId)?.data.errorIds).toEqual(named),
    );
  });

  it('a refused invitation is emailed to whoever asked for it, with the rule', async () => {
    const { accountId, bob } = await newAccount();
    const refusal = invitationRequestRefused(accountId, {
      requestId: randomUUID(),
      email: 'someone@example.com',
      code: 'INVITATIONS_DISABLED_FOR_MEMBERS',
      reason: 'invitations are turned off in the account settings',
      requestedBy: bob.userId,
    });
    await harness.kafka.publish(Topics.identityEvents, [refusal, refusal].map((value) => ({ key: accountId, value })));

    const [email] = await eventually(() => {
      const mine = harness.mail.to(bob.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(email.subject).toBe('Faultline could not assign errors to someone@example.com');
    expect(email.text).toContain('invitations are turned off in the account settings (INVITATIONS_DISABLED_FOR_MEMBERS)');
    await eventually(() =>
      expect(harness.sent.json<AssignmentRefusalSentV1>().filter((event) => event.type === 'AssignmentRefusalSent' && event.data.userId === bob.userId)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ requestId: refusal.data.requestId, code: 'INVITATIONS_DISABLED_FOR_MEMBERS' }) }),
      ]),
    );
  });
});

describe('a crash between sending and recording', () => {
  it('sends that one email at most once more, and records it once', async () => {
    const { accountId, owner, bob } = await newAccount();
    const [errorId] = await errors(accountId, 1);
    const dataSource = harness.app.get(DataSource);
    // Recording Bob's email as sent fails once, after SMTP accepted it, as a crash would. A
    // sequence is not rolled back with the failed transaction, so it crashes exactly once.
    await dataSource.query('CREATE TABLE crash_target (user_id text PRIMARY KEY)');
    await dataSource.query('CREATE SEQUENCE crash_count');
    await dataSource.query('INSERT INTO crash_target (user_id) VALUES ($1)', [bob.userId]);
    await dataSource.query(`
      CREATE FUNCTION crash_after_send() RETURNS trigger AS $$
      BEGIN
        IF NEW.status = 'sent' AND NEW.user_id IN (SELECT user_id FROM crash_target) AND nextval('crash_count') = 1 THEN
          RAISE EXCEPTION 'crashed before recording';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await dataSource.query('CREATE TRIGGER crash_after_send BEFORE UPDATE ON emails FOR EACH ROW EXECUTE FUNCTION crash_after_send()');
    try {
      await publishAssignments(assigned(accountId, errorId, bob.userId, owner));
      await closeWindows();
      await eventually(() => expect(harness.mail.to(bob.email)).toHaveLength(1), 30_000);
      // The sender's claim on the email ends; then it is due again.
      harness.clock.advance(CLAIM_MS);
      await eventually(() => expect(harness.sent.json<DigestSentV1>().filter((event) => event.data.userId === bob.userId)).toHaveLength(1), 30_000);
    } finally {
      await dataSource.query('DROP TRIGGER crash_after_send ON emails');
    }
    await harness.nothingDue();
    expect(harness.mail.to(bob.email)).toHaveLength(2);
    expect(harness.sent.json<DigestSentV1>().filter((event) => event.data.userId === bob.userId)).toHaveLength(1);
  });
});

describe('a claim that runs out before its emails are sent', () => {
  it('lets the emails it did not start go at once, unsent, for the next tick', async () => {
    const dataSource = harness.app.get(DataSource);
    const emailId = randomUUID();
    const dueAt = new Date(harness.clock.now().getTime() + 3_600_000);
    // Due an hour from the service's clock: only the sender made here takes it.
    await dataSource.query(
      `INSERT INTO emails (email_id, account_id, kind, user_id, recipient, subject, text_body, html_body, next_attempt_at, created_at)
       VALUES ($1, 'acc-claims', 'digest', 'usr-claims', 'claims@example.test', 'Claimed', 'text', '<p>html</p>', $2, $2)`,
      [emailId, dueAt],
    );
    // Each reading of this clock is a minute and a half after the one before: the claim runs out
    // between taking the email and starting it.
    let reading = dueAt.getTime();
    const leapingClock = { now: () => new Date((reading += 90_000)) };
    const sender = new EmailSender(dataSource, harness.app.get(OutboxWriter), harness.app.get(RelayService), leapingClock, harness.config, harness.app.get(EmailMetrics));
    try {
      await sender.tick();
      const [email] = await dataSource.query('SELECT status, attempts, claimed_until FROM emails WHERE email_id = $1', [emailId]);
      expect(email).toEqual({ status: 'pending', attempts: 0, claimed_until: null });
      expect(harness.mail.to('claims@example.test')).toHaveLength(0);
    } finally {
      await sender.onApplicationShutdown();
      await dataSource.query('DELETE FROM emails WHERE email_id = $1', [emailId]);
    }
  });
});
