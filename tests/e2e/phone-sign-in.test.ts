// Phone sign-in in Chromium, through the real hosted page against the Firebase Auth emulator: the
// options card opens the page in launchWebAuthFlow's window (a new page of the context); the user
// types the number and the SMS code (read from the emulator). The journeys: the window closed, a
// wrong code then the right one and a sync, the session ended on the server renewed with no window,
// and a new number's guard. The Firefox twin is phone-sign-in-firefox.test.ts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright';
import { ask } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { idle } from './newcomer-screens.ts';
import { addressBookPosts, storedLocal } from './accounts-helpers.ts';
import { shootPhoneCard, shootPhonePage } from './screenshots.ts';
import { cube, firebase, resetServers } from './setup-account.ts';
import { PHONE_PEOPLE, PHONE_USER, WRONG_CODE, phoneSetup } from './phone-helpers.ts';

describe('phone sign-in in Chromium', () => {
  let ext: LoadedExtension;
  let options: Page;
  let ownerId = 0;

  const card = () => options.getByRole('region', { name: 'ConnectyCube account' });
  const phoneButton = () => card().getByRole('button', { name: 'Sign in with your phone number' });

  /** Clicks the phone button and returns the sign-in window once the page is in it. */
  async function openWindow(): Promise<Page> {
    const opened = ext.context.waitForEvent('page');
    await phoneButton().click();
    const window = await opened;
    await window.waitForURL((url) => url.href.startsWith(inject('phoneSignInUrl')));
    await window.getByLabel('Phone number').waitFor();
    return window;
  }

  /** Types the number (national, the US preselected) and waits for the code field. */
  async function sendCode(window: Page, national: string): Promise<void> {
    await window.getByLabel('Phone number').pressSequentially(national);
    await window.getByRole('button', { name: 'Send code' }).click();
    await window.getByLabel('Code').waitFor();
  }

  async function enterCode(window: Page, code: string): Promise<void> {
    await window.getByLabel('Code').fill(code);
    await window.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  beforeAll(async () => {
    await resetServers();
    ownerId = await phoneSetup();
    ext = await loadExtension(inject('extensionDir'));
    options = await ext.open('options.html');
    await phoneButton().waitFor();
  });
  afterAll(async () => {
    await cube().setCreateUsersOnSession(false);
    await ext?.close();
  });

  it('the phone is the first choice; the window closed changes nothing and says so', async () => {
    const buttons = await card().getByRole('button').allTextContents();
    expect(buttons[0]).toBe('Sign in with your phone number');
    expect(await card().getByLabel('Password', { exact: true }).isVisible()).toBe(false);
    await shootPhoneCard(options);
    await cube().clearLog();
    const window = await openWindow();
    await window.close();
    await card()
      .getByText(
        'Sign-in failed: The sign-in window was closed before you finished. Nothing changed.',
      )
      .waitFor();
    expect(await storedLocal(ext, 'cubeAccount')).toBeNull();
    expect(await cube().log()).toEqual([]);
    expect((await ask(options, 'status', {})).cube.state).toBe('signed-out');
  });

  it('a wrong code is named, the right one signs in; the user syncs', async () => {
    const window = await openWindow();
    await sendCode(window, PHONE_USER.national);
    const code = await firebase().latestCode(PHONE_USER.e164);
    await window.getByLabel('Code').fill(code);
    await shootPhonePage(window);
    await enterCode(window, code === WRONG_CODE ? '111111' : WRONG_CODE);
    await window
      .getByRole('alert')
      .getByText('That code is not right. Check the SMS and try again.')
      .waitFor();
    const closed = window.waitForEvent('close');
    await enterCode(window, code);
    // The redirect ends the flow: the browser closes the window itself.
    await closed;
    await card().getByText(`Signed in as ${PHONE_USER.name} (${PHONE_USER.shown})`).waitFor();

    await ask(options, 'connectGoogle', { includeOther: false });
    const consent = options.getByRole('region', { name: 'Consent before the first upload' });
    await consent.getByText(`as ${PHONE_USER.name}`, { exact: false }).waitFor();
    await consent.getByRole('button', { name: 'Start syncing' }).click();
    const status = await idle(options, 'consent');
    expect(status.lastRun?.status).toBe('ok');
    const udid = await storedLocal<string>(ext, 'udid');
    expect(await cube().book(ownerId, udid ?? '')).toHaveLength(PHONE_PEOPLE.length);
    // Never a password: the account keeps the Firebase refresh token ("Stay signed in" is on).
    const stored = JSON.stringify(await storedLocal(ext, 'cubeAccount'));
    expect(stored).toContain('"method":"phone"');
    expect(stored).toContain('refreshToken');
    expect(stored).not.toMatch(/password/i);
  });

  it('"Stay signed in": the session ended on the server, the next sync renews it with no window', async () => {
    const before = (await cube().sessions()).map((s) => s.token);
    const pages = ext.context.pages().length;
    await cube().expireSessions();
    await cube().clearLog();
    const outcome = await ask(options, 'syncNow', {});
    expect(outcome.status).toBe('ok');
    const sessions = (await cube().log()).filter((e) => e.path === '/session');
    expect(sessions).toEqual([
      expect.objectContaining({
        method: 'POST',
        status: 201,
        body: expect.objectContaining({ provider: 'firebase_phone' }),
      }),
    ]);
    const after = await cube().sessions();
    expect(after.map((s) => s.user_id)).toEqual([ownerId]);
    expect(before).not.toContain(after[0]?.token);
    expect(ext.context.pages()).toHaveLength(pages);
    await options.reload();
    await card().getByText(`Signed in as ${PHONE_USER.name} (${PHONE_USER.shown})`).waitFor();
  });

  it('a new number: the guard, nothing uploaded before "Keep it"', async () => {
    await card().getByRole('button', { name: 'Sign out' }).click();
    await phoneButton().waitFor();
    await cube().setCreateUsersOnSession(true);
    const window = await openWindow();
    await sendCode(window, '4155550199');
    await enterCode(window, await firebase().latestCode('+14155550199'));
    await card()
      .getByRole('alert')
      .getByText(/^A new account was created for \+1 415 555 0199/)
      .waitFor();
    const created = (await cube().users()).find((u) => u.phone === '14155550199');
    expect(created).toMatchObject({ login: null, email: null });
    await cube().clearLog();
    // A sync runs, and uploads nothing to the account nobody chose yet.
    await ask(options, 'syncNow', {});
    expect(await addressBookPosts()).toEqual([]);

    await card().getByRole('button', { name: 'Keep it' }).click();
    await card().getByText(`Signed in as +1 415 555 0199 (user ID ${created?.id})`).waitFor();
    // A new account: consent is asked again before anything goes there.
    expect(await addressBookPosts()).toEqual([]);
  });
});
