import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright';
import { ask, createdNotifications, readTable, recordNotifications } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { badge, idle, polled } from './newcomer-screens.ts';
import { cube, google, linkAccounts, resetServers, type Linked } from './setup-account.ts';
import {
  addressBookPosts,
  openLoginForm,
  storedLocal,
  subscribeAsBrowser,
  workerAlarms,
} from './accounts-helpers.ts';

const OTHER = 'https://www.googleapis.com/auth/contacts.other.readonly';

/** The user's journeys through accounts and consent, through the options page. */
describe('accounts and consent against the sandbox servers', () => {
  let ext: LoadedExtension;
  let linked: Linked;
  let options: Page;
  let bobId = 0;

  beforeAll(async () => {
    await resetServers();
    await google().addPeople([
      { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
      { givenName: 'Alan', familyName: 'Turing', phones: ['(212) 555-0102'] },
      { givenName: 'Grace', familyName: 'Hopper', phones: ['+1 212 555 0103'] },
    ]);
    bobId = (
      await cube().registerUser({
        login: 'bob-acc',
        password: 'bob-pass-1',
        full_name: 'Bob Example',
      })
    ).id;
    ext = await loadExtension(inject('extensionDir'));
    linked = await linkAccounts(ext, 'alice-acc');
    options = linked.page;
    expect((await ask(options, 'syncNow', {})).status).toBe('ok');
    expect(await cube().book(linked.ownerId, linked.udid)).toHaveLength(3);
  });
  afterAll(async () => {
    await cube().setCreateUsersOnSession(false);
    await ext?.close();
  });

  it('signing out deletes the session and the push subscription, and clears consent', async () => {
    await subscribeAsBrowser(linked.udid, 'alice-acc', 'secret-pass');
    expect(await cube().subscriptions(linked.ownerId)).toHaveLength(1);
    const token = (await storedLocal<{ token: string }>(ext, 'cubeAccount'))?.token;
    await options.reload();
    const card = options.getByRole('region', { name: 'ConnectyCube account' });
    await card.getByRole('button', { name: 'Sign out' }).click();
    await openLoginForm(card);
    expect((await cube().sessions()).map((s) => s.token)).not.toContain(token);
    expect(await cube().subscriptions(linked.ownerId)).toEqual([]);
    const status = await ask(options, 'status', {});
    expect(status.consent.consent).toEqual({ state: 'needs-accounts' });
    expect(await storedLocal(ext, 'consent')).toBeNull();
  });

  it('signing in as another account uploads nothing before consent, then a complete book', async () => {
    const card = options.getByRole('region', { name: 'ConnectyCube account' });
    await card.getByLabel('Login or email').fill('bob-acc');
    await card.getByLabel('Password', { exact: true }).fill('bob-pass-1');
    await card.getByRole('button', { name: 'Sign in', exact: true }).click();
    await card.getByText(`Signed in as Bob Example (user ID ${bobId})`).waitFor();
    const consent = options.getByRole('region', { name: 'Consent before the first upload' });
    await consent.getByText('Upload 3 phone numbers and names as Bob Example to').waitFor();
    await cube().clearLog();
    expect((await ask(options, 'syncNow', {})).status).toBe('ok');
    expect(await addressBookPosts()).toEqual([]);

    await consent.getByRole('button', { name: 'Start syncing' }).click();
    await consent.getByText('Syncing is on since').waitFor();
    await idle(options, 'consent');
    // Bob's book is complete: the first upload to a new account is a whole one, not the changes.
    expect(await cube().book(bobId, linked.udid)).toHaveLength(3);
    // Alice's book is hers: nothing was taken from it.
    expect(await cube().book(linked.ownerId, linked.udid)).toHaveLength(3);
  });

  it('a mistyped login on an app that creates users uploads nothing, and "Delete it" removes it', async () => {
    await cube().setCreateUsersOnSession(true);
    const card = options.getByRole('region', { name: 'ConnectyCube account' });
    await card.getByRole('button', { name: 'Sign out' }).click();
    await openLoginForm(card);
    await card.getByLabel('Login or email').fill('bob-acx');
    await card.getByLabel('Password', { exact: true }).fill('bob-pass-1');
    await cube().clearLog();
    await card.getByRole('button', { name: 'Sign in', exact: true }).click();
    await card.getByText('No account with the login “bob-acx” existed').waitFor();
    expect((await cube().users()).map((u) => u.login)).toContain('bob-acx');
    expect((await ask(options, 'syncNow', {})).status).toBe('ok');
    expect(await addressBookPosts()).toEqual([]);

    await card.getByRole('button', { name: 'Delete it' }).click();
    await openLoginForm(card);
    expect((await cube().users()).map((u) => u.login)).not.toContain('bob-acx');
    expect(await addressBookPosts()).toEqual([]);
    await cube().setCreateUsersOnSession(false);
  });

  it('"other contacts" refused on Google\'s screen: the option goes off, contacts still sync', async () => {
    await ask(options, 'cubeSignIn', {
      login: 'bob-acc',
      password: 'bob-pass-1',
      staySignedIn: true,
    });
    await google().refuseScopes([OTHER], { once: true });
    await google().addOtherContacts([{ givenName: 'Other', phones: ['+1 212 555 0199'] }]);
    const card = options.getByRole('region', { name: 'Google account' });
    await card.getByRole('switch', { name: 'Include other contacts' }).click();
    await card.getByText('Google did not allow access to “Other contacts”').waitFor();
    expect(await card.getByRole('switch', { name: 'Include other contacts' }).isChecked()).toBe(
      false,
    );
    await google().clearLog();
    const outcome = await ask(options, 'syncNow', {});
    expect(outcome.status).toBe('ok');
    const paths = (await google().log()).map((e) => e.path);
    expect(paths).toContain('/v1/people/me/connections');
    expect(paths.some((p) => p.includes('otherContacts'))).toBe(false);
  });

  it('without "Stay signed in", an ended session stops syncing with one "sign in again"', async () => {
    await recordNotifications(ext);
    await ask(options, 'cubeSignIn', {
      login: 'bob-acc',
      password: 'bob-pass-1',
      staySignedIn: false,
    });
    expect(JSON.stringify(await storedLocal(ext, 'cubeAccount'))).not.toContain('bob-pass-1');
    await ask(options, 'consent', {});
    await idle(options, 'consent');
    await cube().expireSessions();
    expect((await ask(options, 'syncNow', {})).status).toBe('failed');
    expect(await ask(options, 'syncNow', {})).toEqual({
      status: 'not-ready',
      reason: 'cube-sign-in',
    });
    const signIn = (await createdNotifications(ext)).filter((n) => n.id === 'sign-in-needed');
    expect(signIn).toHaveLength(1);
    expect(await badge(ext)).toBe('!');
    const status = await ask(options, 'status', {});
    expect(status.cube).toMatchObject({
      state: 'signed-in',
      needsSignIn: true,
      staySignedIn: false,
    });
    // Signing in again resumes; consent for this very account still holds.
    await ask(options, 'cubeSignIn', {
      login: 'bob-acc',
      password: 'bob-pass-1',
      staySignedIn: true,
    });
    expect((await ask(options, 'status', {})).consent.consent.state).toBe('given');
    expect(await badge(ext)).toBe('');
  });

  it('Disconnect revokes the Google token; the contacts stay until "Forget"', async () => {
    const token = (await storedLocal<{ accessToken: string }>(ext, 'googleAccount'))?.accessToken;
    expect(token).toBeTruthy();
    const card = options.getByRole('region', { name: 'Google account' });
    await google().clearLog();
    await card.getByRole('button', { name: 'Disconnect' }).click();
    await card.getByRole('button', { name: 'Connect Google' }).waitFor();
    const revokes = (await google().log()).filter((e) => e.path === '/revoke');
    expect(revokes.map((e) => e.status)).toEqual([200]);
    const listing = await fetch(
      `${inject('googleUrl')}/v1/people/me/connections?personFields=names`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(listing.status).toBe(401);
    expect((await ask(options, 'status', {})).google.contactCount).toBe(3);
  });

  it('Forget everything during a running sync: removes, revokes, signs out, and nothing runs after', async () => {
    await ask(options, 'connectGoogle', { includeOther: false });
    await idle(options);
    await subscribeAsBrowser(linked.udid, 'bob-acc', 'bob-pass-1');
    await options.reload();
    // A slow Google: the sync is still running when the user forgets. Long enough for the clicks
    // below on a busy machine; the stop aborts the request, so the test does not wait for it.
    await google().injectFaults('/v1/people/me/connections', [{ kind: 'delay', ms: 15000 }]);
    // Asked from the popup: the options page is reloaded meanwhile.
    const popup = await ext.open('popup.html');
    const running = ask(popup, 'syncNow', {});
    await polled(async () => (await ask(options, 'status', {})).syncing, true);
    const token = (await storedLocal<{ token: string }>(ext, 'cubeAccount'))?.token;

    await google().clearLog();
    const privacy = options.getByRole('region', { name: 'Privacy' });
    await privacy.getByRole('button', { name: 'Forget everything on this device' }).click();
    await privacy.getByText('still holds 3 entries').waitFor();
    await privacy.getByRole('button', { name: 'Remove from the server first' }).click();
    await options
      .getByRole('region', { name: 'Google account' })
      .getByText('Not connected.')
      .waitFor();
    expect((await running).status).toBe('stopped');
    // The Google card changes half-way through Forget (Google is disconnected first): its last
    // steps (the session ended on the server, alarms, tables) may still be going on a busy machine.
    const forgotten = async () =>
      !(await cube().sessions()).some((s) => s.token === token) &&
      (await workerAlarms(ext)).length === 0 &&
      (await readTable(options, 'meta')).length === 0;
    await polled(forgotten, true, 150);

    expect(await cube().book(bobId, linked.udid)).toEqual([]);
    expect((await google().log()).filter((e) => e.path === '/revoke')).toHaveLength(1);
    expect((await cube().sessions()).map((s) => s.token)).not.toContain(token);
    expect(await cube().subscriptions(bobId)).toEqual([]);
    expect(await workerAlarms(ext)).toEqual([]);
    for (const table of [
      'peopleBuckets',
      'entryBuckets',
      'ackedBuckets',
      'registered',
      'runs',
      'meta',
    ])
      expect(await readTable(options, table)).toEqual([]);
    expect(await storedLocal(ext, 'cubeAccount')).toBeNull();
    // The first-run page.
    await openLoginForm(options.getByRole('region', { name: 'ConnectyCube account' }));

    // The request the slow Google was holding when the sync stopped has had its answer by now.
    await options.waitForTimeout(4_100);
    await google().clearLog();
    await cube().clearLog();
    await options.waitForTimeout(2_000);
    expect(await google().log()).toEqual([]);
    expect(await cube().log()).toEqual([]);
  });
});
