// "Sign in with your phone number" through the background, over the real Firebase Auth emulator
// (started once for the file) and the in-process ConnectyCube sandbox checking its tokens: the
// request the UI sends, the firebase_phone session, where the refresh token lives, the renewal
// with no window, the account a new number created, and what a closed window changes (nothing).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CubeSessionEndedError } from '@/lib/connectycube/errors';
import { defaultRetryDeps } from '@/lib/net/sleep';
import {
  FirebaseRefreshRefusedError,
  idTokenPhone,
  refreshIdToken,
  secureTokenEndpoint,
} from '@/lib/phone/firebase-token';
import { cubeAccountItem, googleAccountItem } from '@/lib/settings';
import { startAuthEmulator, type AuthEmulator } from '../../sandbox/firebase-emulator.ts';
import { useEnglish } from '../english.ts';
import { realPhone } from './real-phone.ts';
import { calls, service } from './service-harness.ts';

const NUMBER = '+14155550100';
const SHOWN = '+1 415 555 0100';
let emulator: AuthEmulator;

beforeAll(async () => {
  emulator = await startAuthEmulator();
}, 90_000);
afterAll(() => emulator?.stop(), 30_000);
beforeEach(async () => {
  useEnglish();
  await emulator.clearAccounts();
  // Google is connected: a confirmed account syncs at once (the harness's engine records it).
  await googleAccountItem.setValue({ scopes: [], needsReconnect: false, connectedAt: 0 });
});

const local = async () => JSON.stringify(await fakeBrowser.storage.local.get());
const session = async () => JSON.stringify(await fakeBrowser.storage.session.get());
const restart = () => fakeBrowser.storage.session.clear();
const phoneSignIn = (staySignedIn = true) => ({ type: 'cubePhoneSignIn' as const, staySignedIn });

/** The sandbox with a user of the mobile app who signed up with NUMBER, well before this test. */
function withPhoneUser() {
  const real = realPhone(emulator);
  const user = real.cube.registerPhoneUser({ phone: '14155550100', full_name: 'Ada Phone' });
  real.clock.advance(5 * 60_000);
  return { ...real, user, s: service(real.client, real.phone) };
}

/** The stored account's Firebase refresh token (undefined for none, or a login account). */
async function refreshToken(): Promise<string | undefined> {
  const c = (await cubeAccountItem.getValue())?.credentials;
  return c?.method === 'phone' ? c.refreshToken : undefined;
}

describe('phone sign-in', () => {
  it('an existing user: a firebase_phone session, the number shown, no password anywhere, a sync', async () => {
    const { s, steps, cube, user, windows } = withPhoneUser();
    steps.push({ number: NUMBER });
    const reply = await s.handle(phoneSignIn());
    expect(reply.ok).toBe(true);
    expect((await s.status()).cube).toMatchObject({
      state: 'signed-in',
      user: { id: user.id, fullName: 'Ada Phone' },
      phone: SHOWN,
      staySignedIn: true,
      needsSignIn: false,
    });
    // The page was opened with the browser's redirect URL and a state.
    expect(windows[0]?.searchParams.get('redirect_uri')).toBe(
      'https://abcdefghijklmnop.chromiumapp.org/',
    );
    expect(windows[0]?.searchParams.get('state')).toMatch(/^state-\d+$/);
    // The session: provider and a nested firebase_phone object, nothing of a login.
    const post = cube.log.entries.find((e) => e.method === 'POST' && e.path === '/session');
    expect(post?.body).toEqual({
      application_id: cube.defaultApp.applicationId,
      auth_key: cube.defaultApp.authKey,
      provider: 'firebase_phone',
      firebase_phone: { project_id: emulator.projectId, access_token: expect.any(String) },
    });
    expect(post?.status).toBe(201);
    // With "Stay signed in" the refresh token is in storage.local; never a password.
    const stored = await cubeAccountItem.getValue();
    expect(stored?.credentials).toMatchObject({ method: 'phone', phone: NUMBER });
    expect(await local()).toContain((await refreshToken()) ?? 'no refresh token');
    expect(await local()).not.toMatch(/password/i);
    expect(calls).toContain('run signed-in');
    expect((await s.status()).consent.accountName).toBe('Ada Phone');
  });

  it('a new number: the guard, nothing synced before "Keep it"; "Delete it" deletes only that account', async () => {
    const { s, steps, cube, user } = withPhoneUser();
    cube.updateApp(cube.defaultApp.applicationId, { createUsersOnSession: true });
    steps.push({ number: '+14155550199' });
    expect((await s.handle(phoneSignIn())).ok).toBe(true);
    const shown = (await s.status()).cube;
    expect(shown).toMatchObject({ state: 'confirm-new', phone: '+1 415 555 0199' });
    if (shown.state !== 'confirm-new') throw new Error('no guard');
    // A user made on the fly has no name, login nor email: the page names it by its number.
    expect(shown.user).toEqual({ id: shown.user.id });
    expect(calls.filter((c) => c.startsWith('run'))).toEqual([]);
    // Another sign-in waits for the answer, named by the number.
    const refused = await s.handle({
      type: 'cubeSignIn',
      login: 'someone',
      password: 'pw',
      staySignedIn: true,
      app: { endpoint: 'https://cube.example', applicationId: '1', authKey: 'k' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'cube-unconfirmed', message: expect.stringContaining('“+1 415 555 0199”') },
    });

    const reply = await s.handle({ type: 'cubeConfirmNew', keep: false, userId: shown.user.id });
    expect(reply.ok).toBe(true);
    expect(cube.listUsers().map((u) => u.id)).toEqual([user.id]);
    expect((await s.status()).cube.state).toBe('signed-out');
    expect(await refreshToken()).toBeUndefined();
    expect(await local()).not.toContain('cubeAccount":{');
  });

  it('a new number kept: it syncs from then on', async () => {
    const { s, steps, cube } = withPhoneUser();
    cube.updateApp(cube.defaultApp.applicationId, { createUsersOnSession: true });
    steps.push({ number: '+14155550199' });
    await s.handle(phoneSignIn());
    const shown = (await s.status()).cube;
    if (shown.state !== 'confirm-new') throw new Error('no guard');
    await s.handle({ type: 'cubeConfirmNew', keep: true, userId: shown.user.id });
    expect((await s.status()).cube).toMatchObject({ state: 'signed-in', phone: '+1 415 555 0199' });
    expect(calls).toContain('run signed-in');
  });

  it('an unknown number where the app creates no users: refused, nothing stored', async () => {
    const { s, steps } = withPhoneUser();
    steps.push({ number: '+14155550199' });
    const reply = await s.handle(phoneSignIn());
    expect(reply).toMatchObject({ ok: false, error: { kind: 'cube-refused' } });
    expect(await cubeAccountItem.getValue()).toBeNull();
  });

  it('a closed window changes nothing and says so', async () => {
    const { s, steps, cube, requests } = withPhoneUser();
    steps.push({ number: NUMBER });
    await s.handle(phoneSignIn());
    const before = await cubeAccountItem.getValue();
    cube.log.clear();
    steps.push('close');
    expect(await s.handle(phoneSignIn(false))).toEqual({
      ok: false,
      error: {
        kind: 'other',
        message: 'The sign-in window was closed before you finished. Nothing changed.',
      },
    });
    expect(requests()).toEqual([]);
    expect(await cubeAccountItem.getValue()).toEqual(before);
  });

  it('"Stay signed in": a session ended on the server renews through the refresh token, no window', async () => {
    const { s, steps, cube, client, requests, refreshes, windows } = withPhoneUser();
    steps.push({ number: NUMBER });
    await s.handle(phoneSignIn());
    const first = await cubeAccountItem.getValue();
    cube.expireSessions();
    cube.log.clear();
    await client.registeredUsers(undefined);
    expect(requests()).toEqual([
      'GET /address_book/registered_users 401',
      'POST /session 201',
      'GET /address_book/registered_users 200',
    ]);
    expect(refreshes).toEqual([
      first?.credentials.method === 'phone' && first.credentials.refreshToken,
    ]);
    expect(windows).toHaveLength(1);
    const after = await cubeAccountItem.getValue();
    expect(after?.token).not.toBe(first?.token);
    expect(after?.user.id).toBe(first?.user.id);
    // The new session came from a new ID token.
    const tokens = cube.log.entries
      .filter((e) => e.path === '/session')
      .map((e) => (e.body as { firebase_phone: { access_token: string } }).firebase_phone);
    expect(tokens).toHaveLength(1);
  });

  it('without "Stay signed in": the refresh token lives in storage.session, and a restart asks for a sign-in', async () => {
    const { s, steps, cube, client } = withPhoneUser();
    steps.push({ number: NUMBER });
    await s.handle(phoneSignIn(false));
    const token = (await refreshToken()) ?? 'none';
    expect(await local()).not.toContain(token);
    expect(await session()).toContain(token);
    expect((await s.status()).cube).toMatchObject({ staySignedIn: false, needsSignIn: false });
    // While the browser runs, an ended session still renews with no window.
    cube.expireSessions();
    await client.registeredUsers(undefined);
    // After a restart nothing is left to renew with: the card asks for a sign-in by phone.
    await restart();
    expect(await refreshToken()).toBeUndefined();
    expect((await s.status()).cube).toMatchObject({ phone: SHOWN, needsSignIn: true });
    expect(await s.sync('scheduled')).toEqual({ status: 'not-ready', reason: 'cube-sign-in' });
  });

  it('a refresh token Firebase refuses is forgotten, and the user is asked to sign in', async () => {
    const { s, steps, cube, client } = withPhoneUser();
    steps.push({ number: NUMBER });
    await s.handle(phoneSignIn());
    const account = await cubeAccountItem.getValue();
    if (account?.credentials.method !== 'phone') throw new Error('not a phone account');
    await cubeAccountItem.setValue({
      ...account,
      credentials: { ...account.credentials, refreshToken: 'revoked-refresh-token' },
    });
    cube.expireSessions();
    await expect(client.registeredUsers(undefined)).rejects.toBeInstanceOf(CubeSessionEndedError);
    expect(await refreshToken()).toBeUndefined();
    expect((await s.status()).cube).toMatchObject({ state: 'signed-in', needsSignIn: true });
  });

  it('a number that now leads to another user is not renewed into it', async () => {
    const { s, steps, cube, client, user } = withPhoneUser();
    steps.push({ number: NUMBER });
    await s.handle(phoneSignIn());
    // The user deleted the account in the app; a sign-in with the number now makes a new one.
    cube.deleteUser(user.id);
    cube.updateApp(cube.defaultApp.applicationId, { createUsersOnSession: true });
    cube.log.clear();
    await expect(client.registeredUsers(undefined)).rejects.toBeInstanceOf(CubeSessionEndedError);
    expect(cube.log.entries.filter((e) => e.path.startsWith('/address_book'))).toHaveLength(1);
    expect((await s.status()).cube).toMatchObject({ user: { id: user.id }, needsSignIn: true });
  });

  it('sign out and "Forget everything" forget the refresh token', async () => {
    const { s, steps } = withPhoneUser();
    steps.push({ number: NUMBER }, { number: NUMBER });
    await s.handle(phoneSignIn(false));
    const first = (await refreshToken()) ?? 'none';
    expect((await s.handle({ type: 'cubeSignOut' })).ok).toBe(true);
    expect(await local()).not.toContain(first);
    expect(await session()).not.toContain(first);
    await s.handle(phoneSignIn(true));
    const second = (await refreshToken()) ?? 'none';
    expect((await s.handle({ type: 'forgetEverything', removeFirst: false })).ok).toBe(true);
    expect(await local()).not.toContain(second);
    expect(await session()).not.toContain(second);
  });

  it('is refused where the build or browser does not offer it', async () => {
    const { client } = withPhoneUser();
    const s = service(client);
    expect((await s.status()).cube).toMatchObject({ state: 'signed-out', phoneSignIn: false });
    expect(await s.handle(phoneSignIn())).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
  });
});

describe('the secure token endpoint (renewal with no window)', () => {
  it("is Google's, or the emulator's copy in sandboxes", () => {
    expect(secureTokenEndpoint('AIza-key')).toBe(
      'https://securetoken.googleapis.com/v1/token?key=AIza-key',
    );
    expect(secureTokenEndpoint('k', 'http://127.0.0.1:9099/')).toBe(
      'http://127.0.0.1:9099/securetoken.googleapis.com/v1/token?key=k',
    );
  });

  it('renews an ID token for the same number, and names a refused refresh token', async () => {
    const endpoint = secureTokenEndpoint(emulator.apiKey, emulator.url);
    const signIn = await emulator.signInWithPhone(NUMBER);
    const renewed = await refreshIdToken(endpoint, signIn.refreshToken, defaultRetryDeps());
    expect(idTokenPhone(renewed.idToken)).toBe(NUMBER);
    expect(renewed.refreshToken).toMatch(/.+/);
    const refused = await refreshIdToken(endpoint, 'no-such-token', defaultRetryDeps()).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(FirebaseRefreshRefusedError);
    expect(refused).toMatchObject({ status: 400, reason: 'INVALID_REFRESH_TOKEN' });
  });
});
