import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RETRY_ALARM } from '@/lib/background/schedule';
import { consentItem, cubeAccountItem, DEFAULT_SETTINGS, settingsItem } from '@/lib/settings';
import { calls, db, service, signInRequest } from './service-harness.ts';

/** Lets the push registration started in the background run to its end (the fakes need no timer). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('background service: accounts and consent', () => {
  const signIn = signInRequest;

  it('without a built-in app, a sign-in must name one', async () => {
    const reply = await service().handle({
      type: 'cubeSignIn',
      login: 'l',
      password: 'p',
      staySignedIn: true,
    });
    expect(reply).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'app-required' } });
  });

  it("tells the pages who is signed in in the domain's words, not ConnectyCube's profile fields", async () => {
    const s = service();
    await s.handle(signIn('alice'));
    const cube = (await s.status()).cube;
    expect(cube.state === 'signed-in' && cube.user).toEqual({ id: 81, fullName: 'alice' });
  });

  it('binds consent to the account: another account asks again, naming it', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    let status = await s.status();
    expect(status.consent.consent).toEqual({ state: 'given', at: 1_000 });
    expect(await consentItem.getValue()).toEqual({
      at: 1_000,
      endpoint: 'https://api.example.com',
      applicationId: '7',
      userId: 81,
      book: 'own',
      names: true,
      // The harness's Google account has neither id nor email: this very connection is named.
      google: 'connected:0',
    });
    // Consent comes before the push subscription: it is made only now.
    expect(calls).toContain('subscribe');
    await s.handle(signIn('bob'));
    status = await s.status();
    expect(status.consent.consent).toEqual({ state: 'needed', changed: true });
    expect(status.consent.accountName).toBe('bob');
    // Switching the book is another destination too.
    await s.handle(signIn('alice'));
    expect((await s.status()).consent.consent.state).toBe('given');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, bookMode: 'global' });
    expect((await s.status()).consent.consent).toEqual({ state: 'needed', changed: true });
  });

  it('consent to numbers alone does not cover names: turning names on asks again', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'saveSettings', settings: { sendNames: false } });
    await s.handle({ type: 'consent' });
    let status = await s.status();
    expect(status.consent.sendNames).toBe(false);
    expect((await consentItem.getValue())?.names).toBe(false);
    await s.handle({ type: 'saveSettings', settings: { sendNames: true } });
    status = await s.status();
    expect(status.consent.consent).toEqual({ state: 'needed', changed: true });
    expect(status.consent.sendNames).toBe(true);
    // Fewer than agreed to is still covered: numbers alone after agreeing to names. But consent
    // narrows with it: turning names back on asks again.
    await s.handle({ type: 'consent' });
    await s.handle({ type: 'saveSettings', settings: { sendNames: false } });
    expect((await s.status()).consent.consent.state).toBe('given');
    expect((await consentItem.getValue())?.names).toBe(false);
    await s.handle({ type: 'saveSettings', settings: { sendNames: true } });
    expect((await s.status()).consent.consent).toEqual({ state: 'needed', changed: true });
  });

  it('turning names off stops a run already uploading (it read its settings when it began)', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    calls.length = 0;
    await s.handle({ type: 'saveSettings', settings: { sendNames: false } });
    expect(calls[0]).toBe('stop');
    // Turning them on stops nothing: no name is withheld by letting the run finish.
    calls.length = 0;
    await s.handle({ type: 'saveSettings', settings: { sendNames: true } });
    expect(calls).not.toContain('stop');
  });

  it('turning names off without consent (a removal under way withdrew it) stops nothing', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    calls.length = 0;
    await s.handle({ type: 'saveSettings', settings: { sendNames: false } });
    expect(calls).not.toContain('stop');
    expect(await consentItem.getValue()).toBeNull();
  });

  it('a sign-in that created the account on the fly waits for keep or delete', async () => {
    const s = service();
    await s.handle(signIn('new'));
    const status = await s.status();
    expect(status.cube.state).toBe('confirm-new');
    expect(status.consent.consent).toEqual({ state: 'needs-accounts' });
    expect(calls.filter((c) => c.startsWith('run'))).toEqual([]);
    await s.handle({ type: 'cubeConfirmNew', keep: false, userId: 81 });
    expect(calls).toContain('deleteAccount 81');
  });

  it('sign-out stops the sync, deletes the push subscription and the session, and clears consent', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    calls.length = 0;
    await s.handle({ type: 'cubeSignOut' });
    expect(calls).toEqual(['stop', 'unsubscribe', 'browser unsubscribe', 'signOut']);
    expect(await consentItem.getValue()).toBeNull();
    expect((await s.status()).cube.state).toBe('signed-out');
  });

  it('a session that ended without a kept password stops syncing and says so once', async () => {
    const s = service();
    await s.handle(signIn('alice', false));
    const account = await cubeAccountItem.getValue();
    expect(account?.credentials).not.toHaveProperty('password');
    // The session vanished: the client dropped the token and could not renew it.
    await cubeAccountItem.setValue({ ...account!, token: undefined });
    expect(await s.sync('scheduled')).toEqual({ status: 'not-ready', reason: 'cube-sign-in' });
    const status = await s.status();
    expect(status.cube).toMatchObject({
      state: 'signed-in',
      staySignedIn: false,
      needsSignIn: true,
    });
  });

  it('forget everything stops the sync, revokes, signs out, clears alarms, storage and the database', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    await s.schedule();
    await fakeBrowser.alarms.create(RETRY_ALARM, { delayInMinutes: 1 });
    await db.people.put({
      resourceName: 'people/1',
      source: 'contact',
      etag: 'e',
      displayName: 'Ana',
      phones: [],
      claims: [],
    });
    await s.handle({ type: 'markInvited', phone: '12125550101' });
    expect(await db.invites.count()).toBe(1);
    calls.length = 0;
    const reply = await s.handle({ type: 'forgetEverything', removeFirst: true });
    expect(reply.ok).toBe(true);
    expect(calls).toEqual([
      'stop',
      'run remove remove',
      'revoke',
      'unsubscribe',
      'browser unsubscribe',
      'signOut',
      'clearAll',
    ]);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    expect(await fakeBrowser.storage.local.get()).toEqual({});
    expect(await db.people.count()).toBe(0);
    expect(await db.runs.count()).toBe(0);
    expect(await db.invites.count()).toBe(0);
    const status = await s.status();
    expect(status.google.connected).toBe(false);
    expect(status.cube.state).toBe('signed-out');
    // First run: nothing is scheduled, and a scheduled wake-up finds nothing to do.
    await s.schedule();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it("signing in to another account deletes this device's subscription first, with the session that made it", async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    await vi.waitFor(() => expect(calls).toContain('subscribe'));
    calls.length = 0;
    await s.handle(signIn('bob'));
    await settle();
    expect(calls.slice(0, 3)).toEqual([
      'unsubscribe',
      'browser unsubscribe',
      'signIn bob stay=true',
    ]);
    // Bob has agreed to nothing: no subscription is made for him.
    expect(calls).not.toContain('subscribe');
    expect(calls).not.toContain('browser subscribe');
  });

  it("a failed sign-in to another account brings the first one's subscription back", async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    await vi.waitFor(() => expect(calls).toContain('subscribe'));
    calls.length = 0;
    const reply = await s.handle({ ...signIn('bob'), password: 'wrong' });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'cube-refused' } });
    await settle();
    expect(calls).toEqual([
      'unsubscribe',
      'browser unsubscribe',
      'signIn bob stay=true',
      // Alice is still signed in, with consent: registered again.
      'browser subscribe',
      'unsubscribe',
      'subscribe',
    ]);
  });

  it('switching the book deletes the subscription; consent for the new book registers it again', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    await vi.waitFor(() => expect(calls).toContain('subscribe'));
    calls.length = 0;
    await s.handle({ type: 'saveSettings', settings: { bookMode: 'global' } });
    expect(calls).toContain('unsubscribe');
    expect(calls).toContain('browser unsubscribe');
    await settle();
    expect(calls).not.toContain('subscribe');
    await s.handle({ type: 'consent' });
    await vi.waitFor(() => expect(calls).toContain('subscribe'));
  });

  it('pushsubscriptionchange registers the new subscription only with consent for this account and book', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    calls.length = 0;
    await s.renewPush();
    expect(calls).not.toContain('subscribe');
    expect(calls).not.toContain('browser subscribe');
    expect(calls).toContain('browser unsubscribe');
    await s.handle({ type: 'consent' });
    await settle();
    calls.length = 0;
    await s.renewPush();
    expect(calls).toEqual(['browser subscribe', 'unsubscribe', 'subscribe']);
    // Consent given for the own book does not cover the shared one.
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, bookMode: 'global' });
    calls.length = 0;
    await s.renewPush();
    expect(calls).toEqual(['unsubscribe', 'browser unsubscribe']);
  });

  it('turning notifications off deletes the push subscription; "other contacts" off narrows Google', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, includeOther: true });
    calls.length = 0;
    await s.handle({
      type: 'saveSettings',
      settings: { notifications: false, includeOther: false },
    });
    expect(calls).toContain('unsubscribe');
    expect(calls).toContain('browser unsubscribe');
    expect(calls).toContain('dropScope https://www.googleapis.com/auth/contacts.other.readonly');
  });
});
