// Two clients nobody here wrote, end to end: a phone signed in at the real Firebase Auth emulator
// (firebase-tools), and the official `connectycube` SDK 6.x creating its `firebase_phone` session
// with that ID token against the sandbox over HTTP (`createSession({provider, firebase_phone})`).

import ConnectyCube, { LoginProviderNames } from 'connectycube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdBySignIn } from '@/lib/connectycube/on-the-fly';
import { CubeControl } from '../../sandbox/control.ts';
import { startAuthEmulator, type AuthEmulator } from '../../sandbox/firebase-emulator.ts';
import { DEMO_USER, startSandbox, type Sandbox } from '../../sandbox/index.ts';

let emulator: AuthEmulator;
let sandbox: Sandbox;
let control: CubeControl;

beforeAll(async () => {
  emulator = await startAuthEmulator();
  sandbox = await startSandbox({
    seed: true,
    firebase: { kind: 'emulator', projectId: emulator.projectId },
  });
  control = new CubeControl(sandbox.cubeUrl);
  ConnectyCube.init(
    { appId: sandbox.cubeApp.applicationId, authKey: sandbox.cubeApp.authKey },
    {
      endpoints: { api: 'unused.invalid', chat: 'unused.invalid', api_url: sandbox.cubeUrl },
      debug: { mode: 0 },
    },
  );
}, 90_000);
afterAll(async () => {
  await sandbox?.close();
  await emulator?.stop();
}, 30_000);

async function phoneSession(phoneNumber: string, projectId = emulator.projectId) {
  const { idToken } = await emulator.signInWithPhone(phoneNumber);
  return ConnectyCube.createSession({
    provider: LoginProviderNames.FIREBASE_PHONE,
    firebase_phone: { project_id: projectId, access_token: idToken },
  });
}

describe('the connectycube SDK signs in by phone with an Auth emulator token', () => {
  it('opens the session of the seeded user whose profile has that phone, and it works', async () => {
    sandbox.clock.advance(5 * 60_000); // the seeded account is older than this sign-in
    const session = await phoneSession(`+${DEMO_USER.phone}`);
    expect(session).toMatchObject({
      user_id: sandbox.cubeUser?.id,
      user: { login: DEMO_USER.login, phone: DEMO_USER.phone },
    });
    expect(
      createdBySignIn(
        { created_at: String(session.user?.created_at) },
        String(session.created_at),
        Date.now(),
      ),
    ).toBe(false);
    // The seeded phone app filled this user's global book.
    expect(await ConnectyCube.addressbook.get()).toHaveLength(2);
    const log = await control.log();
    const sent = log.at(-2);
    expect(sent).toMatchObject({
      method: 'POST',
      path: '/session',
      status: 201,
      body: {
        provider: 'firebase_phone',
        firebase_phone: { project_id: emulator.projectId, access_token: expect.any(String) },
      },
    });
  });

  it('signs in a phone-only user of the mobile app', async () => {
    const user = await control.registerPhoneUser('447700900999', { fullName: 'Phone Only' });
    sandbox.clock.advance(5 * 60_000);
    const session = await phoneSession('+447700900999');
    expect(session).toMatchObject({
      user_id: user.id,
      user: { login: null, email: null, full_name: 'Phone Only' },
    });
  });

  it('creates an unknown phone when the app allows it; refuses it when it does not', async () => {
    await expect(phoneSession('+14155550111')).rejects.toMatchObject({
      code: 401,
      info: { errors: { base: ['Unauthorized'] } },
    });
    await control.setCreateUsersOnSession(true);
    const session = await phoneSession('+14155550111');
    expect(session.user).toMatchObject({ login: null, phone: '14155550111' });
    expect(
      createdBySignIn(
        { created_at: String(session.user?.created_at) },
        String(session.created_at),
        Date.now(),
      ),
    ).toBe(true);
    expect((await control.users()).filter((user) => user.phone === '14155550111')).toHaveLength(1);
  });

  it('refuses a token of another project and a token past its hour', async () => {
    await expect(phoneSession(`+${DEMO_USER.phone}`, 'demo-other')).rejects.toMatchObject({
      code: 401,
    });
    const { idToken } = await emulator.signInWithPhone(`+${DEMO_USER.phone}`);
    sandbox.clock.advance(60 * 60_000);
    await expect(
      ConnectyCube.createSession({
        provider: LoginProviderNames.FIREBASE_PHONE,
        firebase_phone: { project_id: emulator.projectId, access_token: idToken },
      }),
    ).rejects.toMatchObject({ code: 401, info: { errors: { base: ['Unauthorized'] } } });
  });
});
