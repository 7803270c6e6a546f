import type { Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { startTestService, TestService } from '../../support/test-service';
import { WebhookReceiver } from '../../support/webhook-receiver';
import {
  Browser,
  describeInBrowser,
  expectNoAccessibilityViolations,
  expectText,
  horizontalOverflow,
  openBrowser,
  screenshot,
  section,
  signIn,
  expectFocus,
  expectValue,
} from './portal-browser';

type Client = ApiClient & { accountId: string };
const NUMBER = '+12025550131';
const RECIPIENT = '+12025550188';
const REJECTED = '+12025550999'; // the simulator fails destinations ending 0999

/** Campaigns, sending, the log, opt-outs, and the profile's webhook and report sections. */
describeInBrowser('portal: messaging in a browser', () => {
  let service: TestService;
  let account: Client;
  let receiver: WebhookReceiver;
  let browser: Browser;
  let page: Page;
  let profileId: string;

  beforeAll(async () => {
    // Automatic webhook retries far off, so only the portal's Retry button tries again.
    service = await startTestService({ WEBHOOK_RETRY_SCHEDULE: '10m' });
    account = await service.newAccount('Portal messaging');
    receiver = await WebhookReceiver.start();
    receiver.respondWith = 500;
    const profile = await account.post('/messaging-profiles', {
      name: 'Alerts',
      webhook_url: receiver.url,
      webhook_events: ['message.delivered'],
    });
    profileId = profile.body.data.id;
    await account.post('/numbers', { phone_number: NUMBER });
    await account.patch(`/numbers/${encodeURIComponent(NUMBER)}`, {
      messaging_profile_id: profileId,
    });
    browser = await openBrowser();
    page = browser.page;
    await signIn(page, service.baseUrl, account.apiKey as string);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await service?.close();
  });

  const heading = (name: string) => page.getByRole('heading', { level: 1, name });

  it('registers a 10DLC campaign, with field errors first', async () => {
    await section(page, 'Campaigns').click();
    await page.getByText('No campaigns yet.').waitFor();
    await page.getByRole('button', { name: 'Register campaign' }).click();
    await expectText(page.locator('#campaign-brand_name-error'), /.+/);
    await expectText(page.locator('#campaign-use_case-error'), /.+/);
    await expectNoAccessibilityViolations(page, 'Campaigns with field errors');
    await page.getByLabel('Brand name').fill('Acme');
    await page.getByLabel('Use case').selectOption('MIXED');
    await page.getByLabel('Description').fill('Alerts and replies');
    await page.getByRole('button', { name: 'Register campaign' }).click();
    await page.getByRole('rowheader', { name: /Acme/ }).waitFor();
    await screenshot(page, '11-campaigns');
    await expectNoAccessibilityViolations(page, 'Campaigns with a campaign');
  });

  it('attaches the campaign to the number at Numbers → Manage', async () => {
    await section(page, 'Numbers').click();
    await page.getByLabel(`Campaign of ${NUMBER}`).selectOption({ label: 'Acme · MIXED' });
    await page.getByRole('button', { name: `Save ${NUMBER}` }).click();
    await waitUntil(async () => {
      const number = await account.get(`/numbers/${encodeURIComponent(NUMBER)}`);
      return number.body.data.campaign_id !== null;
    });
    await screenshot(page, '12-numbers-campaign-attached');
    await expectNoAccessibilityViolations(page, 'Numbers → Manage with a campaign');
  });

  it('sends a test message and follows its status to delivered', async () => {
    await section(page, 'Messages').click();
    await page.getByText('No messages yet.').waitFor();
    await expectNoAccessibilityViolations(page, 'the empty message log');
    await page.getByRole('link', { name: 'Send test message' }).first().click();
    await heading('Send test message').waitFor();
    await page.getByLabel('From').selectOption(NUMBER);
    await page.getByLabel('To').fill('+1555');
    await page.getByLabel('Text').fill('Hello from the portal');
    await page.getByRole('button', { name: 'Send' }).click();
    await expectText(page.locator('#send-to-error'), /E\.164/);
    await screenshot(page, '13-send-field-error');
    await expectNoAccessibilityViolations(page, 'Send test message with a field error');

    await page.getByLabel('To').fill(RECIPIENT);
    await page.getByRole('button', { name: 'Send' }).click();
    await heading('Outbound message').waitFor();
    const history = page.getByRole('list', { name: 'Status history' });
    await expectText(history, /queued[\s\S]*sent[\s\S]*delivered/);
    const steps = history.getByRole('listitem');
    await expectText(steps.nth(0), /^queued\b/);
    await expectText(steps.nth(1), /^sent\b.*via simulator/);
    await expectText(steps.nth(2), /^delivered\b/);
    expect(await steps.count()).toBe(3); // final: no more "Waiting for the carrier…"
    const id = page.url().split('/').pop() as string;
    expect((await account.get(`/messages/${id}`)).body.data).toMatchObject({
      status: 'delivered',
      text: 'Hello from the portal',
      to: RECIPIENT,
    });
    await screenshot(page, '14-message-delivered');
    await expectNoAccessibilityViolations(page, 'a delivered message');
  });

  it('shows a carrier rejection with its error code', async () => {
    await page.goto(`${service.baseUrl}/portal/messages/send`);
    await page.getByLabel('From').selectOption(NUMBER);
    await page.getByLabel('To').fill(REJECTED);
    await page.getByLabel('Text').fill('This one fails');
    await page.getByRole('button', { name: 'Send' }).click();
    await expectText(
      page.getByRole('list', { name: 'Status history' }),
      /failed[\s\S]*carrier_rejected/,
    );
    await page.getByText('carrier_rejected').waitFor();
    await expectNoAccessibilityViolations(page, 'a failed message');
  });

  it('filters the message log by status and direction', async () => {
    await section(page, 'Messages').click();
    const cell = (number: string) => page.getByRole('cell', { name: number });
    await cell(REJECTED).waitFor();
    await page.getByLabel('Status').selectOption('delivered');
    await cell(REJECTED).waitFor({ state: 'detached' });
    await cell(RECIPIENT).waitFor();
    await page.getByLabel('Status').selectOption('failed');
    await cell(RECIPIENT).waitFor({ state: 'detached' });
    await cell(REJECTED).waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Direction').selectOption('inbound');
    await page.getByText('No messages match these filters.').waitFor();
    expect(new URL(page.url()).search).toBe('?direction=inbound');
    await page.getByLabel('Direction').selectOption('');
    await cell(RECIPIENT).waitFor();
    await screenshot(page, '15-messages-log');
    await expectNoAccessibilityViolations(page, 'the message log');
  });

  it('shows the opt-out after an inbound STOP, its consent history, and refuses a send', async () => {
    const inbound = await service.operator.post('/carrier/inbound', {
      from: RECIPIENT,
      to: NUMBER,
      text: 'stop',
    });
    expect(inbound.status).toBe(202);
    await section(page, 'Opt-outs').click();
    await page.getByLabel('Profile').selectOption({ label: 'Alerts' });
    const row = page.getByRole('row', { name: new RegExp(`\\${RECIPIENT}`) });
    await expectText(row, /STOP/);
    await expectNoAccessibilityViolations(page, 'Opt-outs with an opt-out');
    await row.getByRole('link', { name: /Consent history/ }).click();
    await expectText(page.locator('.history'), /Opted out[\s\S]*opted out by\s+STOP/i);
    await expectValue(page.getByLabel('Your number'), NUMBER);
    await expectValue(page.getByLabel('Profile'), profileId);
    await screenshot(page, '16-opt-outs-and-history');
    await expectNoAccessibilityViolations(page, 'the consent history');

    await page.goto(`${service.baseUrl}/portal/messages/send`);
    await page.getByLabel('From').selectOption(NUMBER);
    await page.getByLabel('To').fill(RECIPIENT);
    await page.getByLabel('Text').fill('Still there?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expectText(page.locator('#send-to-error'), /opted out of messages from/);
    await screenshot(page, '17-send-refused-opted-out');
  });

  it('reveals, copies and rotates the webhook secret', async () => {
    await page.goto(`${service.baseUrl}/portal/messaging-profiles/${profileId}`);
    await heading('Alerts').waitFor();
    await page.getByRole('button', { name: 'Reveal' }).click();
    const secretPath = `/messaging-profiles/${profileId}/webhook-secret`;
    const before = (await account.get(secretPath)).body.data.secret as string;
    await expectText(page.locator('.secret code'), new RegExp(`^${escape(before)}$`));
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: service.baseUrl,
    });
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(before);
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('button', { name: 'Rotate now' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Rotated' }), /Rotated/);
    const after = (await account.get(secretPath)).body.data.secret as string;
    expect(after).not.toBe(before);
    await expectText(page.locator('.secret code'), new RegExp(`^${escape(after)}$`));
    await expectNoAccessibilityViolations(page, 'the profile with its secret revealed');
  });

  it('lists webhook deliveries with their attempts, and Retry now delivers one', async () => {
    await waitUntil(async () => {
      const list = await account.get(`/webhook-deliveries?messaging_profile_id=${profileId}`);
      const deliveries = list.body.data as { attempts: unknown[] }[];
      return deliveries.length > 0 && deliveries.every((d) => d.attempts.length > 0);
    });
    const deliveries = page.locator('.delivery');
    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await deliveries.first().waitFor();
    const first = deliveries.first();
    await first.getByText(/attempt/).click();
    await expectText(first, /HTTP 500/);
    receiver.respondWith = 200;
    await first.getByRole('button', { name: 'Retry now' }).click();
    await waitUntil(async () => {
      await page.getByRole('button', { name: 'Refresh' }).first().click();
      return /delivered/.test(
        await page
          .locator('.delivery .badge.status-delivered')
          .allInnerTexts()
          .then((t) => t.join()),
      );
    });
    await screenshot(page, '18-profile-webhooks');
    await expectNoAccessibilityViolations(page, 'the webhook deliveries');
  });

  it('edits settings in place, with errors beside the field', async () => {
    await page.getByLabel('Webhook URL', { exact: true }).fill('not a url');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectText(page.locator('#profile-webhook_url-error'), /http or https/);
    await page.getByLabel('Webhook URL', { exact: true }).fill(receiver.url);
    await page.getByLabel('Name', { exact: true }).fill('Alerts US');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading('Alerts US').waitFor();
    expect((await account.get(`/messaging-profiles/${profileId}`)).body.data.name).toBe(
      'Alerts US',
    );
  });

  it("charts the profile's report per day, matching the API", async () => {
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    const report = (
      await account.get(
        `/messaging-profiles/${profileId}/report?from=${today.toISOString()}&to=${new Date().toISOString()}`,
      )
    ).body.data;
    await page.getByRole('button', { name: 'Refresh' }).last().click();
    const legend = page.locator('.legend');
    await expectText(legend, new RegExp(`Delivered ${report.outbound.delivered}\\b`));
    await expectText(legend, /Failed 1\b[\s\S]*Blocked 1\b[\s\S]*Received 1\b[\s\S]*Opt-outs 1\b/);
    await screenshot(page, '19-profile-detail-report');
    await expectNoAccessibilityViolations(page, "the profile's report chart");
  });

  it('pages through a long profile list', async () => {
    for (let i = 1; i <= 20; i += 1) {
      expect((await account.post('/messaging-profiles', { name: `Team ${i}` })).status).toBe(201);
    }
    await section(page, 'Messaging profiles').click();
    const pages = page.getByRole('navigation', { name: 'Pages' });
    await expectText(pages, /Page 1 of 2 · 21 in all/);
    expect(await page.getByRole('rowheader').count()).toBe(20);
    await pages.getByRole('button', { name: 'Next' }).click();
    await expectText(pages, /Page 2 of 2/);
    expect(new URL(page.url()).search).toBe('?page=2');
    await page.getByRole('link', { name: 'Alerts US' }).waitFor(); // the oldest comes last
    expect(await page.getByRole('rowheader').count()).toBe(1);
    await screenshot(page, '20-profiles-page-2');
    await expectNoAccessibilityViolations(page, 'the second page of profiles');
  });

  it('fits a narrow screen without sideways scrolling, and starts keyboard users at Skip to content', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      [`/messaging-profiles/${profileId}`, '21-narrow-profile-detail'],
      ['/numbers', '22-narrow-numbers'],
      ['/messages', '23-narrow-messages'],
    ]) {
      await page.goto(`${service.baseUrl}/portal${path}`);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path, fits: (await horizontalOverflow(page)) <= 0 }).toEqual({ path, fits: true });
      await screenshot(page, name);
      await expectNoAccessibilityViolations(page, `${path} on a narrow screen`);
    }
    await page.keyboard.press('Tab');
    await expectFocus(page, 'textContent', 'Skip to content');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
