// A newcomer's path through the screens of the built extension, against the sandbox servers:
// the popup's "Set up", the options page's forms and consent, the popup's list, a join with its
// badge, the search. Only reading state to assert uses the protocol. At the end it writes the
// README's screenshots to docs/screenshots/.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright';
import { ask, createdNotifications, recordNotifications } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { pageBackground, shootOptions, shootPopup } from './screenshots.ts';
import { ACCOUNT_AGE_MS } from '../tools/build-env.ts';
import { cube, google, resetServers } from './setup-account.ts';
import {
  addressBookUploads,
  type WorkerChrome,
  badge,
  expectNames,
  idle,
  polled,
  userList,
  userNames,
} from './newcomer-screens.ts';

const OWNER = { login: 'olivia', password: 'olivia-pass-1', name: 'Olivia Owner' };
const HOSTILE = '<img src=x onerror=alert(1)>';

describe("a newcomer's path through the screens", () => {
  let ext: LoadedExtension;
  let options: Page;
  let popup: Page;
  let ownerId: number;
  let hostileRef: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    await resetServers();
    const refs = await google().addPeople([
      { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
      { givenName: 'Alan', familyName: 'Turing', phones: ['(212) 555-0102'] },
      { givenName: 'Grace', familyName: 'Hopper', phones: ['212.555.0103 ext. 12'] },
      { givenName: HOSTILE, phones: ['+1 212 555 0104'] },
      { givenName: 'Katherine', familyName: 'Johnson', phones: ['+44 20 7946 0958'] },
      { givenName: 'Dorothy', familyName: 'Vaughan', phones: ['+33 6 12 34 56 78'] },
      { givenName: 'Mary', familyName: 'Jackson', phones: ['2125550107'] },
      { givenName: 'Margaret', familyName: 'Hamilton', phones: ['+1 (646) 555-0108'] },
      { givenName: 'Edsger', familyName: 'Dijkstra', phones: ['+31 6 12345678'] },
      { givenName: 'Barbara', familyName: 'Liskov', phones: ['011 49 30 12345678'] },
      {
        givenName: 'Frances',
        familyName: 'Allen',
        phones: ['+1 415 555 0111', { value: 'tel:+1-212-555-0113', type: 'work' }],
      },
      { givenName: 'Radia', familyName: 'Perlman', phones: ['+999 1234 5678'] },
    ]);
    hostileRef = refs[3]!;
    ownerId = (
      await cube().registerUser({
        login: OWNER.login,
        password: OWNER.password,
        full_name: OWNER.name,
        phone: '19995550000',
      })
    ).id;
    // App users before the first sync: the baseline, listed but never a "join".
    await cube().registerUser({
      login: 'ada-app',
      password: 'pw-ada-1',
      full_name: 'Ada L.',
      phone: '12125550101',
    });
    await cube().registerUser({
      login: 'kath-app',
      password: 'pw-kath-1',
      full_name: 'Katherine J.',
      phone: '442079460958',
    });
    await cube().registerUser({
      login: 'hedy-app',
      password: 'pw-hedy-1',
      full_name: 'Hedy L.',
      phone: '12125550104',
    });
    await cube().advanceClock(ACCOUNT_AGE_MS);
    await cube().clearLog();
    ext = await loadExtension(inject('extensionDir'));
    ext.context.on('page', (page) =>
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      }),
    );
    await recordNotifications(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('starts with the popup\'s "Set up", which opens the options page', async () => {
    popup = await ext.open('popup.html');
    await popup.getByText('Not set up yet').waitFor();
    await popup
      .getByText('Connect your Google contacts and your ConnectyCube app to see which contacts')
      .waitFor();
    expect(await popup.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    const [opened] = await Promise.all([
      ext.context.waitForEvent('page'),
      popup.getByRole('button', { name: 'Set up' }).click(),
    ]);
    options = opened;
    await options.waitForLoadState();
    expect(options.url()).toBe(`chrome-extension://${ext.extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Cube Contacts settings' }).waitFor();
    await options
      .getByRole('region', { name: 'Consent before the first upload' })
      .getByText('Connect both accounts first. Nothing is uploaded until you agree here.')
      .waitFor();
    await popup.close();
  });

  it("signs in to ConnectyCube, showing the server's refusal of a wrong password first", async () => {
    const card = options.getByRole('region', { name: 'ConnectyCube account' });
    // The build has phone sign-in: it comes first, the login and password behind a disclosure.
    await card.getByRole('button', { name: 'Sign in with your phone number' }).waitFor();
    expect(await card.getByLabel('Login or email').isVisible()).toBe(false);
    await card.getByText('Use a login and password instead').click();
    // The app is built in: a user sees only their own login and password (the rest is Advanced).
    const visibleFields = await card
      .locator('details.use-password input:visible')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).type));
    expect(visibleFields).toEqual(['text', 'password', 'checkbox']);
    expect(
      await card
        .locator('details.use-password')
        .getByLabel('Stay signed in on this device')
        .isChecked(),
    ).toBe(true);
    expect(await card.getByLabel('Application ID').isVisible()).toBe(false);
    await card.getByText('Advanced').waitFor();
    await card.getByLabel('Login or email').fill(OWNER.login);
    await card.getByLabel('Password', { exact: true }).fill('not-the-password');
    await card.getByRole('button', { name: 'Sign in', exact: true }).click();
    const refusal = card.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Sign-in failed: Unauthorized');

    await card.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await card.getByRole('button', { name: 'Sign in', exact: true }).click();
    await card.getByText(`Signed in as ${OWNER.name} (user ID ${ownerId})`).waitFor();
    expect(await card.getByRole('alert').count()).toBe(0);
    expect(await card.getByLabel('Password', { exact: true }).count()).toBe(0);
    await card.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('connects Google and counts the imported contacts', async () => {
    const card = options.getByRole('region', { name: 'Google account' });
    await card.getByText('Not connected.').waitFor();
    await card.getByRole('button', { name: 'Connect Google' }).click();
    await card.getByText('Connected as sandbox.user@example.com — 12 contacts').waitFor();
    await card.getByRole('button', { name: 'Disconnect' }).waitFor();
    expect(await card.getByRole('button', { name: 'Connect Google' }).count()).toBe(0);
  });

  it('says what will be sent, sends nothing before "Start syncing", then syncs', async () => {
    const card = options.getByRole('region', { name: 'Consent before the first upload' });
    const host = new URL(inject('cubeUrl')).host;
    await card
      .getByText(
        `Upload 12 phone numbers and names as ${OWNER.name} to ${host}, into this browser's own address book.`,
      )
      .waitFor();
    await card
      .getByText('Phone numbers that cannot be read and are not sent: 1 (see Activity).')
      .waitFor();
    // Connecting Google ran an import; nothing reached the address book.
    await idle(options, 'google-connected');
    expect(await addressBookUploads()).toBe(0);

    await card.getByRole('button', { name: 'Start syncing' }).click();
    await card.getByText('Syncing is on since').waitFor();
    const status = await idle(options, 'consent');
    expect(status.lastRun?.status).toBe('ok');
    expect(await addressBookUploads()).toBeGreaterThan(0);

    const activity = options.getByRole('region', { name: 'Activity' });
    const run = activity.getByRole('row').filter({ hasText: 'Start syncing' });
    await run.getByText('OK', { exact: true }).waitFor();
    expect(await run.textContent()).toContain('added 12,');
    const skipped = activity.getByRole('row').filter({ hasText: 'Radia Perlman' });
    expect(await skipped.textContent()).toContain('+999 1234 5678');

    const udid = await ext.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      return (await api.storage.local.get('udid')).udid ?? '';
    });
    const book = await cube().book(ownerId, udid);
    expect(book).toHaveLength(12);
    expect(book.find((c) => c.phone === '12125550104')?.name).toBe(HOSTILE);
    // The phone's own (global) book is left alone.
    expect(await cube().book(ownerId)).toEqual([]);
  });

  it('lists the contacts who use the app by their address-book names, markup as text', async () => {
    popup = await ext.open('popup.html');
    await popup.getByText('Synced just now').waitFor();
    await userList(popup).waitFor();
    await expectNames(popup, [HOSTILE, 'Ada Lovelace', 'Katherine Johnson']);
    await popup.getByText('Using the app: 3').waitFor();
    const hostile = userList(popup).getByText(HOSTILE, { exact: true });
    expect(await hostile.isVisible()).toBe(true);
    // The name is text: no element was made of it, no script ran.
    expect(await popup.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    const first = userList(popup).getByRole('listitem').first();
    expect(await first.textContent()).toContain('in the app: Hedy L.');
    expect(await first.textContent()).toContain('(212) 555-0104');
    expect(await userList(popup).getByText('+44 20 7946 0958').count()).toBe(1);
    // Nobody joined: the baseline is not news.
    expect(await userList(popup).getByText('new', { exact: true }).count()).toBe(0);
    expect(await badge(ext)).toBe('');
  });

  it('shows a join on top marked "new", with the badge until the popup is opened', async () => {
    await cube().registerUser({
      login: 'alan-app',
      password: 'pw-alan-1',
      full_name: 'Alan T.',
      phone: '12125550102',
    });
    // The hostile contact gets a real name in Google: the list follows the address book.
    await google().updatePerson(hostileRef, { givenName: 'Hedy', familyName: 'Lamarr' });
    const syncNow = popup.getByRole('button', { name: 'Sync now' });
    await syncNow.click();
    const top = userList(popup).getByRole('listitem').first();
    await top.getByText('Alan Turing').waitFor();
    expect(await top.getByText('new', { exact: true }).isVisible()).toBe(true);
    expect(await polled(() => syncNow.isEnabled(), true)).toBe(true);
    await idle(popup, 'manual');
    await expectNames(popup, ['Alan Turing', 'Ada Lovelace', 'Hedy Lamarr', 'Katherine Johnson']);
    expect(await top.textContent()).toContain('in the app: Alan T.');

    // The popup that was open during the sync did not see the join: the badge counts it.
    expect(await badge(ext)).toBe('1');
    expect(await createdNotifications(ext)).toEqual([
      expect.objectContaining({ title: 'Alan Turing' }),
    ]);
    await popup.close();

    // Opening the popup marks it seen: the badge clears, but it stays "new" for this opening.
    popup = await ext.open('popup.html');
    await userList(popup).getByText('Alan Turing').waitFor();
    expect(await polled(() => badge(ext), '')).toBe('');
    expect((await ask(popup, 'status', {})).unseenJoins).toBe(0);
    await expectNames(popup, ['Alan Turing', 'Ada Lovelace', 'Hedy Lamarr', 'Katherine Johnson']);
    const again = userList(popup).getByRole('listitem').first();
    expect(await again.getByText('new', { exact: true }).isVisible()).toBe(true);
    expect(await userList(popup).getByText('new', { exact: true }).count()).toBe(1);
    expect(dialogs).toEqual([]);
  });

  it('filters the list by part of a name and by digits of a phone', async () => {
    const search = popup.getByLabel('Search');
    const summary = popup.getByText(/^(Using the app|Matching):/);

    await search.fill('kath');
    await expectNames(popup, ['Katherine Johnson']);
    expect(await summary.textContent()).toMatch(/^Matching: 1 of 4 · /);

    await search.fill('LOVE');
    await expectNames(popup, ['Ada Lovelace']);

    await search.fill('555 0102');
    await expectNames(popup, ['Alan Turing']);

    await search.fill('(212) 555-01');
    await expectNames(popup, ['Alan Turing', 'Ada Lovelace', 'Hedy Lamarr']);

    await search.fill('+44 20');
    await expectNames(popup, ['Katherine Johnson']);

    await search.fill('nobody');
    await popup.getByText('No contact matches “nobody”.').waitFor();
    expect(await userList(popup).count()).toBe(0);

    await search.fill('');
    expect(await userNames(popup)).toHaveLength(4);
    expect(await summary.textContent()).toMatch(/^Using the app: 4 · /);
  });

  it('writes the screenshots of the popup (light, dark) and of the options page', async () => {
    const { light, dark } = await shootPopup(popup);
    expect(light).toBe('rgb(255, 255, 255)');
    expect(dark).toBe('rgb(22, 24, 28)');
    expect(await pageBackground(popup)).toBe(light);

    await options.reload();
    await options.getByText(`Signed in as ${OWNER.name}`).waitFor();
    await options
      .getByRole('region', { name: 'Activity' })
      .getByRole('row')
      .filter({ hasText: 'Sync now' })
      .getByText('OK', { exact: true })
      .waitFor();
    await shootOptions(options);
  });
});
