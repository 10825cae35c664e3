// The hosted phone sign-in page itself, built as the sandboxes build it and served on loopback,
// in real Chromium (Playwright) against the real Firebase Auth emulator: the journeys a person
// takes, ending (or not) at the extension's redirect URL with the tokens in the fragment.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFirebasePhoneToken, decodeJwt } from '../../sandbox/cube-firebase.ts';
import { startPhoneSignIn, type PhoneSignIn } from '../../sandbox/phone-sign-in.ts';

const CHROME_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const JOURNEY_MS = 45_000;
/** How long a step may take (the SDK's mock reCAPTCHA, the emulator's answers). */
const WAIT = { timeout: 10_000, interval: 100 };

let outDir: string;
let phone: PhoneSignIn;
let browser: Browser;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'phone-page-test-'));
  phone = await startPhoneSignIn({ outDir });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await phone?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}, 30_000);

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen. */
  problems: string[];
  /** Requests that reached an extension redirect host (the navigation with the tokens). */
  redirects: string[];
}

async function open(
  query: Record<string, string>,
  options: { locale?: string; fakeClock?: boolean } = {},
): Promise<Opened> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  const redirects: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs every HTTP error of the Auth service: a wrong code's 400 (as the real service
    // answers), and the emulator's 501 for reCAPTCHA Enterprise's config (the SDK then uses
    // reCAPTCHA v2, as against a project without Enterprise). Anything else is a problem.
    const fromAuth = message.location().url.startsWith(phone.emulator.url);
    if (fromAuth && message.text().startsWith('Failed to load resource')) return;
    problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  // The extension's redirect host does not exist: answer it here, and note that it was reached.
  await context.route(/^https:\/\/[^/]*\.(chromiumapp\.org|allizom\.org|example)\//, (route) => {
    redirects.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/plain', body: 'redirected' });
  });
  if (options.fakeClock) await page.clock.install();
  await page.goto(`${phone.pageUrl}?${new URLSearchParams(query)}`);
  return { context, page, problems, redirects };
}

function fragmentOf(url: string): URLSearchParams {
  return new URLSearchParams(new URL(url).hash.slice(1));
}

async function sendCode(page: Page, typed: string): Promise<void> {
  await page.getByLabel('Phone number').pressSequentially(typed);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect.poll(() => page.getByLabel('Code').isVisible(), WAIT).toBe(true);
}

describe('the phone sign-in page against the Auth emulator', () => {
  it(
    'signs a number in and returns the tokens and the state in the fragment of the redirect',
    async () => {
      const state = 'st4te/with&odd=chars';
      const { context, page, problems, redirects } = await open({
        redirect_uri: CHROME_REDIRECT,
        state,
      });
      expect(await page.getByLabel('Country').inputValue()).toBe('US');
      await page.getByLabel('Phone number').pressSequentially('4155550100');
      // Formatted as typed, for the country chosen.
      expect(await page.getByLabel('Phone number').inputValue()).toBe('(415) 555-0100');
      await page.getByRole('button', { name: 'Send code' }).click();
      await expect
        .poll(() => page.getByRole('status').textContent(), WAIT)
        .toContain('+1 415 555 0100');
      const sendAgain = page.getByRole('button', { name: /Send again/ });
      expect(await sendAgain.isDisabled()).toBe(true);
      expect(await sendAgain.textContent()).toMatch(/^Send again in (30|29) s$/);

      await page.getByLabel('Code').fill(await phone.emulator.latestCode('+14155550100'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.hostname.endsWith('.chromiumapp.org'));

      const landed = new URL(page.url());
      expect(`${landed.origin}${landed.pathname}`).toBe(CHROME_REDIRECT);
      expect(landed.search).toBe(''); // never in the query
      expect(redirects).toEqual([CHROME_REDIRECT]);
      const fragment = fragmentOf(page.url());
      expect([...fragment.keys()]).toEqual(['id_token', 'refresh_token', 'state']);
      expect(fragment.get('state')).toBe(state);
      const idToken = fragment.get('id_token') ?? '';
      expect(decodeJwt(idToken)?.payload).toMatchObject({
        phone_number: '+14155550100',
        aud: phone.emulator.projectId,
        firebase: { sign_in_provider: 'phone' },
      });
      expect(
        checkFirebasePhoneToken(
          { kind: 'emulator', projectId: phone.emulator.projectId },
          phone.emulator.projectId,
          idToken,
          Date.now(),
        ),
      ).toMatchObject({ ok: true, phoneNumber: '+14155550100' });
      // The refresh token renews with no page at all.
      const renewed = await phone.emulator.refresh(fragment.get('refresh_token') ?? '');
      expect(decodeJwt(renewed.id_token)?.payload).toMatchObject({ phone_number: '+14155550100' });
      expect(problems).toEqual([]);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'says a wrong code is wrong, then signs in with the right one',
    async () => {
      const { context, page, problems } = await open({
        redirect_uri: 'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/',
        state: 'firefox-state',
      });
      await page.getByLabel('Country').selectOption('GB');
      await sendCode(page, '07911 123456');
      const right = await phone.emulator.latestCode('+447911123456');
      await page.getByLabel('Code').fill(right === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent(), WAIT)
        .toBe('That code is not right. Check the SMS and try again.');
      expect(await page.getByLabel('Code').getAttribute('aria-invalid')).toBe('true');
      expect(page.url()).toContain(phone.pageUrl);

      await page.getByLabel('Code').fill(right);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.hostname.endsWith('.extensions.allizom.org'));
      expect(fragmentOf(page.url()).get('state')).toBe('firefox-state');
      expect(decodeJwt(fragmentOf(page.url()).get('id_token') ?? '')?.payload).toMatchObject({
        phone_number: '+447911123456',
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'offers "Send again" when the countdown ends, and the new code signs in',
    async () => {
      const { context, page } = await open(
        { redirect_uri: CHROME_REDIRECT, state: 's' },
        { fakeClock: true },
      );
      await sendCode(page, '+4915123456789');
      const sendAgain = page.getByRole('button', { name: /Send again/ });
      expect(await sendAgain.isDisabled()).toBe(true);
      await page.clock.fastForward(31_000);
      await expect.poll(() => sendAgain.textContent(), WAIT).toBe('Send again');
      const before = (await phone.emulator.verificationCodes()).length;
      await sendAgain.click();
      await expect
        .poll(async () => (await phone.emulator.verificationCodes()).length, WAIT)
        .toBe(before + 1);
      await page.getByLabel('Code').fill(await phone.emulator.latestCode('+4915123456789'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.hostname.endsWith('.chromiumapp.org'));
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'refuses a number that is not one, sending nothing',
    async () => {
      const { context, page } = await open({ redirect_uri: CHROME_REDIRECT, state: 's' });
      const before = (await phone.emulator.verificationCodes()).length;
      await page.getByLabel('Phone number').pressSequentially('415 555');
      await page.getByRole('button', { name: 'Send code' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent(), WAIT)
        .toBe('That is not a valid phone number for the country chosen.');
      expect(await page.getByLabel('Phone number').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Code').isVisible()).toBe(false);
      expect((await phone.emulator.verificationCodes()).length).toBe(before);
      await context.close();
    },
    JOURNEY_MS,
  );

  it.each([
    ['an address it was not built for', { redirect_uri: 'https://evil.example/', state: 's' }],
    [
      'a look-alike host',
      { redirect_uri: 'https://abc.chromiumapp.org.evil.example/', state: 's' },
    ],
    ['no redirect_uri', { state: 's' }],
    ['no state', { redirect_uri: CHROME_REDIRECT }],
  ])(
    'shows an error and never signs in nor redirects for %s',
    async (_, query) => {
      const { context, page, redirects } = await open(query);
      await expect
        .poll(() => page.getByRole('alert').textContent(), WAIT)
        .toMatch(/Nothing was sent\./);
      expect(await page.getByLabel('Phone number').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Send code' }).isVisible()).toBe(false);
      await page.waitForTimeout(300);
      expect(page.url()).toContain(phone.pageUrl);
      expect(redirects).toEqual([]);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'speaks German to a German browser',
    async () => {
      const { context, page } = await open(
        { redirect_uri: CHROME_REDIRECT, state: 's' },
        { locale: 'de-DE' },
      );
      expect(await page.getByLabel('Land').inputValue()).toBe('DE');
      await page.getByLabel('Telefonnummer').pressSequentially('0151 23456780');
      await page.getByRole('button', { name: 'Code senden' }).click();
      await expect.poll(() => page.getByLabel('Code').isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('button', { name: 'Anmelden' }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      await context.close();
    },
    JOURNEY_MS,
  );
});
