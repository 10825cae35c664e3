import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ask, createdNotifications, recordNotifications } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { expectNames, idle } from './newcomer-screens.ts';
import { cube, google, linkAccounts, resetServers, type Linked } from './setup-account.ts';

const NAMES = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'];

/** Every name the address-book uploads carried since the log was cleared. */
async function namesSent(): Promise<string[]> {
  const log = await cube().log();
  return log
    .filter((e) => e.method === 'POST' && e.path === '/address_book')
    .flatMap((e) => (e.body as { contacts: { name?: string }[] }).contacts)
    .flatMap((c) => (c.name === undefined ? [] : [c.name]));
}

/** "Send names to the server", chosen on the options page the way a user does: it applies at once. */
async function chooseNames(linked: Linked, on: boolean): Promise<void> {
  const settings = linked.page.getByRole('region', { name: 'Sync settings' });
  await settings.getByRole('checkbox', { name: 'Send names to the server' }).setChecked(on);
  await settings.getByText('Saved').waitFor();
}

/** Names-free: the server's book holds numbers only, while the user still sees their names. */
describe('names-free mode', () => {
  let ext: LoadedExtension;
  let linked: Linked;

  beforeAll(async () => {
    await resetServers();
    await google().addPeople([
      { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
      { givenName: 'Alan', familyName: 'Turing', phones: ['(212) 555-0102'] },
      { givenName: 'Grace', familyName: 'Hopper', phones: ['+1 212 555 0103'] },
    ]);
    ext = await loadExtension(inject('extensionDir'));
    await recordNotifications(ext);
    linked = await linkAccounts(ext, 'owner-names-free', false);
    await linked.page.reload();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('the consent names what is sent, and the server book then holds no contact name', async () => {
    await chooseNames(linked, false);
    const consent = linked.page.getByRole('region', { name: 'Consent before the first upload' });
    await consent.getByText(/^Upload 3 phone numbers, without names, as Owner to /).waitFor();
    await cube().clearLog();
    await consent.getByRole('button', { name: 'Start syncing' }).click();
    await idle(linked.page, 'consent');
    const book = await cube().book(linked.ownerId, linked.udid);
    expect(book.map((e) => e.phone).sort()).toEqual(['12125550101', '12125550102', '12125550103']);
    for (const entry of book) expect(entry.name).toBe(entry.phone);
    expect((await namesSent()).filter((name) => NAMES.includes(name))).toEqual([]);
    await consent
      .getByText("Only numbers are uploaded: your contacts' names stay in this browser.")
      .waitFor();
  });

  it('a contact who joins is shown and notified under the name the user gave them', async () => {
    await cube().registerUser({
      login: 'ada-joins',
      password: 'pw-ada-1',
      full_name: 'A. L.',
      phone: '12125550101',
    });
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    expect((await createdNotifications(ext)).map((n) => n.title)).toEqual(['Ada Lovelace']);
    const popup = await ext.open('popup.html');
    await expectNames(popup, ['Ada Lovelace']);
    await popup.close();
  });

  it('turning names on asks again, and nothing named is sent before the user agrees', async () => {
    await chooseNames(linked, true);
    const consent = linked.page.getByRole('region', { name: 'Consent before the first upload' });
    await consent.getByText(/^What you agreed to changed/).waitFor();
    await cube().clearLog();
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    expect(await namesSent()).toEqual([]);
    await consent.getByRole('button', { name: 'Start syncing' }).click();
    await idle(linked.page, 'consent');
    const book = await cube().book(linked.ownerId, linked.udid);
    expect(book.map((e) => e.name).sort()).toEqual(NAMES);
  });
});
