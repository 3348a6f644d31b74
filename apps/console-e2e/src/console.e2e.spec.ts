import { Topics } from '@faultline/contracts';
import type { Page } from 'playwright-core';
import { eventually, invitationRequestRefused } from '@faultline/testing';
import { accessibilityViolations, newConsolePage, screenshot, signIn, textContrast } from './support/console-browser';
import { ConsoleSystem } from './support/console-system';

/**
 * Seed 000's human steps in a real browser (Debian's chromium through Playwright) against the
 * system as `npm start` runs it, the console's gateway in front.
 */
describe('the web console', () => {
  let faultline: ConsoleSystem;
  let account: Awaited<ReturnType<ConsoleSystem['identity']['createAccount']>>;
  let owner: Page;

  beforeAll(async () => {
    faultline = await ConsoleSystem.start();
    account = await faultline.identity.createAccount('standard');
    owner = await newConsolePage(faultline.browser, faultline.consoleUrl);
    await signIn(owner, account.owner.email, account.owner.password);
  });

  afterAll(async () => {
    await faultline?.stop();
  });

  const rows = (page: Page) => page.locator('table[aria-label="Errors"] tbody tr');

  /** One new error of the flow, selected on the Errors page, with "Assign to new user" filled in up to its button. */
  const newEmailFor = async (flowId: string, message: string, email: string) => {
    await faultline.publish(account.accountId, [{ flowId, message }]);
    const [error] = (await faultline.errorsWhen(account.ownerToken, `flowId=${flowId}`, 1)).items;
    await owner.goto(`/errors?flowId=${flowId}`);
    await rows(owner).first().getByRole('checkbox').check();
    await owner.getByRole('button', { name: 'Assign…' }).click();
    await owner.getByRole('tab', { name: 'Assign to new user' }).click();
    await owner.getByLabel('Email of the new user').fill(email);
    return error;
  };

  it("a runtime's error appears on the Errors page without a reload, and the page passes axe's checks", async () => {
    await owner.goto('/errors');
    await owner.getByText('No open errors match').waitFor();
    await faultline.publish(account.accountId, [{ flowId: 'flow-live', message: 'Customer 42 could not be imported' }]);
    await owner.getByRole('link', { name: 'Customer 42 could not be imported' }).waitFor({ timeout: 20_000 });
    await owner.getByRole('tab', { name: /Open \(1\)/ }).waitFor();
    expect(await accessibilityViolations(owner)).toEqual([]);
    await screenshot(owner, 'errors');
  });

  it('the filter lives in the address: assignee=me opens my errors only', async () => {
    await faultline.publish(account.accountId, [{ flowId: 'flow-me', message: 'Mine to fix' }, { flowId: 'flow-me', message: 'Not mine' }]);
    const page = await faultline.errorsWhen(account.ownerToken, 'flowId=flow-me', 2);
    const mine = page.items.find((item) => item.message === 'Mine to fix')!;
    // The assignment app learns of the error from the errors app's events, a moment later.
    await eventually(() => faultline.call('assignment', account.ownerToken, 'POST', '/assignments', { errorIds: [mine.errorId], assigneeUserId: account.ownerUserId }), 30_000);
    await faultline.errorsWhen(account.ownerToken, 'flowId=flow-me&assignee=me', 1);

    await owner.goto('/errors?flowId=flow-me&assignee=me');
    await owner.getByRole('link', { name: 'Mine to fix' }).waitFor();
    await expect(rows(owner).count()).resolves.toBe(1);
    await expect(owner.getByLabel('Assignee', { exact: true }).first().inputValue()).resolves.toBe('Me');
  });

  it('keyboard triage: three errors selected with j and x, assigned with a, all without the mouse', async () => {
    const ada = await faultline.member(account.ownerToken, 'Ada', { 'int-1': 'monitor' });
    await faultline.publish(account.accountId, [1, 2, 3, 4].map((n) => ({ flowId: 'flow-keys', message: `Keyboard error ${n}` })));
    await faultline.assignableWhen(account.ownerToken, await faultline.errorsWhen(account.ownerToken, 'flowId=flow-keys', 4));
    await owner.goto('/errors?flowId=flow-keys');
    await rows(owner).nth(3).waitFor();
    const listed = await rows(owner).locator('a').allTextContents();
    await owner.locator('body').click({ position: { x: 5, y: 5 } });
    for (const key of ['j', 'x', 'j', 'x', 'j', 'x']) await owner.keyboard.press(key);
    await owner.getByText('3 selected').waitFor();
    await owner.keyboard.press('a');
    await owner.getByRole('dialog', { name: 'Assign 3 errors' }).waitFor();
    await owner.keyboard.type('Ada');
    // Enter assigns to the first person offered; pressed before the team has loaded, once it has.
    await owner.keyboard.press('Enter');
    await owner.getByText('3 of 3 errors assigned').waitFor();
    const assigned = await faultline.errorsWhen(account.ownerToken, `flowId=flow-keys&assignee=${ada.userId}`, 3);
    expect(assigned.items.map((item) => item.message).sort()).toEqual(listed.slice(0, 3).sort());
  });

  it("thirty errors selected and assigned to a member: their digest's link opens the error's page after signing in", async () => {
    const ned = await faultline.member(account.ownerToken, 'Ned', { 'int-1': 'monitor' });
    await faultline.publish(account.accountId, Array.from({ length: 30 }, (_, n) => ({ flowId: 'flow-thirty', message: `Thirty ${n}` })));
    await faultline.assignableWhen(account.ownerToken, await faultline.errorsWhen(account.ownerToken, 'flowId=flow-thirty', 30));
    await owner.goto('/errors?flowId=flow-thirty');
    await rows(owner).nth(29).waitFor();
    await owner.getByRole('checkbox', { name: 'Select every error shown' }).check();
    await owner.getByText('30 selected').waitFor();
    await owner.getByRole('button', { name: 'Assign…' }).click();
    await owner.getByRole('option', { name: /Ned/ }).click();
    await owner.getByText('30 of 30 errors assigned').waitFor();

    const link = await faultline.linkIn(ned.email, /\/errors\/[0-9a-f-]{36}$/);
    const errorId = link.split('/').pop()!;
    const nedPage = await newConsolePage(faultline.browser, faultline.consoleUrl);
    await nedPage.goto(link);
    await nedPage.waitForURL(/\/sign-in\?next=/);
    await nedPage.getByLabel('Email').fill(ned.email);
    await nedPage.getByRole('textbox', { name: 'Password' }).fill(ned.password);
    await nedPage.getByRole('button', { name: 'Sign in' }).click();
    await nedPage.waitForURL(`**/errors/${errorId}`);
    await nedPage.getByRole('heading', { level: 1, name: /^Thirty \d+$/ }).waitFor();
    await nedPage.getByText(/Assigned to Ned by/).waitFor();
    expect(await accessibilityViolations(nedPage)).toEqual([]);
    await screenshot(nedPage, 'error-details');
    await nedPage.context().close();
  });

  it('assigning to a new email: the invitation link opens the acceptance page, and the invitee lands on their errors', async () => {
    const email = `newcomer-${Date.now()}@example.test`;
    await newEmailFor('flow-invite', 'For the newcomer', email);
    await owner.getByRole('button', { name: 'Invite and assign' }).click();
    await owner.getByText(/Identity is inviting them/).first().waitFor();
    await owner.getByText(`${email} is invited; the error is theirs once they accept`).waitFor();

    const link = await faultline.linkIn(email, /\/invitations\/accept\?token=[^&]+$/);
    const newcomer = await newConsolePage(faultline.browser, faultline.consoleUrl);
    await newcomer.goto(link);
    await newcomer.getByText(`Olga Owner invited ${email} to Acme`).waitFor();
    expect(await accessibilityViolations(newcomer)).toEqual([]);
    await screenshot(newcomer, 'accept-invitation');
    await newcomer.getByLabel('Your name').fill('Nia Newcomer');
    await newcomer.getByRole('textbox', { name: 'Choose a password' }).fill('short');
    await newcomer.getByRole('button', { name: 'Accept and sign in' }).click();
    await newcomer.getByRole('alert').getByText(/password/).waitFor();
    await newcomer.getByRole('textbox', { name: 'Choose a password' }).fill('a newcomer with a long password');
    await newcomer.getByRole('button', { name: 'Accept and sign in' }).click();
    await newcomer.waitForURL('**/errors?assignee=me');
    await newcomer.getByRole('link', { name: 'For the newcomer' }).waitFor();
    await newcomer.goto(link);
    await newcomer.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    await newcomer.context().close();
  });

  it("identity's refusal of an assignment to a new person reaches whoever asked on the Errors page, and stays until dismissed", async () => {
    const email = `refused-${Date.now()}@example.test`;
    const error = await newEmailFor('flow-refused', 'Not for a stranger', email);
    // Identity refuses only when its directory changed after the assignment app checked the same
    // rules, a race no test can stage: paused, identity lets the test give its answer on its topic.
    const identity = faultline.system.service('identity').child;
    identity.kill('SIGSTOP');
    try {
      const asked = owner.waitForResponse((response) => response.url().endsWith('/api/assignment/assignments') && response.request().method() === 'POST');
      await owner.getByRole('button', { name: 'Invite and assign' }).click();
      const { invitationRequestId } = (await (await asked).json()) as { invitationRequestId: string };
      const refusal = invitationRequestRefused(account.accountId, { requestId: invitationRequestId, email, code: 'USER_ALREADY_ACTIVE', reason: `${email} is already a user of this account` });
      await faultline.kafka.publish(Topics.identityEvents, [{ key: account.accountId, value: refusal }]);
      await owner.getByRole('alert').getByText(`${email} was not invited`, { exact: false }).waitFor({ timeout: 20_000 });
    } finally {
      identity.kill('SIGCONT');
    }
    const told = `${email} was not invited: ${email} is already a user of this account (USER_ALREADY_ACTIVE); the error is still unassigned.`;
    await owner.reload();
    await owner.getByText(told).waitFor();
    expect((await faultline.errorsWhen(account.ownerToken, 'flowId=flow-refused&assignee=unassigned', 1)).items[0].errorId).toBe(error.errorId);
    await owner.getByRole('button', { name: 'Dismiss' }).click();
    await owner.reload();
    await rows(owner).first().waitFor();
    await expect(owner.getByText(told).count()).resolves.toBe(0);
  });

  it("a member without access to an integration sees none of its errors, and is told so when they ask for them", async () => {
    const mia = await faultline.member(account.ownerToken, 'Mia', { 'int-mine': 'monitor' });
    await faultline.publish(account.accountId, [
      { integrationId: 'int-mine', flowId: 'flow-access', message: 'Visible to Mia' },
      { integrationId: 'int-other', flowId: 'flow-access', message: 'Hidden from Mia' },
    ]);
    await faultline.errorsWhen(account.ownerToken, 'flowId=flow-access', 2);
    const page = await newConsolePage(faultline.browser, faultline.consoleUrl);
    await signIn(page, mia.email, mia.password, '/errors?flowId=flow-access');
    await page.getByRole('link', { name: 'Visible to Mia' }).waitFor();
    await expect(rows(page).count()).resolves.toBe(1);
    await page.goto('/errors?integrationId=int-other');
    await page.getByRole('alert').getByText(/no access to integration int-other/).waitFor();
    // Settings tells a member how long errors are kept; only owners and admins get the form.
    await page.goto('/settings');
    await page.getByText('Owners and admins change it.').waitFor();
    await expect(page.getByRole('form', { name: 'Change the retention period' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('a 6000 disables the flow: its page shows the banner with the app’s words, and re-enabling works', async () => {
    await faultline.publish(account.accountId, [
      {
        flowId: 'flow-locked',
        flowName: 'Cards to boards',
        flowStepId: 'step-post-card',
        flowStepName: 'Post the card',
        httpStatus: 409,
        severityCode: 6000,
        message: 'Board locked',
        disableErrorDescription: 'Unlock the board, then re-enable',
        responseBody: { error: 'board_locked', board: 77 },
      },
    ]);
    await faultline.errorsWhen(account.ownerToken, 'flowId=flow-locked', 1);
    await owner.goto('/flows/int-1/flow-locked');
    const banner = owner.getByRole('alert').filter({ hasText: 'This flow is disabled' });
    await banner.getByText('Unlock the board, then re-enable').waitFor({ timeout: 20_000 });
    // The page names the flow and its steps as the runtime did.
    await owner.getByRole('heading', { level: 1, name: 'int-1 › Cards to boards (flow-locked)' }).waitFor();
    await banner.getByText(/Step Post the card \(step-post-card\) failed with severity 6000/).waitFor();
    expect(await accessibilityViolations(owner)).toEqual([]);
    await screenshot(owner, 'flow-disabled');
    await banner.getByRole('button', { name: 'Re-enable the flow' }).click();
    await eventually(async () => expect(await banner.count()).toBe(0), 20_000);
    await owner.getByRole('link', { name: 'Board locked' }).first().click();
    await owner.getByRole('heading', { level: 1, name: 'Board locked' }).waitFor();
    await owner.getByText('Severity 6000 from step Post the card (step-post-card): the flow was disabled', { exact: false }).waitFor();
    await expect(owner.getByLabel('Response body').textContent()).resolves.toContain('"board_locked"');
  });

  it('tagging and resolving everything matching the filter show the exact count first, then what changed and what a rule refused', async () => {
    await faultline.publish(account.accountId, Array.from({ length: 60 }, (_, n) => ({ flowId: 'flow-bulk', message: `Bulk ${n}` })));
    const [full] = (await faultline.errorsWhen(account.ownerToken, 'flowId=flow-bulk', 60)).items;
    const fullTags: string[] = [];
    for (const name of ['full-a', 'full-b', 'full-c']) fullTags.push((await faultline.call<{ tagId: string }>('errors', account.ownerToken, 'POST', '/tags', { name, colour: '#225588' })).tagId);
    await faultline.call('errors', account.ownerToken, 'POST', '/errors/tags', { errorIds: [full.errorId], add: fullTags });
    await faultline.call('errors', account.ownerToken, 'POST', '/tags', { name: 'bulk', colour: '#225588' });
    await owner.reload();
    await owner.goto('/errors?flowId=flow-bulk');
    await rows(owner).nth(49).waitFor();
    await owner.getByRole('checkbox', { name: 'Select every error shown' }).check();
    await owner.getByRole('button', { name: 'Select all 60 matching the filter' }).click();
    await owner.getByText('60 selected (all matching)').waitFor();
    await owner.getByRole('button', { name: 'Tag…' }).click();
    await owner.getByRole('combobox', { name: 'Add tags' }).click();
    await owner.getByRole('option', { name: 'bulk' }).click();
    await owner.keyboard.press('Escape');
    await owner.getByRole('button', { name: 'Apply' }).click();
    const tagging = owner.getByRole('dialog', { name: 'Tag every error matching the filter' });
    await tagging.getByRole('button', { name: 'Tag 60 errors' }).click();
    await tagging.getByText(/59 of 60 errors tagged; 1 refused by the rule TOO_MANY_TAGS/).waitFor();
    await tagging.getByRole('button', { name: 'Close' }).click();
    await owner.getByRole('checkbox', { name: 'Select every error shown' }).check();
    await owner.getByRole('button', { name: 'Select all 60 matching the filter' }).click();
    await owner.getByRole('button', { name: 'Resolve', exact: true }).click();
    const dialog = owner.getByRole('dialog', { name: 'Resolve every error matching the filter' });
    await dialog.getByText('This will resolve exactly 60 errors.').waitFor();
    await dialog.getByText(/open · flow flow-bulk · before/).waitFor();
    await screenshot(owner, 'bulk-resolve');
    await dialog.getByRole('button', { name: 'Resolve 60 errors' }).click();
    await dialog.getByText('60 of 60 errors resolved').waitFor();
    await faultline.errorsWhen(account.ownerToken, 'flowId=flow-bulk&status=resolved', 60);
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The resolved list says who resolved each error, as it says which rule resolved the others.
    await owner.goto('/errors?flowId=flow-bulk&status=resolved');
    await rows(owner).first().getByText(`Resolved by ${account.owner.name}`).waitFor();
  });

  it('a report holding text PostgreSQL cannot store is found by its words, and its page says what was changed to store it', async () => {
    await faultline.publish(account.accountId, [{ flowId: 'flow-repaired', message: 'Broken\u0000byte from the app', retryData: { ['order\ud800']: 1 } }]);
    await faultline.errorsWhen(account.ownerToken, 'flowId=flow-repaired', 1);

    await owner.goto('/errors');
    await owner.getByLabel('Message contains').fill('byte from the app');
    await owner.getByRole('link', { name: 'Broken\uFFFDbyte from the app' }).click();
    await owner.getByText(
      'The report was changed to be stored: /data/message, /data/retryData/order\uFFFD: characters PostgreSQL cannot store (NUL, lone surrogates) replaced with U+FFFD',
      { exact: false },
    ).waitFor();
  });

  it("a refused action shows the rule's words, and nothing changes", async () => {
    const tagIds: string[] = [];
    for (const name of ['one', 'two', 'three', 'four']) tagIds.push((await faultline.call<{ tagId: string }>('errors', account.ownerToken, 'POST', '/tags', { name, colour: '#336699' })).tagId);
    await faultline.publish(account.accountId, [{ flowId: 'flow-tags', message: 'Tagged to the brim' }]);
    const [error] = (await faultline.errorsWhen(account.ownerToken, 'flowId=flow-tags', 1)).items;
    await faultline.call('errors', account.ownerToken, 'POST', '/errors/tags', { errorIds: [error.errorId], add: tagIds.slice(0, 3) });

    await owner.goto(`/errors/${error.errorId}`);
    await owner.getByRole('button', { name: 'Tag…' }).click();
    await owner.getByRole('combobox', { name: 'Add tags' }).click();
    await owner.getByRole('option', { name: 'four' }).click();
    await owner.keyboard.press('Escape');
    await owner.getByRole('button', { name: 'Apply' }).click();
    await owner.getByText(/Refused — nothing changed/).waitFor();
    await owner.getByText(/TOO_MANY_TAGS/).waitFor();
    const after = await faultline.errorsWhen(account.ownerToken, 'flowId=flow-tags', 1);
    expect(after.items[0].tagIds.sort()).toEqual(tagIds.slice(0, 3).sort());
  });

  it('a session that ends sends the person to sign in, then back to the page they were on', async () => {
    const page = await newConsolePage(faultline.browser, faultline.consoleUrl);
    await signIn(page, account.owner.email, account.owner.password, '/flows');
    await page.context().clearCookies({ name: 'faultline_session' });
    await page.goto('/errors?flowId=flow-live');
    await page.waitForURL(/\/sign-in\?next=%2Ferrors%3FflowId%3Dflow-live&reason=expired/);
    await page.getByText('Your session ended').waitFor();
    await page.getByLabel('Email').fill(account.owner.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(account.owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/errors?flowId=flow-live');
    await page.getByRole('heading', { name: 'Errors', level: 1 }).waitFor();
    await expect(page.getByLabel('Flow', { exact: true }).inputValue()).resolves.toBe('flow-live');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto('/errors');
    await page.waitForURL(/\/sign-in\?next=%2Ferrors$/);
    await expect(page.getByText('Your session ended').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('the gateway keeps the token from scripts, refuses writes without the CSRF header, and never reaches internal routes', async () => {
    const signedIn = await fetch(`${faultline.consoleUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.owner.email, password: account.owner.password }),
    });
    expect(signedIn.status).toBe(200);
    expect(JSON.stringify(await signedIn.json())).not.toMatch(/accessToken|eyJ/);
    const [session, csrf] = signedIn.headers.getSetCookie();
    expect(session).toMatch(/^faultline_session=[^;]+; Path=\/; Max-Age=\d+; SameSite=Strict; HttpOnly$/);
    expect(csrf).toMatch(/^faultline_csrf=[^;]+; Path=\/; Max-Age=\d+; SameSite=Strict$/);
    const cookies = [session, csrf].map((cookie) => cookie.split(';')[0]).join('; ');
    const csrfToken = decodeURIComponent(csrf.split(';')[0].split('=')[1]);
    const resolve = (headers: Record<string, string>) =>
      fetch(`${faultline.consoleUrl}/api/errors/errors/resolve`, {
        method: 'POST',
        headers: { cookie: cookies, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ errorIds: ['00000000-0000-4000-8000-000000000000'] }),
      });
    const withoutCsrf = await resolve({});
    expect(withoutCsrf.status).toBe(403);
    expect(await withoutCsrf.json()).toMatchObject({ code: 'CSRF_TOKEN_MISSING' });
    expect((await resolve({ 'x-csrf-token': csrfToken })).status).toBe(404);
    const huge = await fetch(`${faultline.consoleUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x'.repeat(1_000_000) }) });
    expect(huge.status).toBe(413);
    const internal = await fetch(`${faultline.consoleUrl}/api/identity/internal/accounts`, { method: 'POST', headers: { 'x-internal-api-key': 'test-internal-api-key' } });
    expect(internal.status).toBe(404);
    const page = await fetch(`${faultline.consoleUrl}/errors/some-error`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('<div id="root">');
  });

  it('a view the owner saves and shares opens for a member, who makes it the page they open with', async () => {
    const zoe = await faultline.member(account.ownerToken, 'Zoe', { 'int-1': 'monitor' });
    await faultline.publish(account.accountId, [
      { flowId: 'flow-views', flowStepId: 'step-shared', message: 'In the shared view' },
      { flowId: 'flow-views', flowStepId: 'step-other', message: 'Outside the shared view' },
    ]);
    await faultline.errorsWhen(account.ownerToken, 'flowId=flow-views', 2);
    await owner.goto('/errors?flowId=flow-views&flowStepId=step-shared&columns=message,assignee');
    await owner.getByRole('link', { name: 'In the shared view' }).waitFor();
    await owner.getByRole('button', { name: 'Save view…' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Save the current filter and columns' });
    await dialog.getByLabel('Name of the view').fill('Shared step');
    await dialog.getByLabel('Share with everyone in the account').check();
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await dialog.waitFor({ state: 'detached' });

    const page = await newConsolePage(faultline.browser, faultline.consoleUrl);
    await signIn(page, zoe.email, zoe.password);
    await page.getByLabel('View', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Shared step' }).click();
    await page.waitForURL(/flowStepId=step-shared/);
    await eventually(async () => expect(await rows(page).locator('a').allTextContents()).toEqual(['In the shared view']), 20_000);
    await expect(page.locator('table[aria-label="Errors"] thead th').allTextContents()).resolves.toEqual(['', 'Message', 'Assignee']);
    await page.getByRole('button', { name: 'Open with this view' }).click();
    await page.getByRole('button', { name: 'Open with this view' }).waitFor({ state: 'detached' });
    await expect(page.getByRole('button', { name: 'Delete view' }).count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Flows' }).click();
    await page.getByRole('link', { name: 'Errors', exact: true }).click();
    await page.waitForURL(/flowStepId=step-shared/);
    await page.getByRole('link', { name: 'In the shared view' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['/flows', 'Flows with open errors', 'flows'],
    ['/team', 'Pending invitations', 'team'],
    ['/notifications', 'My notifications', undefined],
    ['/emails', 'Email audit', undefined],
  ])('%s passes axe’s checks', async (path, heading, shot) => {
    await owner.goto(path);
    await owner.getByRole('heading', { name: heading }).waitFor();
    await owner.waitForLoadState('networkidle');
    expect(await accessibilityViolations(owner)).toEqual([]);
    if (shot) await screenshot(owner, shot);
  });

  it('the sign-in page passes axe’s checks, and a wrong password is told plainly', async () => {
    const page = await newConsolePage(faultline.browser, faultline.consoleUrl);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(account.owner.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('the email or password is wrong').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the monitor charts the new errors over time; Team says who sent each pending invitation, and an administrator edits a member’s access there', async () => {
    await owner.goto('/flows');
    const chart = owner.getByRole('img', { name: /new errors? since / });
    await chart.waitFor();
    const lastDay = await chart.getAttribute('aria-label');
    await owner.getByText('7 days', { exact: true }).click();
    await eventually(async () => expect(await chart.getAttribute('aria-label')).not.toBe(lastDay));

    const kim = await faultline.member(account.ownerToken, 'Kim', { 'int-1': 'monitor' });
    const pending = `pending-${Date.now()}@example.test`;
    await faultline.identity.request('POST', '/invitations', { token: account.ownerToken, body: { email: pending, role: 'member', access: {} } });
    await owner.goto('/team');
    await owner.getByRole('table', { name: 'Pending invitations' }).getByRole('row').filter({ hasText: pending }).getByText('Olga Owner').waitFor();
    const row = owner.getByRole('row').filter({ hasText: kim.email });
    await row.getByRole('button', { name: 'Edit' }).click();
    const dialog = owner.getByRole('dialog', { name: `Integration access of ${kim.email}` });
    await dialog.getByRole('radiogroup', { name: 'Access to int-1' }).getByText('manage', { exact: true }).click();
    await dialog.getByLabel('Another integration (its id)').fill('int-9');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByRole('button', { name: 'Save access' }).click();
    await row.getByText('int-1: manage, int-9: monitor').waitFor();
    // The status is a word a person can read, not a pill of colour.
    expect(await textContrast(row.getByText('active', { exact: true }))).toBeGreaterThan(4.5);
    const me = await faultline.identity.request('GET', '/me', { token: await faultline.identity.signIn(kim.email, kim.password) });
    expect(me.body.user.access).toEqual({ 'int-1': 'manage', 'int-9': 'monitor' });
  });

  it('an owner makes a read-only API token on Team, copies it once, a script lists errors with it, Team says where it was last used, and revoking it from Team stops it', async () => {
    await owner.goto('/team');
    const form = owner.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Name').fill('Nightly report');
    await form.getByRole('button', { name: 'Create token' }).click();
    const token = (await owner.getByLabel('New API token').textContent()) ?? '';
    expect(token).toMatch(/^flt_/);
    expect(await accessibilityViolations(owner)).toEqual([]);

    const listed = () => fetch(`${faultline.system.url('errors')}/errors`, { headers: { authorization: `Bearer ${token}` } });
    await eventually(async () => expect((await listed()).status).toBe(200), 20_000);
    await owner.getByRole('button', { name: 'Done' }).click();
    // Its row says where it was last used (the page asks again when reloaded; on a loaded
    // machine the page itself can take seconds to ask every service).
    await eventually(async () => {
      await owner.reload();
      await owner.getByRole('row').filter({ hasText: 'Nightly report' }).getByText('(errors)').waitFor({ timeout: 10_000 });
    }, 60_000);
    await owner.getByRole('button', { name: 'Revoke Nightly report' }).click();
    await owner.getByRole('row').filter({ hasText: 'Nightly report' }).getByText('revoked').waitFor();
    await eventually(async () => expect((await listed()).status).toBe(401), 20_000);
  });

  it('an owner shortens the retention on Settings: the page says when it takes effect, and "Keep" sets it back', async () => {
    await owner.goto('/settings');
    await owner.getByText('deleted 30 days after they last occurred').waitFor();
    const form = owner.getByRole('form', { name: 'Change the retention period' });
    // Out of range is refused with the rule's words, not quietly made the nearest allowed number.
    await form.getByLabel('Keep errors for (days)').fill('99999');
    await form.getByRole('button', { name: 'Save' }).click();
    await owner.getByRole('alert').filter({ hasText: 'must be at most 3650' }).waitFor();
    await form.getByLabel('Keep errors for (days)').fill('1');
    await form.getByText("after 7 days' notice").waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    const coming = owner.getByRole('alert').filter({ hasText: 'A shorter period is coming' });
    await coming.getByText(/the period becomes 1 day/).waitFor();
    expect(await accessibilityViolations(owner)).toEqual([]);
    await screenshot(owner, 'settings');
    const retention = () => faultline.call('errors', account.ownerToken, 'GET', '/settings/retention');
    expect(await retention()).toMatchObject({ days: 30, shortening: { days: 1 } });

    await coming.getByRole('button', { name: 'Keep 30 days' }).click();
    await coming.waitFor({ state: 'detached' });
    expect(await retention()).toEqual({ days: 30, shorteningNoticeDays: 7 });
  });
});
