// `POST /session` with `provider: "firebase_phone"`: the sandbox checks the Firebase ID token as
// the Admin SDK does against the Auth emulator, then finds the user by phone or creates one.
// Tokens here are made like the emulator's (unsigned); the real emulator's are used in
// firebase-emulator.test.ts and connectycube-sdk-phone.test.ts.

import { describe, expect, it } from 'vitest';
import { createdBySignIn } from '@/lib/connectycube/on-the-fly';
import { checkFirebasePhoneToken, type FirebaseAuthMode } from '../../sandbox/cube-firebase.ts';
import { cubeFixture, unsignedJwt } from './fixtures.ts';

const PROJECT = 'demo-cube-contacts';
const EMULATOR: FirebaseAuthMode = { kind: 'emulator', projectId: PROJECT };
const NOW = Date.UTC(2026, 10, 1, 10, 0, 0);
const UNAUTHORIZED = { errors: { base: ['Unauthorized'] } };
const BOTH_BLANK = { errors: { base: ["Both user login and email can't be blank"] } };

/** The claims of an emulator token for +1 415 555 0100, issued `ageS` seconds before NOW. */
function claims(overrides: Record<string, unknown> = {}, ageS = 60): Record<string, unknown> {
  const iat = Math.floor(NOW / 1000) - ageS;
  return {
    iss: `https://securetoken.google.com/${PROJECT}`,
    aud: PROJECT,
    auth_time: iat,
    user_id: 'firebase-uid-1',
    sub: 'firebase-uid-1',
    iat,
    exp: iat + 3600,
    phone_number: '+14155550100',
    firebase: { identities: { phone: ['+14155550100'] }, sign_in_provider: 'phone' },
    ...overrides,
  };
}

function phoneFixture(firebase: FirebaseAuthMode = EMULATOR) {
  const fixture = cubeFixture({ firebase });
  const { app, call } = fixture;
  const signIn = (token: string, projectId = PROJECT, extra: Record<string, unknown> = {}) =>
    call('POST', '/session', {
      body: {
        application_id: app.applicationId,
        auth_key: app.authKey,
        provider: 'firebase_phone',
        firebase_phone: { project_id: projectId, access_token: token },
        ...extra,
      },
    });
  return { ...fixture, signIn };
}

type SessionBody = { session: { token: string; user_id: number; created_at: string; user: Json } };
type Json = Record<string, unknown>;

describe('connectycube sandbox: firebase_phone sessions', () => {
  it('opens a session for the user whose phone the token proves', async () => {
    const { state, signIn, clock, call } = phoneFixture();
    const user = state.registerUser({ login: 'gaston', password: 'pw-1', phone: '14155550100' });
    clock.advance(10 * 60_000); // an account made before this sign-in
    const answer = await signIn(unsignedJwt(claims({}, 60 - 600)));
    expect(answer.status).toBe(201);
    const { session } = answer.body as SessionBody;
    expect(session).toMatchObject({
      user_id: user.id,
      token: expect.stringMatching(/^[0-9a-f]{40}$/),
      user: { id: user.id, login: 'gaston', phone: '14155550100' },
    });
    expect(createdBySignIn(session.user, session.created_at, clock.now())).toBe(false);
    // The token works like any session's.
    const current = await call('GET', '/session', { token: session.token });
    expect(current).toMatchObject({ status: 200, body: { session: { user_id: user.id } } });
    expect(JSON.stringify(answer.body)).not.toContain('pw-1');
  });

  it('creates a user with that phone (no login, no password) when the app allows it, and the client can tell', async () => {
    const { state, signIn, clock, call, app } = phoneFixture();
    state.updateApp(app.applicationId, { createUsersOnSession: true });
    const answer = await signIn(unsignedJwt(claims()));
    expect(answer.status).toBe(201);
    const { session } = answer.body as SessionBody;
    expect(session.user).toMatchObject({
      login: null,
      email: null,
      phone: '14155550100',
      full_name: null,
      created_at: '2026-11-01T10:00:00Z',
    });
    // The same rule the extension applies to a login created on the fly.
    expect(createdBySignIn(session.user, session.created_at, clock.now())).toBe(true);
    expect(state.listUsers()).toHaveLength(1);

    // The same phone again: the same user, no second account.
    clock.advance(5 * 60_000);
    const again = await signIn(unsignedJwt(claims({}, 60 - 300)));
    const second = (again.body as SessionBody).session;
    expect(second.user_id).toBe(session.user_id);
    expect(createdBySignIn(second.user, second.created_at, clock.now())).toBe(false);
    expect(state.listUsers()).toHaveLength(1);
    // Such a user has no password: a login/password sign-in cannot reach them.
    const byPassword = await call('POST', '/session', {
      body: {
        application_id: app.applicationId,
        auth_key: app.authKey,
        user: { login: '14155550100', password: '' },
      },
    });
    expect(byPassword.status).toBe(422);
  });

  it('records the "contact joined" push when a new phone user signs up', async () => {
    const { state, signIn, app } = phoneFixture();
    state.updateApp(app.applicationId, { createUsersOnSession: true });
    const owner = state.registerUser({ login: 'owner', password: 'pw' });
    state.addToBook(owner.id, [{ name: 'Gaston Center', phone: '14155550100' }]);
    await signIn(unsignedJwt(claims()));
    expect(state.joinEvents).toEqual([
      expect.objectContaining({ toUserId: owner.id, phone: '14155550100' }),
    ]);
  });

  it('refuses an unknown phone when the app denies creating users on the fly (the default)', async () => {
    const { state, signIn } = phoneFixture();
    const answer = await signIn(unsignedJwt(claims()));
    expect(answer).toMatchObject({ status: 401, body: UNAUTHORIZED });
    expect(state.listUsers()).toEqual([]);
    expect(state.sessions.list()).toEqual([]);
  });

  it.each([
    ['an expired token', claims({}, 3600)],
    ['a token for another audience', claims({ aud: 'demo-other' })],
    ['a token from another issuer', claims({ iss: 'https://securetoken.google.com/demo-other' })],
    ['an email sign-in', claims({ firebase: { sign_in_provider: 'password' } })],
    ['an anonymous sign-in', claims({ firebase: { sign_in_provider: 'anonymous' } })],
    ['a token without a phone number', claims({ phone_number: undefined })],
    ['a token without a subject', claims({ sub: '' })],
  ])('refuses %s with a 401 and opens no session', async (_, payload) => {
    const { state, signIn, app } = phoneFixture();
    state.updateApp(app.applicationId, { createUsersOnSession: true });
    state.registerUser({ login: 'gaston', password: 'pw-1', phone: '14155550100' });
    const answer = await signIn(unsignedJwt(payload));
    expect(answer).toMatchObject({ status: 401, body: UNAUTHORIZED });
    expect(state.sessions.list()).toEqual([]);
    expect(state.listUsers()).toHaveLength(1);
  });

  it('refuses a token once its hour is over on the sandbox clock', async () => {
    const { state, signIn, clock } = phoneFixture();
    state.registerUser({ login: 'gaston', password: 'pw-1', phone: '14155550100' });
    const token = unsignedJwt(claims());
    expect((await signIn(token)).status).toBe(201);
    clock.advance(3600_000 - 60_000);
    expect(await signIn(token)).toMatchObject({ status: 401, body: UNAUTHORIZED });
  });

  it('refuses a project_id other than the configured one, and signed tokens it cannot check', async () => {
    const { state, signIn } = phoneFixture();
    state.registerUser({ login: 'gaston', password: 'pw-1', phone: '14155550100' });
    const other = unsignedJwt(
      claims({ aud: 'demo-other', iss: 'https://securetoken.google.com/demo-other' }),
    );
    expect(await signIn(other, 'demo-other')).toMatchObject({ status: 401, body: UNAUTHORIZED });
    const signed = unsignedJwt(claims(), { alg: 'RS256', kid: 'k1', typ: 'JWT' }).replace(
      /\.$/,
      '.c2lnbmF0dXJl',
    );
    expect(await signIn(signed)).toMatchObject({ status: 401, body: UNAUTHORIZED });
    expect(await signIn('not-a-jwt')).toMatchObject({ status: 401, body: UNAUTHORIZED });
  });

  it('refuses even a good emulator token when the sandbox has no emulator configured', async () => {
    const { state, signIn } = phoneFixture({ kind: 'none' });
    state.registerUser({ login: 'gaston', password: 'pw-1', phone: '14155550100' });
    expect(await signIn(unsignedJwt(claims()))).toMatchObject({
      status: 401,
      body: UNAUTHORIZED,
    });
  });

  it('answers the flat keys of older docs with the real error, as for a missing firebase_phone', async () => {
    const { state, call, app } = phoneFixture();
    state.updateApp(app.applicationId, { createUsersOnSession: true });
    const base = { application_id: app.applicationId, auth_key: app.authKey };
    const token = unsignedJwt(claims());
    for (const body of [
      {
        ...base,
        provider: 'firebase_phone',
        'firebase_phone[project_id]': PROJECT,
        'firebase_phone[access_token]': token,
      },
      { ...base, provider: 'firebase_phone' },
      { ...base, provider: 'firebase_phone', firebase_phone: { project_id: PROJECT } },
      { ...base, provider: 'firebase_phone', firebase_phone: `${PROJECT}:${token}` },
    ]) {
      expect(await call('POST', '/session', { body })).toMatchObject({
        status: 422,
        body: BOTH_BLANK,
      });
    }
    expect(state.listUsers()).toEqual([]);
  });

  it('registers phone-only users through the control API: digits, one user per phone', async () => {
    const { call } = phoneFixture();
    const created = await call('POST', '/__control/phone-users', {
      body: { phone: '14155550100', full_name: 'Gaston' },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { user: { phone: '14155550100', login: null, full_name: 'Gaston' } },
    });
    for (const [phone, reason] of [
      ['14155550100', 'has already been taken'],
      ['+14155550100', 'is invalid'],
      ['', 'is invalid'],
    ]) {
      expect(await call('POST', '/__control/phone-users', { body: { phone } })).toMatchObject({
        status: 422,
        body: { errors: { phone: [reason] } },
      });
    }
  });

  it('still checks the application first', async () => {
    const { signIn } = phoneFixture();
    const answer = await signIn(unsignedJwt(claims()), PROJECT, { auth_key: 'wrong' });
    expect(answer).toMatchObject({
      status: 401,
      body: { errors: { base: ['Unexpected signature'] } },
    });
  });
});

describe('checkFirebasePhoneToken', () => {
  const check = (
    payload: Record<string, unknown>,
    mode: FirebaseAuthMode = EMULATOR,
    project = PROJECT,
  ) => checkFirebasePhoneToken(mode, project, unsignedJwt(payload), NOW);

  it('accepts an emulator phone token and says whose it is', () => {
    expect(check(claims())).toEqual({
      ok: true,
      uid: 'firebase-uid-1',
      phoneNumber: '+14155550100',
    });
  });

  it.each([
    ['expired', claims({}, 3600)],
    ['wrong audience', claims({ aud: 'demo-other' })],
    ['wrong issuer', claims({ iss: 'https://securetoken.google.com/demo-other' })],
    ['not a phone sign-in', claims({ firebase: { sign_in_provider: 'google.com' } })],
    ['no phone number', claims({ phone_number: '14155550100' })],
    ['bad subject', claims({ sub: 'x'.repeat(129) })],
    ['no expiry', claims({ exp: '9999999999' })],
  ])('refuses it as %s', (reason, payload) => {
    expect(check(payload)).toEqual({ ok: false, reason });
  });

  it('refuses the other project and every token without an emulator', () => {
    expect(check(claims(), EMULATOR, 'demo-other')).toMatchObject({ ok: false });
    expect(check(claims(), { kind: 'none' })).toEqual({
      ok: false,
      reason: 'no Firebase project is configured',
    });
  });
});
