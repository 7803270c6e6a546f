import type { Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { startTestService, TestService } from '../../support/test-service';
import {
  Browser,
  describeInBrowser,
  expectNoAccessibilityViolations,
  expectText,
  openBrowser,
  screenshot,
  section,
  expectFocus,
  expectValue,
} from './portal-browser';

type Client = ApiClient & { accountId: string };
const FIRST = '+12025550101';
const SECOND = '+12025550102';

/** The seed's walk, clicked through in Chromium against the real service. */
describeInBrowser('portal: the seed walk in a browser', () => {
  let service: TestService;
  let account: Client;
  let browser: Browser;
  let page: Page;
  let supportId: string;

  beforeAll(async () => {
    service = await startTestService();
    account = await service.newAccount('Portal');
    browser = await openBrowser();
    page = browser.page;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const numbersOf = async (id: string) =>
    (
      (await account.get(`/messaging-profiles/${id}/numbers`)).body.data as {
        phone_number: string;
      }[]
    )
      .map((n) => n.phone_number)
      .sort();

  it('sends a signed-out visitor to sign in, refuses a bad key beside the field, takes a good one', async () => {
    await page.goto(`${service.baseUrl}/portal/numbers`);
    await heading('Sign in').waitFor();
    await page.getByLabel('API key').fill('blx_not-a-real-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.locator('#api-key-error'), /not accepted/);
    await screenshot(page, '01-sign-in-refused');
    await expectNoAccessibilityViolations(page, 'sign-in with the key refused');

    await page.getByLabel('API key').fill(account.apiKey as string);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Manage numbers').waitFor(); // back where the visitor was going
    expect(await page.evaluate('sessionStorage.getItem("blocx.apiKey")')).toBe(account.apiKey);
  });

  it('shows the empty profile list with New profile', async () => {
    await section(page, 'Messaging profiles').click();
    await page.getByText('No messaging profiles yet.').waitFor();
    await screenshot(page, '02-profiles-empty');
    await expectNoAccessibilityViolations(page, 'the empty profile list');
  });

  it('New profile shows the API defaults, puts API field errors beside their fields, then saves', async () => {
    const probe = await service.newAccount('Defaults probe');
    const defaults = (await probe.post('/messaging-profiles', { name: 'Probe' })).body.data;

    await page.getByRole('link', { name: 'New profile' }).click();
    await heading('New profile').waitFor();
    // After an in-app navigation the new page's heading has focus (announced, keyboard starts there).
    await expectFocus(page, 'textContent', 'New profile');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Opt-out keywords').inputValue()).toBe('STOP');
    expect(await page.getByLabel('Opt-in keywords').inputValue()).toBe('START');
    expect(await page.getByLabel('Help keywords').inputValue()).toBe('HELP');
    expect(await page.getByLabel('Opt-out message').inputValue()).toBe(defaults.opt_out.message);
    expect(await page.getByLabel('Opt-in message').inputValue()).toBe(defaults.opt_in.message);
    expect(await page.getByLabel('Help message').inputValue()).toBe(defaults.help.message);
    expect(await chosenCountries(page)).toEqual(['United States US']);
    for (const event of defaults.webhook_events as string[]) {
      expect(await page.getByRole('checkbox', { name: event }).isChecked()).toBe(true);
    }
    await screenshot(page, '03-new-profile-defaults');
    await expectNoAccessibilityViolations(page, 'New profile');

    await page.getByLabel('Webhook URL', { exact: true }).fill('ftp://example.com/hooks');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(page.locator('#profile-name-error'), /1 to 100 characters/);
    await expectText(page.locator('#profile-webhook_url-error'), /http or https/);
    await expectFocus(page, 'id', 'profile-name');
    await screenshot(page, '04-new-profile-field-errors');
    await expectNoAccessibilityViolations(page, 'New profile with field errors');

    await page.getByLabel('Name', { exact: true }).fill('Support');
    await page.getByLabel('Webhook URL', { exact: true }).fill('https://example.com/hooks');
    // The country picker by keyboard only: type, arrow, Enter.
    await page.getByLabel('Add a country').fill('canad');
    await page.getByLabel('Add a country').press('ArrowDown');
    await page.getByLabel('Add a country').press('ArrowUp');
    await expectNoAccessibilityViolations(page, 'the country picker with its options open');
    await page.getByLabel('Add a country').press('Enter');
    expect(await chosenCountries(page)).toEqual(['United States US', 'Canada CA']);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await heading('Support').waitFor();
    supportId = page.url().split('/').pop() as string;
    const saved = (await account.get(`/messaging-profiles/${supportId}`)).body.data;
    expect(saved).toMatchObject({
      name: 'Support',
      webhook_url: 'https://example.com/hooks',
      allowed_countries: ['US', 'CA'],
      opt_out: defaults.opt_out,
      opt_in: defaults.opt_in,
      help: defaults.help,
    });
  });

  it('opens the detail page from the seed address /messaging-profiles/<id>', async () => {
    await page.goto(`${service.baseUrl}/messaging-profiles/${supportId}`);
    await heading('Support').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/messaging-profiles/${supportId}`);
    const asApi = await account.get(`/messaging-profiles/${supportId}`, {
      accept: 'application/json',
    });
    expect(asApi.status).toBe(200);
    const noKey = await fetch(`${service.baseUrl}/messaging-profiles/${supportId}`, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
    });
    expect(noKey.status).toBe(401);
    await page.getByText('0 numbers assigned').waitFor();
    await expectNoAccessibilityViolations(page, 'the profile detail page');
  });

  it('adds two numbers at Numbers → Manage', async () => {
    await section(page, 'Numbers').click();
    await heading('Manage numbers').waitFor();
    await page.getByLabel('Phone number').fill('12345');
    await page.getByRole('button', { name: 'Add number' }).click();
    await expectText(page.locator('#add-phone-number-error'), /E\.164/);
    for (const number of [FIRST, SECOND]) {
      await page.getByLabel('Phone number').fill(number);
      await page.getByRole('button', { name: 'Add number' }).click();
      await page.getByRole('status').getByText(`Added ${number}.`).waitFor();
    }
    await page.getByRole('rowheader', { name: new RegExp(`\\${SECOND}`) }).waitFor();
    await screenshot(page, '05-numbers-added');
    await expectNoAccessibilityViolations(page, 'Numbers → Manage with numbers');
  });

  it('assigns both numbers from the profile page', async () => {
    await page.goto(`${service.baseUrl}/portal/messaging-profiles/${supportId}`);
    await page.getByRole('button', { name: 'Assign numbers' }).click();
    await page.getByRole('checkbox', { name: new RegExp(`\\${FIRST}.*unassigned`) }).check();
    await page.getByRole('checkbox', { name: new RegExp(`\\${SECOND}.*unassigned`) }).check();
    await page.getByRole('button', { name: 'Assign 2 numbers' }).click();
    await page.getByText('2 numbers assigned').waitFor();
    expect(await numbersOf(supportId)).toEqual([FIRST, SECOND]);
    await screenshot(page, '06-profile-detail-two-numbers');
  });

  it('moves one number to another profile, the picker saying where it is now', async () => {
    const marketing = (await account.post('/messaging-profiles', { name: 'Marketing' })).body.data;
    await page.goto(`${service.baseUrl}/portal/messaging-profiles/${marketing.id}`);
    await page.getByRole('button', { name: 'Assign numbers' }).click();
    const second = page.getByRole('checkbox', {
      name: new RegExp(`\\${SECOND}.*now on Support; assigning moves it here`),
    });
    await second.check();
    await screenshot(page, '07-assign-panel-moves');
    await expectNoAccessibilityViolations(page, 'the assign panel');
    await page.getByRole('button', { name: 'Assign 1 number' }).click();
    await page.getByText('1 number assigned').waitFor();
    expect(await numbersOf(marketing.id)).toEqual([SECOND]);
    expect(await numbersOf(supportId)).toEqual([FIRST]);
  });

  it('refuses to delete a profile with numbers, with the reason and a link to Numbers → Manage', async () => {
    await page.goto(`${service.baseUrl}/portal/messaging-profiles/${supportId}`);
    await page.getByText('1 number assigned').waitFor();
    await page.getByRole('button', { name: 'Delete profile' }).click();
    await expectNoAccessibilityViolations(page, 'the delete confirmation');
    await page.getByRole('button', { name: 'Delete for good' }).click();
    const alert = page.getByRole('alert');
    await expectText(alert, /still has 1 number/);
    await expectText(alert, /profile_has_numbers/);
    await expectFocus(page, 'textContent', 'Delete profile');
    await screenshot(page, '08-delete-refused');
    await expectNoAccessibilityViolations(page, 'the delete refusal');
    await alert.getByRole('link', { name: 'Numbers → Manage' }).click();
    await heading('Manage numbers').waitFor();
    await expectValue(page.getByLabel('Profile', { exact: true }), supportId);
  });

  it('releases the number there, then deletes the profile', async () => {
    await page.getByRole('button', { name: `Release ${FIRST}` }).click();
    await page.getByRole('button', { name: 'Release for good' }).click();
    await page.getByText('No numbers on this profile.').waitFor();
    expect((await account.get(`/numbers/${encodeURIComponent(FIRST)}`)).status).toBe(404);
    await screenshot(page, '09-number-released');

    await page.goBack();
    await heading('Support').waitFor();
    await page.getByText('0 numbers assigned').waitFor();
    await page.getByRole('button', { name: 'Delete profile' }).click();
    await page.getByRole('button', { name: 'Delete for good' }).click();
    await heading('Messaging profiles').waitFor();
    await page.getByText('Profile "Support" deleted.').waitFor();
    expect(await page.getByRole('link', { name: 'Support', exact: true }).count()).toBe(0);
    expect((await account.get(`/messaging-profiles/${supportId}`)).status).toBe(404);
    await screenshot(page, '10-profile-deleted');
    await expectNoAccessibilityViolations(page, 'the profile list after a delete');
  });

  it('signs out: the key is forgotten and pages ask to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading('Sign in').waitFor();
    expect(await page.evaluate('sessionStorage.getItem("blocx.apiKey")')).toBeNull();
    await page.goto(`${service.baseUrl}/portal/messaging-profiles`);
    await heading('Sign in').waitFor();
  });
});

async function chosenCountries(page: Page): Promise<string[]> {
  const chips = page.getByRole('list', { name: 'Chosen countries' }).getByRole('listitem');
  return (await chips.allInnerTexts()).map((text) =>
    text.replace('×', '').replace(/\s+/g, ' ').trim(),
  );
}
