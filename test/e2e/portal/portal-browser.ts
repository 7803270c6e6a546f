import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { findPortal } from '../../../apps/api/src/portal';

/** Debian's Chromium; the suite never downloads a browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '../../artifacts/portal');

/** The flags this machine needs: no sandbox as root, and no background calls to Google's hosts. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  process.stdout.write(
    `portal browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium)\n`,
  );
}

/** `describe` when Chromium is there, `describe.skip` (after the one line above) when not. */
export const describeInBrowser = haveChromium ? describe : describe.skip;

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile directory; pages fail the test on script errors. */
export async function openBrowser(): Promise<Browser> {
  if (!findPortal()) throw new Error('dist/portal is missing: run `npm run build` first');
  const profileDir = mkdtempSync(join(tmpdir(), 'blocx-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`script errors in the portal: ${errors.join('; ')}`);
    },
  };
}

/** A full-page screenshot under test/artifacts/portal/ for people to review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in through the form, as a person pastes their key. */
export async function signIn(page: Page, baseUrl: string, apiKey: string): Promise<void> {
  await page.goto(`${baseUrl}/portal/`);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Messaging profiles' }).waitFor();
}

/** The page's width fits the viewport: nothing to scroll sideways on a narrow screen. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;
}

/** A link of the main navigation. */
export function section(page: Page, name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name, exact: true });
}

/** Waits until the element's text matches (the page answers asynchronously). */
export async function expectText(
  locator: Locator,
  pattern: RegExp,
  timeout = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.innerText({ timeout: 1_000 }).catch(() => '');
    if (pattern.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected text matching ${pattern}, got: ${text}`);
}

/** Waits until a field holds the value (a select gets its value once its options have loaded). */
export async function expectValue(
  locator: Locator,
  expected: string,
  timeout = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let value = await locator.inputValue();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await locator.inputValue();
  }
  expect(value).toBe(expected);
}

/** What has the focus, once it settles there (focus moves after a render, so it is awaited). */
export async function expectFocus(
  page: Page,
  property: 'id' | 'textContent',
  expected: string,
): Promise<void> {
  const read = `document.activeElement && document.activeElement[${JSON.stringify(property)}]`;
  await page
    .waitForFunction(`(${read}) === ${JSON.stringify(expected)}`, undefined, { timeout: 5000 })
    .catch(() => undefined);
  expect(await page.evaluate(read)).toBe(expected);
}

/**
 * The rules audited: WCAG 2.0 and 2.1 at levels A and AA, the bar the portal is held to, plus
 * WCAG 2.2 AA (target size) and axe's best practices (unique landmarks, heading order), which
 * the portal meets too, so keeping them on catches the next lapse.
 */
const AUDITED_RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe-core over the page as it stands and fails on every violation, whatever its impact:
 * a "minor" one is still a barrier to someone, and a clean audit keeps each new one in sight.
 * (Checks that axe cannot decide, such as text over the chart's bars, are left to review by hand.)
 */
export async function expectNoAccessibilityViolations(page: Page, context: string): Promise<void> {
  if (!(await page.evaluate('typeof axe !== "undefined"'))) {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  }
  // Passes and undecided checks are not collected: the audit only needs the violations, faster.
  const options = { runOnly: { type: 'tag', values: AUDITED_RULES }, resultTypes: ['violations'] };
  const results = (await page.evaluate(
    `axe.run(document, ${JSON.stringify(options)})`,
  )) as AxeResults;
  if (results.violations.length > 0) {
    throw new Error(
      `accessibility violations on ${context} (${page.url()}):\n` +
        results.violations.map(describeViolation).join('\n'),
    );
  }
}

/** One rule broken: its id, impact and help, then each element with what to fix there. */
function describeViolation(violation: Result): string {
  const nodes = violation.nodes.map(
    (node) =>
      `    ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ')}`,
  );
  return [`  ${violation.id} (${violation.impact}): ${violation.help}`, ...nodes].join('\n');
}
