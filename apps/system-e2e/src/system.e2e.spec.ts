import { signAccessToken } from '@faultline/access';
import { EmailsPage, ErrorsPage, Topics, UserInvitedV1 } from '@faultline/contracts';
import {
  errorOccurred,
  eventually,
  IdentityApiClient,
  KafkaTestClient,
  TEST_JWT_SECRET,
  uniqueTopicPrefix,
} from '@faultline/testing';
import { RunningSystem, SERVICES, SystemService } from './support/running-system';

/**
 * The whole system as `npm start` runs it: four service processes started from source, each
 * with its own database, sharing one broker.
 */
describe('the whole system', () => {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = new KafkaTestClient(topicPrefix);
  let system: RunningSystem;

  beforeAll(async () => {
    system = await RunningSystem.start(topicPrefix);
  });

  const serviceUrl = (name: SystemService): string => system.url(name);

  afterAll(async () => {
    await kafka.close();
    await system?.stop();
  });

  it.each(SERVICES)('%s reports its database, Kafka and its running consumer as up', async (name) => {
    const response = await fetch(`${serviceUrl(name)}/health`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { details: unknown }).details).toEqual({
      database: { status: 'up' },
      kafka: { status: 'up', brokers: expect.any(Number) },
      consumer: expect.objectContaining({ status: 'up', state: 'running', problems: [], topics: expect.any(Object) }),
    });
  });

  it('an account made in identity sees, with its owner’s token, the error a runtime publishes', async () => {
    const identity = new IdentityApiClient(serviceUrl('identity'));
    const { accountId, ownerToken } = await identity.createAccount('standard');
    const report = errorOccurred({ accountId });
    await kafka.publish(Topics.flowErrors, [{ key: report.data.flowStepId, value: report }]);

    const errors = system.service('errors');
    await eventually(async () => {
      const response = await fetch(`${errors.baseUrl}/errors`, { headers: { authorization: `Bearer ${ownerToken}` } });
      expect(response.status).toBe(200);
      const page = (await response.json()) as ErrorsPage;
      expect(page.items.map((item) => item.runId)).toEqual([report.data.runId]);
    }, 30_000);
  });

  it('an error assigned in the assignment app is found by its assignee in the errors list', async () => {
    const identity = new IdentityApiClient(serviceUrl('identity'));
    const { accountId, ownerToken, ownerUserId } = await identity.createAccount('standard');
    const report = errorOccurred({ accountId });
    await kafka.publish(Topics.flowErrors, [{ key: report.data.flowStepId, value: report }]);
    const authorization = { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' };
    const listed = async (query: string) => {
      const response = await fetch(`${serviceUrl('errors')}/errors?${query}`, { headers: authorization });
      return (await response.json()) as ErrorsPage;
    };
    const [error] = await eventually(async () => {
      const page = await listed('');
      expect(page.items).toHaveLength(1);
      return page.items;
    }, 30_000);

    const assign = async () =>
      fetch(`${serviceUrl('assignment')}/assignments`, {
        method: 'POST',
        headers: authorization,
        body: JSON.stringify({ errorIds: [error.errorId], assigneeUserId: ownerUserId }),
      });
    await eventually(async () => expect((await assign()).status).toBe(200), 30_000);
    await eventually(async () => expect((await listed('assignee=me')).items.map((item) => item.errorId)).toEqual([error.errorId]), 30_000);
    expect((await listed('assignee=unassigned')).items).toEqual([]);
  });

  it('assigning to a new email invites the person through identity; the errors are theirs, but not visible before they accept', async () => {
    const invitations = await kafka.record(Topics.identityEvents);
    const identity = new IdentityApiClient(serviceUrl('identity'));
    const { accountId, ownerToken } = await identity.createAccount('standard');
    const report = errorOccurred({ accountId });
    await kafka.publish(Topics.flowErrors, [{ key: report.data.flowStepId, value: report }]);
    const headers = { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' };
    const listed = async (query: string, token = ownerToken) => {
      const response = await fetch(`${serviceUrl('errors')}/errors?${query}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, page: (await response.json()) as ErrorsPage };
    };
    const [error] = await eventually(async () => {
      const { page } = await listed('');
      expect(page.items).toHaveLength(1);
      return page.items;
    }, 30_000);

    const email = `new-${accountId}@example.test`;
    await eventually(async () => {
      const response = await fetch(`${serviceUrl('assignment')}/assignments`, { method: 'POST', headers, body: JSON.stringify({ errorIds: [error.errorId], email }) });
      expect(response.status).toBe(200);
    }, 30_000);
    const invited = await eventually(() => {
      const mine = invitations.json<UserInvitedV1>().filter((event) => event.type === 'UserInvited' && event.data.email === email);
      expect(mine).toHaveLength(1);
      return mine[0];
    }, 30_000);
    expect(invited.data).toMatchObject({ fromAssignment: true, access: { [error.integrationId]: 'monitor' } });

    await eventually(async () => expect((await listed(`assignee=${invited.data.userId}`)).page.items.map((item) => item.errorId)).toEqual([error.errorId]), 30_000);
    const pendingToken = signAccessToken({ userId: invited.data.userId, accountId, role: 'member' }, TEST_JWT_SECRET, 600);
    expect((await listed('', pendingToken)).status).toBe(401);
  });

  it("a runtime's 6000 reaches the owner's mailbox as a severity notification, seen in the owner's email audit", async () => {
    const identity = new IdentityApiClient(serviceUrl('identity'));
    const { accountId, owner, ownerToken } = await identity.createAccount('standard');
    const report = errorOccurred({
      accountId,
      data: { httpStatus: 409, severityCode: 6000, notificationErrorTitle: 'Board is locked', disableErrorDescription: 'Unlock the board, then re-enable' },
    });
    await kafka.publish(Topics.flowErrors, [{ key: report.data.flowStepId, value: report }]);

    const [email] = await eventually(async () => {
      const response = await fetch(`${serviceUrl('notifications')}/emails?kind=severity`, { headers: { authorization: `Bearer ${ownerToken}` } });
      const page = (await response.json()) as EmailsPage;
      expect(page.items.map((item) => item.status)).toEqual(['sent']);
      return page.items;
    }, 30_000);
    expect(email).toMatchObject({ recipient: owner.email, subject: 'Board is locked', smtpMessageId: expect.any(String) });
  });
});
