import { DigestSentV1, ErrorAssignedV1, ErrorUnassignedV1, InvitationEmailSentV1, Topics, UserInvitedV1 } from '@faultline/contracts';
import {
  accountCreated,
  errorRecorded,
  eventually,
  invitationAccepted,
  KafkaTestClient,
  MailCatcher,
  testServiceEnvironment,
  TopicRecorder,
} from '@faultline/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startNotificationsApp } from './notifications.app';
import { loadNotificationsConfig, NotificationsConfig } from './notifications.config';

const WINDOW_MS = 1_500;
let config: NotificationsConfig;
let app: INestApplication;
let kafka: KafkaTestClient;
let mail: MailCatcher;
let sent: TopicRecorder;

beforeAll(async () => {
  mail = await MailCatcher.start();
  const env = await testServiceEnvironment('notifications');
  config = loadNotificationsConfig({ ...env, SMTP_URL: mail.url, DIGEST_WINDOW_MS: String(WINDOW_MS), DIGEST_FLUSH_INTERVAL_MS: '100' });
  kafka = new KafkaTestClient(config.service.kafka.topicPrefix);
  app = await startNotificationsApp(config, { logLevels: ['error', 'fatal'] });
  sent = await kafka.record(Topics.notificationsEvents);
});

afterAll(async () => {
  await kafka?.close();
  await app?.close();
  await mail?.down();
});

/** An account whose users the service knows, with their email addresses. */
async function newAccount() {
  const created = accountCreated();
  const { accountId } = created.data;
  const bob = invitationAccepted(accountId, { role: 'member', access: { 'int-1': 'monitor' } });
  const carol = invitationAccepted(accountId, { role: 'member', access: { 'int-1': 'monitor' } });
  await kafka.publish(Topics.identityEvents, [created, bob, carol].map((value) => ({ key: accountId, value })));
  return { accountId, owner: created.data.ownerUserId, bob: bob.data, carol: carol.data };
}

async function errors(accountId: string, count: number): Promise<string[]> {
  const recorded = Array.from({ length: count }, (_, index) => errorRecorded(accountId, { message: `Failure number ${index + 1}` }));
  await kafka.publish(Topics.errorsEvents, recorded.map((value) => ({ key: value.data.errorId, value })));
  return recorded.map((event) => event.data.errorId);
}

const versions = new Map<string, number>();
const envelope = (accountId: string, errorId: string, actor: string) => {
  const version = (versions.get(errorId) ?? 0) + 1;
  versions.set(errorId, version);
  return {
    eventId: randomUUID(),
    version: 1 as const,
    occurredAt: new Date().toISOString(),
    accountId,
    aggregateId: errorId,
    aggregateVersion: version,
    correlationId: randomUUID(),
    actor: { type: 'user' as const, id: actor },
  };
};

function assigned(accountId: string, errorId: string, assigneeUserId: string, by: string): ErrorAssignedV1 {
  return {
    ...envelope(accountId, errorId, by),
    type: 'ErrorAssigned',
    data: { assignmentId: randomUUID(), errorId, assigneeUserId, assignedBy: { type: 'user', id: by }, selfAssigned: assigneeUserId === by, cause: 'manual' },
  };
}

function unassigned(accountId: string, errorId: string, previousAssigneeUserId: string, by: string): ErrorUnassignedV1 {
  return { ...envelope(accountId, errorId, by), type: 'ErrorUnassigned', data: { errorId, previousAssigneeUserId, unassignedBy: { type: 'user', id: by } } };
}

const publishAssignments = (...events: Array<ErrorAssignedV1 | ErrorUnassignedV1>) =>
  kafka.publish(Topics.assignmentEvents, events.map((value) => ({ key: value.data.errorId, value })));

describe('assignment digests', () => {
  it('3 assignments within the window make one email with each error, a link and who assigned it', async () => {
    const { accountId, owner, bob } = await newAccount();
    const ids = await errors(accountId, 3);
    await publishAssignments(...ids.map((errorId) => assigned(accountId, errorId, bob.userId, owner)));

    const [email] = await eventually(() => {
      const mine = mail.to(bob.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(email.subject).toBe('3 errors were assigned to you');
    for (const errorId of ids) expect(email.text).toContain(`${config.linkBaseUrl}/errors/${errorId}`);
    expect(email.text).toContain('Failure number 2');
    expect(email.text).toContain(`assigned by ${owner}`);
    expect(email.html).toContain('<table>');
    await eventually(() => {
      const events = sent.json<DigestSentV1>().filter((event) => event.data.userId === bob.userId);
      expect(events.map((event) => [...event.data.errorIds].sort())).toEqual([[...ids].sort()]);
    });
  });

  it('60 errors make three emails of 25, 25 and 10', async () => {
    const { accountId, owner, bob } = await newAccount();
    const ids = await errors(accountId, 60);
    await publishAssignments(...ids.map((errorId) => assigned(accountId, errorId, bob.userId, owner)));

    const emails = await eventually(() => {
      const mine = mail.to(bob.email);
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

    const [forBob] = await eventually(() => {
      const mine = mail.to(bob.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(forBob.subject).toBe('1 error was assigned to you');
    expect(forBob.text).toContain(keptForBob);
    const [forCarol] = await eventually(() => {
      const mine = mail.to(carol.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(forCarol.text).toContain(movedToCarol);
    expect(forCarol.text).not.toContain(selfAssigned);
  });

  it('an SMTP server down during the flush gets the digest once it is back, once', async () => {
    const { accountId, owner, bob } = await newAccount();
    const [errorId] = await errors(accountId, 1);
    await mail.down();
    try {
      await publishAssignments(assigned(accountId, errorId, bob.userId, owner));
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 1_000));
      expect(mail.to(bob.email)).toHaveLength(0);
    } finally {
      await mail.up();
    }
    await eventually(() => expect(mail.to(bob.email)).toHaveLength(1), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mail.to(bob.email)).toHaveLength(1);
  });

  it('a restart in the middle of a window loses nothing: the digest is sent once after start-up', async () => {
    const { accountId, owner, bob } = await newAccount();
    const [errorId] = await errors(accountId, 1);
    await publishAssignments(assigned(accountId, errorId, bob.userId, owner));
    // The window is open (a row, not a timer) when the service goes down.
    await eventually(async () => {
      const rows = await app.get(DataSource).query('SELECT 1 FROM digest_windows WHERE user_id = $1', [bob.userId]);
      expect(rows).toHaveLength(1);
    });
    await app.close();
    app = await startNotificationsApp(config, { logLevels: ['error', 'fatal'] });
    await eventually(() => expect(mail.to(bob.email)).toHaveLength(1), 30_000);
    expect(mail.to(bob.email)[0].text).toContain(errorId);
  });
});

describe('invitation emails', () => {
  it('go out at once with a working acceptance link, and are recorded as InvitationEmailSent', async () => {
    const { accountId, owner } = await newAccount();
    const userId = randomUUID();
    const invited: UserInvitedV1 = {
      ...envelope(accountId, userId, owner),
      type: 'UserInvited',
      data: {
        userId,
        email: `invitee-${userId}@example.test`,
        role: 'member',
        access: { 'int-1': 'monitor' },
        invitedBy: owner,
        fromAssignment: true,
        acceptancePath: `/invitations/accept?token=${userId}`,
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        resent: false,
      },
    };
    await kafka.publish(Topics.identityEvents, [invited, invited].map((value) => ({ key: accountId, value })));

    const [email] = await eventually(() => {
      const mine = mail.to(invited.data.email);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(email.subject).toMatch(/assigned to you/);
    expect(email.text).toContain(`${config.linkBaseUrl}/invitations/accept?token=${userId}`);
    await eventually(() =>
      expect(sent.json<InvitationEmailSentV1>().filter((event) => event.type === 'InvitationEmailSent' && event.data.userId === userId)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ fromAssignment: true }) }),
      ]),
    );
  });
});

describe('a crash between sending and recording', () => {
  it('sends that one email at most once more, and records it once', async () => {
    const { accountId, owner, bob } = await newAccount();
    const [errorId] = await errors(accountId, 1);
    const dataSource = app.get(DataSource);
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
      await eventually(() => expect(sent.json<DigestSentV1>().filter((event) => event.data.userId === bob.userId)).toHaveLength(1), 30_000);
    } finally {
      await dataSource.query('DROP TRIGGER crash_after_send ON emails');
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(mail.to(bob.email)).toHaveLength(2);
    expect(sent.json<DigestSentV1>().filter((event) => event.data.userId === bob.userId)).toHaveLength(1);
  });
});
