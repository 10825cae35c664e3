// The live check's phone step (`firebase_phone` with LIVE_FIREBASE_ID_TOKEN) against the sandbox
// checking real ID tokens of the Firebase Auth emulator (one for the file): ✔ for a user of the
// number, ✗ with advice for a refused token, a user the sign-in made deleted only when this very
// check made it, the token never printed, and the phone session ended.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exitCode } from '@/lib/live-check/report';
import { PHONE_DRIVES } from '@/lib/live-check/session-steps';
import { STEPS } from '@/lib/live-check/run';
import type { StepResult } from '@/lib/live-check/types';
import { LOGIN_AND_EMAIL_BLANK } from '../../sandbox/cube-phone-session.ts';
import { startAuthEmulator, type AuthEmulator } from '../../sandbox/firebase-emulator.ts';
import { captureTokens, check, liveWorld, LOGIN, type LiveWorld } from './world.ts';
import { ACCOUNT_AGE_MS } from '../../tools/build-env.ts';

const NUMBER = '+14155550100';
let emulator: AuthEmulator;
let world: LiveWorld | undefined;

beforeAll(async () => {
  emulator = await startAuthEmulator();
}, 90_000);
afterAll(async () => {
  await world?.close();
  await emulator?.stop();
}, 30_000);
beforeEach(async () => {
  await world?.close();
  world = undefined;
  await emulator.clearAccounts();
});

/** The sandbox accepting the emulator's tokens, built with phone sign-in as a distributor would. */
async function phoneWorld(): Promise<LiveWorld & { phoneEnv: Record<string, string> }> {
  world = await liveWorld({ firebase: { kind: 'emulator', projectId: emulator.projectId } });
  const phoneEnv = {
    ...world.env,
    WXT_PHONE_SIGNIN_URL: 'https://signin.example.com/phone-sign-in/',
    WXT_FIREBASE_API_KEY: emulator.apiKey,
    WXT_FIREBASE_PROJECT_ID: emulator.projectId,
    WXT_FIREBASE_AUTH_EMULATOR_URL: emulator.url,
  };
  return { ...world, phoneEnv };
}

/** A user of the mobile app who signed up with NUMBER well before the check. */
function phoneUser(w: LiveWorld): number {
  const user = w.sandbox.cube.registerPhoneUser({ phone: '14155550100', full_name: 'Ada Phone' });
  w.sandbox.clock.advance(ACCOUNT_AGE_MS);
  return user.id;
}

async function idToken(): Promise<string> {
  return (await emulator.signInWithPhone(NUMBER)).idToken;
}

const requests = (result: StepResult) =>
  result.requests.map((r) => `${r.method} ${r.path.replace(/\d+$/, 'N')} ${r.status}`);

/** No session open, and exactly these users on the server. */
function expectNothingLeft(w: LiveWorld, users: number[]): void {
  expect(w.sandbox.cube.sessions.list()).toEqual([]);
  expect(w.sandbox.cube.subscriptions()).toEqual([]);
  expect(
    w.sandbox.cube
      .listUsers()
      .map((u) => u.id)
      .sort(),
  ).toEqual([...users].sort());
}

const steps = (ids: string[]) => ({ steps: STEPS.filter((s) => ids.includes(s.id)) });

/** The variables without the login test account: a phone account's token, or nothing. */
function withoutLogin(env: Record<string, string>): Record<string, string> {
  const { LIVE_LOGIN: _login, LIVE_PASSWORD: _password, ...rest } = env;
  return rest;
}

describe('live check, phone sign-in', () => {
  it('a user of the number: ✔ with the user and phone, the session ended, the token never printed', async () => {
    const w = await phoneWorld();
    const userId = phoneUser(w);
    const token = await idToken();
    const { step, report, text } = await check({ ...w.phoneEnv, LIVE_FIREBASE_ID_TOKEN: token });
    expect(step('phone-session')).toMatchObject({ outcome: 'pass', required: true });
    expect(step('phone-session').detail).toBe(
      `a session token for user ${userId}, phone 14155550100 (the token's number ${NUMBER}), an existing account`,
    );
    expect(text).toContain('✔ session (firebase_phone)     POST /session 201 · ');
    // The request: the extension's own nested form, with the build's project.
    const post = w.sandbox.cube.log.entries.filter(
      (e) => e.method === 'POST' && e.path === '/session' && JSON.stringify(e.body).includes(token),
    );
    expect(post).toHaveLength(1);
    expect(post[0]?.body).toMatchObject({
      provider: 'firebase_phone',
      firebase_phone: { project_id: emulator.projectId, access_token: token },
    });
    expect(step('end-phone-session')).toMatchObject({ outcome: 'pass' });
    expect(requests(step('end-phone-session'))).toEqual(['DELETE /session 200']);
    expect(text).not.toContain(token);
    // Not even a part of it (its header and payload are base64url of their own).
    for (const part of token.split('.').filter((p) => p.length > 8))
      expect(text).not.toContain(part);
    expect(exitCode(report)).toBe(0);
    expectNothingLeft(w, [w.userId, userId]);
  }, 30_000);

  it('an expired token: ✗ 401 with the advice, the token never printed, nothing left', async () => {
    const w = await phoneWorld();
    const userId = phoneUser(w);
    const token = await idToken();
    w.sandbox.clock.advance(61 * 60_000);
    const { step, report, text } = await check({ ...w.phoneEnv, LIVE_FIREBASE_ID_TOKEN: token });
    expect(step('phone-session')).toMatchObject({
      outcome: 'fail',
      required: true,
      detail: 'Unauthorized',
    });
    expect(requests(step('phone-session'))).toEqual(['POST /session 401']);
    expect(text).toContain(
      `→ the Firebase project set in the ConnectyCube dashboard is not WXT_FIREBASE_PROJECT_ID (${emulator.projectId}), or the token expired (ID tokens live an hour)`,
    );
    expect(step('end-phone-session')).toMatchObject({ outcome: 'skip' });
    expect(text).not.toContain(token);
    expect(exitCode(report)).toBe(1);
    expectNothingLeft(w, [w.userId, userId]);
  }, 30_000);

  it("another project's token: ✗ 401 naming the project variable", async () => {
    const w = await phoneWorld();
    phoneUser(w);
    const token = await idToken();
    const { step, text } = await check({
      ...w.phoneEnv,
      WXT_FIREBASE_PROJECT_ID: 'demo-another-project',
      LIVE_FIREBASE_ID_TOKEN: token,
    });
    expect(step('phone-session')).toMatchObject({ outcome: 'fail', detail: 'Unauthorized' });
    expect(step('phone-session').advice).toContain(
      'is not WXT_FIREBASE_PROJECT_ID (demo-another-project)',
    );
    expect(text).not.toContain(token);
  }, 30_000);

  it('a refusal of the request as a login one (422): ✗ with what it means', async () => {
    const w = await phoneWorld();
    const userId = phoneUser(w);
    const token = await idToken();
    w.sandbox.cube.injectFault(
      '/session',
      [{ kind: 'status', status: 422, body: { errors: { base: [LOGIN_AND_EMAIL_BLANK] } } }],
      'POST',
    );
    const { step, text } = await check(
      { ...w.phoneEnv, LIVE_FIREBASE_ID_TOKEN: token },
      steps(['config', 'phone-session', 'end-phone-session']),
    );
    expect(step('phone-session')).toMatchObject({
      outcome: 'fail',
      detail: LOGIN_AND_EMAIL_BLANK,
    });
    expect(step('phone-session').advice).toContain('read no firebase_phone sign-in');
    expect(text).not.toContain(token);
    expectNothingLeft(w, [w.userId, userId]);
  }, 30_000);

  it('an unknown number the app signs up: ✗ advice only, the user this check made deleted', async () => {
    const w = await phoneWorld();
    w.sandbox.cube.updateApp(w.sandbox.cubeApp.applicationId, { createUsersOnSession: true });
    const token = await idToken();
    const { step, report } = await check({ ...w.phoneEnv, LIVE_FIREBASE_ID_TOKEN: token });
    const phone = step('phone-session');
    expect(phone).toMatchObject({ outcome: 'fail', required: false });
    expect(requests(phone)).toEqual([
      'POST /session 201',
      'DELETE /users/N 200',
      'DELETE /session 401',
    ]);
    expect(phone.detail).toMatch(
      /^user \d+ \(phone 14155550100\) was created by this very sign-in, and deleted again$/,
    );
    expect(phone.advice).toContain('phone sign-in is also sign-up');
    expect(step('end-phone-session')).toMatchObject({ outcome: 'skip' });
    expect(exitCode(report)).toBe(0);
    expectNothingLeft(w, [w.userId]);
  }, 30_000);

  it('a user who signed up half a minute ago looks new, yet is not this check’s: kept', async () => {
    const w = await phoneWorld();
    const user = w.sandbox.cube.registerPhoneUser({ phone: '14155550100' });
    w.sandbox.clock.advance(30_000);
    const token = await idToken();
    const { step, report, text } = await check({ ...w.phoneEnv, LIVE_FIREBASE_ID_TOKEN: token });
    const phone = step('phone-session');
    expect(phone).toMatchObject({ outcome: 'fail', required: false });
    expect(requests(phone)).toEqual(['POST /session 201']);
    expect(phone.detail).toContain(
      `user ${user.id} (phone 14155550100) looks created within a minute of this sign-in`,
    );
    expect(text).toContain(`→ it is kept: the check deletes only a user its own sign-in created`);
    expect(step('end-phone-session')).toMatchObject({ outcome: 'pass' });
    expect(exitCode(report)).toBe(0);
    expectNothingLeft(w, [w.userId, user.id]);
  }, 30_000);

  it('without LIVE_FIREBASE_ID_TOKEN: skipped, saying how to give one', async () => {
    const w = await phoneWorld();
    const { step, report } = await check(w.phoneEnv);
    expect(step('phone-session')).toMatchObject({ outcome: 'skip' });
    expect(step('phone-session').detail).toContain('set LIVE_FIREBASE_ID_TOKEN');
    expect(step('end-phone-session')).toMatchObject({ outcome: 'skip' });
    expect(exitCode(report)).toBe(0);
  }, 30_000);

  it('a token but no WXT_FIREBASE_PROJECT_ID: ✗ saying so, nothing sent', async () => {
    const w = await phoneWorld();
    const token = await idToken();
    const { step, text } = await check({
      ...w.env,
      LIVE_FIREBASE_ID_TOKEN: token,
    });
    expect(step('phone-session')).toMatchObject({ outcome: 'fail', required: false, requests: [] });
    expect(step('phone-session').advice).toContain('WXT_FIREBASE_PROJECT_ID');
    expect(text).not.toContain(token);
  }, 30_000);

  it('a phone account alone: its session drives every step, all ✔, nothing left, no secret printed', async () => {
    const w = await phoneWorld();
    const userId = phoneUser(w);
    const token = await idToken();
    const tokens = captureTokens(w);
    const { step, report, text } = await check({
      ...withoutLogin(w.phoneEnv),
      LIVE_FIREBASE_ID_TOKEN: token,
    });
    // The login steps are replaced by the phone session; every other line is ✔.
    const notPassed = report.results.filter((r) => r.outcome !== 'pass');
    expect(notPassed.map((r) => `${r.id} ${r.outcome}`)).toEqual([
      'session skip',
      'end-phone-session skip',
    ]);
    expect(step('session').detail).toBe(PHONE_DRIVES);
    expect(step('end-phone-session').detail).toBe('the phone session is the session: ended below');
    expect(step('phone-session')).toMatchObject({ outcome: 'pass', required: true });
    expect(step('phone-session').detail).toBe(
      `a session token for user ${userId}, phone 14155550100 (the token's number ${NUMBER}), an existing account: the steps below use it`,
    );
    // The made-up login's probe still runs, with the app's credentials alone.
    expect(requests(step('on-the-fly'))).toEqual(['POST /session 401']);
    expect(requests(step('upload'))).toEqual(['POST /address_book 200']);
    expect(step('read-back').detail).toContain('both as uploaded');
    expect(requests(step('registered'))).toEqual(['GET /address_book/registered_users 200']);
    expect(step('profile').detail).toBe(`{items: [1 profiles]}: user ${userId} with created_at`);
    expect(requests(step('push-subscribe'))).toEqual(['POST /subscriptions 201']);
    expect(step('push-unsubscribe').detail).toBe('listed and deleted 1');
    expect(step('nothing-left').detail).toBe(
      'scratch book: 0 entries, test subscriptions: 0, no user made on the fly',
    );
    expect(requests(step('end-session'))).toEqual(['DELETE /session 200']);
    expect(text).toMatch(/Summary: 14 passed, 0 failed \(0 advice only\), 2 skipped; .*ready/);
    expect(exitCode(report)).toBe(0);

    // The book and the subscription were the phone user's, and nothing of it is left.
    const { cube } = w.sandbox;
    const udids = new Set(
      cube.log.entries.flatMap((e) => (typeof e.query.udid === 'string' ? [e.query.udid] : [])),
    );
    expect(udids.size).toBe(1);
    const booked = cube.log.entries.filter(
      (e) => e.method === 'POST' && e.path === '/address_book',
    );
    expect(booked).toHaveLength(2);
    for (const udid of udids) expect(cube.book(userId, udid)).toEqual([]);
    expect(cube.subscriptions(userId)).toEqual([]);
    // No login sign-in was sent: the two sessions are the phone one and the refused probe's.
    const signIns = cube.log.entries.filter((e) => e.method === 'POST' && e.path === '/session');
    expect(signIns).toHaveLength(2);
    expect(JSON.stringify(signIns)).not.toContain(LOGIN);
    expect(tokens).toHaveLength(1);
    for (const secret of [token, ...tokens]) expect(text).not.toContain(secret);
    for (const part of token.split('.').filter((p) => p.length > 8))
      expect(text).not.toContain(part);
    expectNothingLeft(w, [w.userId, userId]);
  }, 30_000);

  it('a phone account alone whose number the app signs up: ✗ required, the user deleted, nothing run on it', async () => {
    const w = await phoneWorld();
    w.sandbox.cube.updateApp(w.sandbox.cubeApp.applicationId, { createUsersOnSession: true });
    const token = await idToken();
    const { step, report, text } = await check({
      ...withoutLogin(w.phoneEnv),
      LIVE_FIREBASE_ID_TOKEN: token,
    });
    expect(step('phone-session')).toMatchObject({ outcome: 'fail', required: true });
    expect(step('phone-session').advice).toContain('nothing below could run');
    expect(step('upload')).toMatchObject({ outcome: 'skip', detail: 'needs a session' });
    expect(step('end-session')).toMatchObject({ outcome: 'skip' });
    expect(text).not.toContain(token);
    expect(exitCode(report)).toBe(1);
    // The probe's made-up login was made too (creation on): both deleted.
    expectNothingLeft(w, [w.userId]);
  }, 30_000);

  it('neither a login nor a phone token: ✗ saying what to set, exit 1, only the probe sent', async () => {
    const w = await phoneWorld();
    const { step, report, text } = await check(withoutLogin(w.phoneEnv));
    expect(step('config')).toMatchObject({ outcome: 'fail', required: true });
    expect(text).toContain(
      '→ set a test account in the environment: LIVE_LOGIN and LIVE_PASSWORD (a test user of the application: create one in the dashboard, Users), or LIVE_FIREBASE_ID_TOKEN (a phone account',
    );
    expect(step('session')).toMatchObject({ outcome: 'skip', detail: 'needs a test account' });
    expect(step('phone-session')).toMatchObject({ outcome: 'skip' });
    expect(step('on-the-fly')).toMatchObject({ outcome: 'pass' });
    expect(step('upload')).toMatchObject({ outcome: 'skip' });
    expect(exitCode(report)).toBe(1);
    expectNothingLeft(w, [w.userId]);
  }, 30_000);

  it('a login without its password: ✗ saying both are needed, even with a phone token', async () => {
    const w = await phoneWorld();
    const token = await idToken();
    const { step, report } = await check({
      ...withoutLogin(w.phoneEnv),
      LIVE_LOGIN: LOGIN,
      LIVE_FIREBASE_ID_TOKEN: token,
    });
    expect(step('config').advice).toContain('LIVE_LOGIN and LIVE_PASSWORD must both be set');
    expect(exitCode(report)).toBe(1);
    expectNothingLeft(w, [w.userId]);
  }, 30_000);
});
