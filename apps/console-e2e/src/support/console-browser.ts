/// <reference lib="dom" />
import axe from 'axe-core';
import fs from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';

/** Debian's chromium (the project's setup installs it); CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a closed network: without the background ones Chromium keeps dialling Google. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: \`npm test\` installs Debian's chromium when run as root; otherwise "sudo apt-get install chromium" or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** A fresh browser profile (its own cookies) on the console. */
export async function newConsolePage(browser: Browser, consoleUrl: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: consoleUrl, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

export async function signIn(page: Page, email: string, password: string, next = '/errors'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** axe-core's checks on the page as it is: no serious or critical violation. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the console's CSP (no inline script) allows.
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join('; ')}`);
}

/**
 * The contrast between a piece of text and what it is painted on, as WCAG counts it (4.5 is AA
 * for small text). axe left a status word painted in its own background's colour unreported.
 */
export async function textContrast(text: Locator): Promise<number> {
  return text.evaluate((element) => {
    const channels = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) =>
      [r, g, b].map((value) => value / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    let painted: Element | null = element;
    while (painted && (channels(getComputedStyle(painted).backgroundColor)[3] ?? 1) === 0) painted = painted.parentElement;
    const [text, ground] = [getComputedStyle(element).color, painted ? getComputedStyle(painted).backgroundColor : 'rgb(255, 255, 255)'].map((colour) => luminance(channels(colour)));
    return (Math.max(text, ground) + 0.05) / (Math.min(text, ground) + 0.05);
  });
}

/** Screenshots for README, taken when FAULTLINE_SCREENSHOT_DIR is set (`npm run screenshots`). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.FAULTLINE_SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}
