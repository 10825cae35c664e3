// Phone sign-in in Firefox ESR (headless, puppeteer over WebDriver BiDi), through the real hosted
// page against the Firebase Auth emulator: launchWebAuthFlow's window is a new target at the
// page's URL, driven like any page; its redirect to `https://<hash>.extensions.allizom.org/#…`
// ends the flow. The same journeys as phone-sign-in.test.ts (Chromium).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { askFirefox, loadFirefoxExtension, readLocal, type FirefoxExtension } from './firefox.ts';
import { addressBookPosts } from './accounts-helpers.ts';
import { cube, firebase, resetServers } from './setup-account.ts';
import { PHONE_PEOPLE, PHONE_USER, WRONG_CODE, phoneSetup } from './phone-helpers.ts';

const WAIT = { timeout: 20_000 };

describe('phone sign-in in Firefox ESR', () => {
  let ext: FirefoxExtension | undefined;
  let options: Page;
  let ownerId = 0;

  const firefox = (): FirefoxExtension => {
    if (!ext) throw new Error('Firefox did not start (see beforeAll)');
    return ext;
  };

  /** Clicks a button of the ConnectyCube card by its text, as a user would. */
  async function clickInCard(text: string): Promise<void> {
    const button = await options.waitForSelector(
      `section[aria-labelledby] ::-p-text(${text})`,
      WAIT,
    );
    await button?.click();
  }

  /** Waits until the ConnectyCube card shows this text. */
  async function cardSays(text: string): Promise<void> {
    await options.waitForFunction(
      (wanted) =>
        [...document.querySelectorAll('section[aria-labelledby]')].some((s) =>
          s.textContent?.includes(wanted),
        ),
      WAIT,
      text,
    );
  }

  /** Clicks "Sign in with your phone number" and returns the sign-in window's page. */
  async function openWindow(): Promise<Page> {
    const page = inject('phoneSignInUrl');
    const target = firefox().browser.waitForTarget((t) => t.url().startsWith(page), WAIT);
    await clickInCard('Sign in with your phone number');
    const window = await (await target).page();
    if (!window) throw new Error('the sign-in window has no page');
    await window.waitForSelector('#phone', { visible: true, ...WAIT });
    return window;
  }

  async function sendCode(window: Page, national: string): Promise<void> {
    await window.type('#phone', national);
    await window.click('#send-code');
    await window.waitForSelector('#code', { visible: true, ...WAIT });
  }

  async function enterCode(window: Page, code: string): Promise<void> {
    await window.$eval('#code', (input) => ((input as HTMLInputElement).value = ''));
    await window.type('#code', code);
    await window.click('#sign-in');
  }

  beforeAll(async () => {
    await resetServers();
    ownerId = await phoneSetup();
    ext = await loadFirefoxExtension(inject('firefoxExtensionDir'));
    options = await firefox().open('options.html');
    await cardSays('Sign in with your phone number');
  });
  afterAll(async () => {
    await cube().setCreateUsersOnSession(false);
    await ext?.close();
  });

  it('the window closed changes nothing and says so', async () => {
    await cube().clearLog();
    const window = await openWindow();
    // Firefox's own redirect URL (identity.getRedirectURL()), as Firefox requires.
    const redirect = new URL(new URL(window.url()).searchParams.get('redirect_uri') ?? '');
    expect(redirect.hostname).toMatch(/^[0-9a-f]+\.extensions\.allizom\.org$/);
    await window.close();
    await cardSays('The sign-in window was closed before you finished. Nothing changed.');
    expect(await readLocal(options, 'cubeAccount')).toBeUndefined();
    expect(await cube().log()).toEqual([]);
  });

  it('a wrong code is named, the right one signs in; the user syncs', async () => {
    const window = await openWindow();
    await sendCode(window, PHONE_USER.national);
    const code = await firebase().latestCode(PHONE_USER.e164);
    await enterCode(window, code === WRONG_CODE ? '111111' : WRONG_CODE);
    await window.waitForFunction(
      () =>
        document.querySelector('#message')?.textContent ===
        'That code is not right. Check the SMS and try again.',
      WAIT,
    );
    await enterCode(window, code);
    await cardSays(`Signed in as ${PHONE_USER.name} (${PHONE_USER.shown})`);
    // The page came back to Firefox's own redirect URL.
    const status = await askFirefox(options, 'status', {});
    expect(status.cube).toMatchObject({ state: 'signed-in', user: { id: ownerId } });

    await askFirefox(options, 'connectGoogle', { includeOther: false });
    await askFirefox(options, 'consent', {});
    expect((await askFirefox(options, 'syncNow', {})).status).toBe('ok');
    const udid = (await readLocal(options, 'udid')) as string;
    expect(await cube().book(ownerId, udid)).toHaveLength(PHONE_PEOPLE.length);
    const stored = JSON.stringify(await readLocal(options, 'cubeAccount'));
    expect(stored).toContain('refreshToken');
    expect(stored).not.toMatch(/password/i);
  });

  it('"Stay signed in": the session ended on the server, the next sync renews it with no window', async () => {
    const targets = firefox().browser.targets().length;
    await cube().expireSessions();
    await cube().clearLog();
    expect((await askFirefox(options, 'syncNow', {})).status).toBe('ok');
    const sessions = (await cube().log()).filter((e) => e.path === '/session');
    expect(sessions).toEqual([
      expect.objectContaining({
        status: 201,
        body: expect.objectContaining({ provider: 'firebase_phone' }),
      }),
    ]);
    expect((await cube().sessions()).map((s) => s.user_id)).toEqual([ownerId]);
    expect(firefox().browser.targets()).toHaveLength(targets);
  });

  it('a new number: the guard, nothing uploaded before "Keep it"', async () => {
    await clickInCard('Sign out');
    await cardSays('Sign in with your phone number');
    await cube().setCreateUsersOnSession(true);
    const window = await openWindow();
    await sendCode(window, '4155550199');
    await enterCode(window, await firebase().latestCode('+14155550199'));
    await cardSays('A new account was created for +1 415 555 0199');
    const created = (await cube().users()).find((u) => u.phone === '14155550199');
    expect(created).toMatchObject({ login: null, email: null });
    await cube().clearLog();
    await askFirefox(options, 'syncNow', {});
    expect(await addressBookPosts()).toEqual([]);
    await clickInCard('Keep it');
    await cardSays(`Signed in as +1 415 555 0199 (user ID ${created?.id})`);
    expect(await addressBookPosts()).toEqual([]);
  });
});
