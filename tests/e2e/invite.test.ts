// The popup's Invite view in the built extension, against the sandbox servers: it lists exactly the
// contacts with a valid number who do not use the app, "Copy invite" puts the invitation on the
// clipboard and marks the contact, and when that contact joins, the notification names the
// invitation. Writes the README's picture of the view (docs/screenshots/popup-invite.png).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright';
import type { InviteRow } from '../../lib/db/schema.ts';
import { DEFAULT_HOMEPAGE_URL } from '../../lib/homepage.ts';
import { ask, createdNotifications, readTable, recordNotifications } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { expectNames, polled, userList } from './newcomer-screens.ts';
import { shootInvite } from './screenshots.ts';
import { cube, google, linkAccounts, resetServers, type Linked } from './setup-account.ts';

const INVITE_LIST = 'Contacts to invite';
const inviteList = (popup: Page) => popup.getByRole('list', { name: INVITE_LIST });
const inviteNames = (popup: Page) => inviteList(popup).locator('.user-name').allTextContents();

/** The popup, switched to its Invite view. */
async function openInvite(ext: LoadedExtension): Promise<Page> {
  const popup = await ext.open('popup.html');
  await popup.getByRole('tab', { name: 'Invite' }).click();
  await inviteList(popup).waitFor();
  return popup;
}

/** The day as the extension writes it ("December 1"): the browser's locale, this year's date. */
function day(page: Page, at: number): Promise<string> {
  return page.evaluate(
    (time) => new Date(time).toLocaleDateString(undefined, { day: 'numeric', month: 'long' }),
    at,
  );
}

describe('the Invite view', () => {
  let ext: LoadedExtension;
  let linked: Linked;
  let popup: Page;

  beforeAll(async () => {
    await resetServers();
    await google().addPeople([
      { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
      { givenName: 'Alan', familyName: 'Turing', phones: ['(212) 555-0102'] },
      { givenName: 'Grace', familyName: 'Hopper', phones: ['212.555.0103'] },
      { givenName: 'Katherine', familyName: 'Johnson', phones: ['+44 20 7946 0958'] },
      { givenName: 'Dorothy', familyName: 'Vaughan', phones: ['+33 6 12 34 56 78'] },
      { givenName: 'Mary', familyName: 'Jackson', phones: ['2125550107'] },
      // Not valid numbers: never entries, so never offered.
      { givenName: 'Short', phones: ['12345'] },
      { givenName: 'Radia', familyName: 'Perlman', phones: ['+999 1234 5678'] },
      { givenName: 'No', familyName: 'Phone' },
    ]);
    // App users before the first sync.
    for (const [login, phone] of [
      ['ada-app', '12125550101'],
      ['kath-app', '442079460958'],
    ]) {
      await cube().registerUser({ login: login!, password: 'pw-app-1', phone: phone! });
    }
    ext = await loadExtension(inject('extensionDir'));
    await recordNotifications(ext);
    linked = await linkAccounts(ext, 'invite-owner');
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('lists exactly the contacts with a valid number who do not use the app, by name', async () => {
    popup = await openInvite(ext);
    await expectInvite(popup, ['Alan Turing', 'Dorothy Vaughan', 'Grace Hopper', 'Mary Jackson']);
    await popup.getByText('Not using the app yet: 4').waitFor();
    const grace = inviteList(popup).getByRole('listitem').filter({ hasText: 'Grace Hopper' });
    // Formatted by the background like the users list: national for the default country.
    expect(await grace.textContent()).toContain('(212) 555-0103');
    expect(await grace.textContent()).not.toContain('Invited');

    await popup.getByLabel('Search').fill('555 0107');
    await expectInvite(popup, ['Mary Jackson']);
    await popup.getByLabel('Search').fill('');
    await expectInvite(popup, ['Alan Turing', 'Dorothy Vaughan', 'Grace Hopper', 'Mary Jackson']);
  });

  it('"Copy invite" puts the invitation on the clipboard and marks the contact invited', async () => {
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.bringToFront();
    const before = Date.now();
    await popup.getByRole('button', { name: 'Copy invite for Grace Hopper' }).click();
    await popup.getByText('Invite for Grace Hopper copied').waitFor();
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(
      "Hi Grace Hopper, I'd like to stay in touch with you in our app. You can get it here: " +
        DEFAULT_HOMEPAGE_URL,
    );
    const invites = await polled(
      async () => (await readTable<InviteRow>(popup, 'invites')).length,
      1,
    );
    expect(invites).toBe(1);
    const [invite] = await readTable<InviteRow>(popup, 'invites');
    expect(invite?.phone).toBe('12125550103');
    expect(invite?.at).toBeGreaterThanOrEqual(before);
    const grace = inviteList(popup).getByRole('listitem').filter({ hasText: 'Grace Hopper' });
    await grace.getByText(`Invited ${await day(popup, invite!.at)}`).waitFor();
    // Only the copied one is marked; the row stays.
    expect(
      await inviteList(popup)
        .getByText(/^Invited /)
        .count(),
    ).toBe(1);
    await expectInvite(popup, ['Alan Turing', 'Dorothy Vaughan', 'Grace Hopper', 'Mary Jackson']);
    await popup.close();

    // Stored: the next opening shows the mark too.
    popup = await openInvite(ext);
    await inviteList(popup)
      .getByText(`Invited ${await day(popup, invite!.at)}`)
      .waitFor();
    await shootInvite(popup);
  });

  it('names the invitation when that contact joins, and no longer offers them', async () => {
    const [invite] = await readTable<InviteRow>(popup, 'invites');
    await cube().registerUser({ login: 'grace-app', password: 'pw-app-1', phone: '12125550103' });
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    expect(await createdNotifications(ext)).toEqual([
      {
        id: expect.stringMatching(/^join-/),
        title: 'Grace Hopper',
        message: `joined — you invited Grace Hopper on ${await day(popup, invite!.at)}.`,
      },
    ]);
    await popup.close();
    popup = await openInvite(ext);
    await expectInvite(popup, ['Alan Turing', 'Dorothy Vaughan', 'Mary Jackson']);
    await popup.getByRole('tab', { name: 'Using the app' }).click();
    await expectNames(popup, ['Grace Hopper', 'Ada Lovelace', 'Katherine Johnson']);
    expect(await userList(popup).getByText('new', { exact: true }).count()).toBe(1);
  });

  it('"Forget everything" deletes the invitations with the rest of the database', async () => {
    expect(await readTable<InviteRow>(popup, 'invites')).toHaveLength(1);
    await ask(linked.page, 'forgetEverything', { removeFirst: false });
    expect(await readTable<InviteRow>(popup, 'invites')).toEqual([]);
  });
});

/** The Invite view lists these names, in this order (it re-renders after each keystroke). */
async function expectInvite(popup: Page, wanted: string[]): Promise<void> {
  const read = async () => JSON.stringify(await inviteNames(popup));
  expect(JSON.parse(await polled(read, JSON.stringify(wanted)))).toEqual(wanted);
}
