import {
  DigestSentV1,
  EmailsPage,
  ErrorNotificationSentV1,
  ErrorResolvedV1,
  FlowSubscribedV1,
  FlowUnsubscribedV1,
  SeverityNotificationRequestedV1,
  SeverityNotificationSentV1,
  Topics,
} from '@faultline/contracts';
import { compareWithRebuild } from '@faultline/eventing';
import { eventually, userDeactivated, userInvited } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { notificationsReadModels } from './rebuild/read-models.rebuild';
import { NotificationsHarness } from './test-support/notifications-harness';

let harness: NotificationsHarness;

// Windows are the default 15 minutes: the harness's clock passes them, never a sleep.
beforeAll(async () => {
  harness = await NotificationsHarness.start();
});

afterAll(() => harness?.stop());

type Account = Awaited<ReturnType<NotificationsHarness['newAccount']>>;
const as = (account: Account, user: { userId: string }, role: 'owner' | 'admin' | 'member' = 'member') => ({ userId: user.userId, accountId: account.accountId, role });
const ownerOf = (account: Account) => as(account, account.owner, 'owner');

/** Subscribes through the API once the service knows the account's users. */
async function subscribe(actor: ReturnType<typeof as>, userId: string, flow = 'int-1/flow-1') {
  return eventually(async () => {
    const answer = await harness.request('PUT', `/users/${userId}/subscriptions/${flow}`, actor);
    expect(answer.status).toBe(200);
    return answer;
  });
}

function resolved(accountId: string, errorId: string, reason: ErrorResolvedV1['data']['reason']): ErrorResolvedV1 {
  return { ...harness.envelope(accountId, errorId, 'usr-x'), type: 'ErrorResolved', data: { errorId, reason, resolvedBy: { type: 'system', id: 'errors' } } };
}

const summariesTo = (userId: string) => harness.sent.json<ErrorNotificationSentV1>().filter((event) => event.type === 'ErrorNotificationSent' && event.data.userId === userId);

describe('error notification subscriptions', () => {
  it('users subscribe to flows of integrations they can monitor; owners and admins for others; members only for themselves', async () => {
    const account = await harness.newAccount();
    const { bob, carol } = account;
    const mine = await subscribe(as(account, bob), 'me');
    expect(mine.body).toEqual({
      userId: bob.userId,
      subscriptions: [{ integrationId: 'int-1', flowId: 'flow-1', subscribedAt: expect.any(String), subscribedBy: { type: 'user', id: bob.userId } }],
    });
    expect((await harness.request('PUT', `/users/me/subscriptions/int-1/flow-1`, as(account, bob))).body.subscriptions).toHaveLength(1);

    const blind = await harness.request('PUT', '/users/me/subscriptions/int-2/flow-7', as(account, bob));
    expect(blind).toMatchObject({ status: 403, contentType: expect.stringContaining('application/problem+json'), body: { code: 'NO_ACCESS_TO_INTEGRATION' } });
    expect((await harness.request('PUT', `/users/${carol.userId}/subscriptions/int-1/flow-2`, as(account, bob))).body.code).toBe('ADMINISTRATORS_ONLY');
    expect((await harness.request('GET', `/users/${carol.userId}/subscriptions`, as(account, bob))).status).toBe(403);

    const forCarol = await harness.request('PUT', `/users/${carol.userId}/subscriptions/int-1/flow-2`, ownerOf(account));
    expect(forCarol.body.subscriptions).toEqual([expect.objectContaining({ flowId: 'flow-2', subscribedBy: { type: 'user', id: account.owner.userId } })]);
    const cannotMonitor = await harness.request('PUT', `/users/${carol.userId}/subscriptions/int-2/flow-1`, ownerOf(account));
    expect(cannotMonitor).toMatchObject({ status: 422, body: { code: 'SUBSCRIBER_CANNOT_MONITOR' } });
    expect((await harness.request('PUT', '/users/usr-nobody/subscriptions/int-1/flow-1', ownerOf(account))).status).toBe(404);
    expect((await harness.request('PUT', `/users/me/subscriptions/int-1/${'f'.repeat(101)}`, as(account, bob))).status).toBe(400);

    expect((await harness.request('DELETE', '/users/me/subscriptions/int-1/flow-1', as(account, bob))).status).toBe(204);
    expect((await harness.request('DELETE', '/users/me/subscriptions/int-1/flow-1', as(account, bob))).status).toBe(204);
    expect((await harness.request('GET', '/users/me/subscriptions', as(account, bob))).body.subscriptions).toEqual([]);
    await eventually(() =>
      expect(
        harness.sent
          .json<FlowSubscribedV1>()
          .filter((event) => event.accountId === account.accountId)
          .sort((a, b) => a.data.userId.localeCompare(b.data.userId))
          .map((event) => [event.data.userId, event.type, event.data.flowId]),
      ).toEqual(
        // In order per user: the topic is keyed by user.
        [
          [bob.userId, 'FlowSubscribed', 'flow-1'],
          [bob.userId, 'FlowUnsubscribed', 'flow-1'],
          [carol.userId, 'FlowSubscribed', 'flow-2'],
        ].sort((a, b) => a[0].localeCompare(b[0])),
      ),
    );
  });
});

describe('a deactivated user', () => {
  it('loses every subscription, each published as FlowUnsubscribed, once however often the deactivation arrives', async () => {
    const account = await harness.newAccount();
    const { bob } = account;
    await subscribe(as(account, bob), 'me', 'int-1/flow-1');
    await subscribe(as(account, bob), 'me', 'int-1/flow-2');
    const deactivated = userDeactivated(account.accountId, bob.userId, account.owner.userId);
    await harness.kafka.publish(Topics.identityEvents, [deactivated, deactivated].map((value) => ({ key: account.accountId, value })));

    await eventually(() => {
      const dropped = harness.sent.json<FlowUnsubscribedV1>().filter((event) => event.type === 'FlowUnsubscribed' && event.data.userId === bob.userId);
      expect(dropped.map((event) => [event.data.flowId, event.data.unsubscribedBy.id]).sort()).toEqual([
        ['flow-1', account.owner.userId],
        ['flow-2', account.owner.userId],
      ]);
    });
    const listed = await harness.request('GET', `/users/${bob.userId}/subscriptions`, ownerOf(account));
    expect(listed.body.subscriptions).toEqual([]);
  });
});

describe('error notification summaries', () => {
  it('a subscriber gets one summary per window of new errors and the open total; non-subscribers and other flows nothing', async () => {
    const account = await harness.newAccount();
    await subscribe(as(account, account.bob), 'me');
    const ids = await harness.errors(account.accountId, 3);
    await harness.errors(account.accountId, 2, { flowId: 'flow-2' });
    await harness.closeWindows();

    const [summary] = await eventually(() => {
      const mails = harness.mail.to(account.bob.email);
      expect(mails).toHaveLength(1);
      return mails;
    });
    expect(summary.subject).toBe('3 new errors in your flows (3 open)');
    for (const errorId of ids) expect(summary.text).toContain(`${harness.config.linkBaseUrl}/errors/${errorId}`);
    expect(summary.text).toContain('int-1 › flow-1: 3');
    expect(summary.text).not.toContain('flow-2');
    expect(summary.text).toContain(`Change what you follow: ${harness.config.linkBaseUrl}/settings/notifications`);
    await eventually(() => expect(summariesTo(account.bob.userId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ openErrors: 3 }) })]));
    expect([...summariesTo(account.bob.userId)[0].data.newErrorIds].sort()).toEqual([...ids].sort());
    expect(harness.mail.to(account.carol.email)).toHaveLength(0);
  });

  it('reports errors resolved since the last summary, however resolved, but never one auto-resolved before any email mentioned it', async () => {
    const account = await harness.newAccount();
    await subscribe(as(account, account.bob), 'me');
    const [byUser, byRetry, stillOpen] = await harness.errors(account.accountId, 3);
    await harness.closeWindows();
    await eventually(() => expect(summariesTo(account.bob.userId)).toHaveLength(1));

    const [quietlyResolved] = await harness.errors(account.accountId, 1, { message: 'Fixed itself' });
    await harness.publishErrorEvents(resolved(account.accountId, byUser, 'user'), resolved(account.accountId, byRetry, 'retry_succeeded'), resolved(account.accountId, quietlyResolved, 'superseded'));
    await harness.closeWindows();

    await eventually(() => expect(summariesTo(account.bob.userId)).toHaveLength(2));
    const second = summariesTo(account.bob.userId)[1].data;
    expect(second.newErrorIds).toEqual([]);
    expect([...second.resolvedErrorIds].sort()).toEqual([byUser, byRetry].sort());
    expect(second.openErrors).toBe(1);
    const mail = harness.mail.to(account.bob.email)[1];
    expect(mail.subject).toBe('2 resolved in your flows (1 open)');
    expect(mail.text).not.toContain('Fixed itself');
    expect(mail.text).not.toContain(stillOpen);
  });

  it('an unsubscribed user gets no summary of the changes pending in their window, while a subscriber of the same flow gets theirs', async () => {
    const account = await harness.newAccount();
    await subscribe(as(account, account.bob), 'me');
    await subscribe(as(account, account.carol), 'me');
    await harness.errors(account.accountId, 1);
    await harness.request('DELETE', '/users/me/subscriptions/int-1/flow-1', as(account, account.bob));
    await harness.closeWindows();

    await eventually(() => expect(harness.mail.to(account.carol.email)).toHaveLength(1));
    await harness.nothingDue();
    expect(harness.mail.to(account.bob.email)).toHaveLength(0);
  });
});

function severityRequested(accountId: string, data: Partial<SeverityNotificationRequestedV1['data']>): SeverityNotificationRequestedV1 {
  const errorId = randomUUID();
  return {
    ...harness.envelope(accountId, errorId, 'errors'),
    type: 'SeverityNotificationRequested',
    data: { errorId, integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-1', severity: 'medium', ...data },
  };
}

describe('severity notifications', () => {
  it("tell the automation's creator the app's title and description at once; a 6000 also says the automation is disabled, to the owner when no creator is known", async () => {
    const account = await harness.newAccount();
    const [named] = await harness.errors(account.accountId, 1, { integrationName: 'Shopify ↔ NetSuite', flowName: 'Orders to NetSuite', flowStepName: 'Import sales orders' });
    const medium = severityRequested(account.accountId, {
      errorId: named,
      automationCreatorUserId: account.bob.userId,
      notificationErrorTitle: 'This is the notification title of 4000',
      notificationErrorDescription: 'This is the notification description of 4000',
    });
    const high = severityRequested(account.accountId, {
      severity: 'high',
      notificationErrorTitle: 'This is the notification title of 6000',
      notificationErrorDescription: 'This is the notification description of 6000',
      disableErrorDescription: 'The token was revoked; reconnect the board',
    });
    // Until the service knows the account's users the requests go to the DLQ, released from the inbox; publishing them again is a replay.
    await eventually(async () => {
      await harness.publishErrorEvents(medium, high);
      await eventually(() => expect([harness.mail.to(account.owner.email).length, harness.mail.to(account.bob.email).length]).toEqual([1, 1]), 3_000);
    });

    const [forBob] = harness.mail.to(account.bob.email);
    expect(forBob.subject).toBe('This is the notification title of 4000');
    expect(forBob.text).toContain('This is the notification description of 4000');
    expect(forBob.text).toContain(`${harness.config.linkBaseUrl}/errors/${medium.data.errorId}`);
    expect(forBob.text).not.toContain('disabled');
    expect(forBob.text).toContain('Where: Shopify ↔ NetSuite › Orders to NetSuite › Import sales orders (severity code 4000)');
    const [forOwner] = harness.mail.to(account.owner.email);
    expect(forOwner.subject).toBe('This is the notification title of 6000');
    expect(forOwner.text).toContain('This is the notification description of 6000');
    expect(forOwner.text).toContain('The automation is disabled until someone re-enables it: The token was revoked; reconnect the board');
    expect(forOwner.text).toContain('Where: int-1 › flow-1 › step-1 (severity code 6000)');
    await eventually(() =>
      expect(
        harness.sent
          .json<SeverityNotificationSentV1>()
          .filter((event) => event.type === 'SeverityNotificationSent' && event.accountId === account.accountId)
          .map((event) => [event.data.userId, event.data.severity])
          .sort(),
      ).toEqual([[account.bob.userId, 'medium'], [account.owner.userId, 'high']].sort()),
    );
  });
});

describe('the emails audit', () => {
  it('shows owners and admins every email: recipient, kind, errors, time, SMTP message id, and permanent failures, which they can send again', async () => {
    const account = await harness.newAccount();
    const owner = ownerOf(account);
    harness.mail.refuse(account.carol.email);
    const [forBob, forCarol] = await harness.errors(account.accountId, 2);
    await harness.publishAssignments(harness.assigned(account.accountId, forBob, account.bob.userId, owner.userId), harness.assigned(account.accountId, forCarol, account.carol.userId, owner.userId));
    await harness.closeWindows();
    await eventually(() => expect(harness.mail.to(account.bob.email)).toHaveLength(1));

    const page = await eventually(async () => {
      const answer = await harness.request('GET', '/emails?kind=digest', owner);
      expect(answer.body.items.map((email: { status: string }) => email.status).sort()).toEqual(['failed', 'sent']);
      return answer.body as EmailsPage;
    });
    const sent = page.items.find((email) => email.status === 'sent');
    const refused = page.items.find((email) => email.status === 'failed');
    expect(sent).toMatchObject({ kind: 'digest', userId: account.bob.userId, recipient: account.bob.email, errorIds: [forBob], smtpMessageId: expect.stringMatching(/@/) });
    expect(refused).toMatchObject({ recipient: account.carol.email, errorIds: [forCarol], smtpMessageId: null, lastError: expect.stringContaining('550') });
    await eventually(() => {
      const digestSent = harness.sent.json<DigestSentV1>().find((event) => event.type === 'DigestSent' && event.data.userId === account.bob.userId);
      expect(digestSent?.data.smtpMessageId).toBe(sent?.smtpMessageId);
    });

    const byError = await harness.request('GET', `/emails?errorId=${forCarol}`, owner);
    expect(byError.body.items.map((email: { recipient: string }) => email.recipient)).toEqual([account.carol.email]);
    const firstPage = await harness.request('GET', '/emails?limit=1', owner);
    const secondPage = await harness.request('GET', `/emails?limit=1&cursor=${firstPage.body.nextCursor}`, owner);
    expect(secondPage.body.items[0].emailId).not.toBe(firstPage.body.items[0].emailId);
    expect((await harness.request('GET', '/emails', as(account, account.bob))).status).toBe(403);

    // Once the mailbox exists, an admin sends the failed email again.
    harness.mail.stopRefusing(account.carol.email);
    expect((await harness.request('POST', `/emails/${sent?.emailId}/retry`, owner)).status).toBe(409);
    expect((await harness.request('POST', `/emails/${refused?.emailId}/retry`, as(account, account.bob))).status).toBe(403);
    expect((await harness.request('POST', `/emails/${refused?.emailId}/retry`, owner)).body).toMatchObject({ status: 'pending', attempts: 0 });
    await eventually(() => expect(harness.mail.to(account.carol.email)).toHaveLength(1));
    await eventually(async () => expect((await harness.request('GET', `/emails?errorId=${forCarol}`, owner)).body.items[0]).toMatchObject({ status: 'sent', smtpMessageId: expect.any(String) }));
    expect((await harness.request('GET', '/emails?kind=fax', owner)).status).toBe(400);
  });
});

describe('an email whose sent event could never be recorded', () => {
  it('is not sent at all (it would be sent again on every attempt) but marked failed with the reason', async () => {
    const account = await harness.newAccount();
    const recipient = `poison-${randomUUID()}@example.test`;
    // A UUID PostgreSQL accepts but the DigestSent contract does not (version nibble c).
    const [{ email_id: emailId }] = await harness.app.get(DataSource).query(
      `INSERT INTO emails (email_id, account_id, kind, user_id, recipient, subject, text_body, html_body, error_ids, facts, next_attempt_at, created_at)
       VALUES (gen_random_uuid(), $1, 'digest', 'usr-poison', $2, 's', 't', '<p>h</p>', '{7c9e6679-7425-c0de-944b-e07fc1f90ae7}', '{"kind":"digest","part":1,"of":1}', now(), now())
       RETURNING email_id`,
      [account.accountId, recipient],
    );
    const audited = await eventually(async () => {
      const [email] = (await harness.request('GET', '/emails?userId=usr-poison', ownerOf(account))).body.items;
      expect(email.status).toBe('failed');
      return email;
    });
    expect(audited).toMatchObject({ emailId, attempts: 1, smtpMessageId: null, lastError: expect.stringContaining('DigestSent v1 breaks its contract') });
    expect(harness.mail.to(recipient)).toHaveLength(0);
  });
});

describe("an invitee's assignment digest", () => {
  it('follows the normal window with links that go through acceptance; a revoked invitee gets no digest', async () => {
    const account = await harness.newAccount();
    const owner = account.owner.userId;
    const [pending, revoked] = [userInvited(account.accountId, owner, { fromAssignment: true }), userInvited(account.accountId, owner, { fromAssignment: true })];
    const revocation = { ...harness.envelope(account.accountId, revoked.data.userId, owner), type: 'InvitationRevoked', data: { userId: revoked.data.userId, revokedBy: owner } };
    await harness.kafka.publish(Topics.identityEvents, [pending, revoked].map((value) => ({ key: account.accountId, value })));
    const [first, second] = await harness.errors(account.accountId, 2);
    await harness.publishAssignments(harness.assigned(account.accountId, first, pending.data.userId, owner), harness.assigned(account.accountId, second, revoked.data.userId, owner));
    await harness.kafka.publish(Topics.identityEvents, [{ key: account.accountId, value: revocation }]);
    await harness.closeWindows();

    const digest = await eventually(() => {
      const digests = harness.mail.to(pending.data.email).filter((mail) => mail.subject === '1 error was assigned to you');
      expect(digests).toHaveLength(1);
      return digests[0];
    });
    expect(digest.text).toContain(`${harness.config.linkBaseUrl}/invitations/accept?token=tok-${pending.data.userId}&next=${encodeURIComponent(`/errors/${first}`)}`);
    await harness.nothingDue();
    expect(harness.mail.to(revoked.data.email).filter((mail) => mail.subject.endsWith('assigned to you'))).toHaveLength(0);
  });
});

describe('read models', () => {
  it('the subscriptions the tests above made and dropped equal a rebuild from the event store', async () => {
    const { differing, events } = await compareWithRebuild(harness.app.get(DataSource), notificationsReadModels());
    expect(events).toBeGreaterThan(3);
    expect(differing).toEqual([]);
  });
});
