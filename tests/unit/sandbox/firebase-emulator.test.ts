// The real Firebase Auth emulator (firebase-tools), started once: the REST phone sign-in the
// hosted page's SDK performs, the token it issues (what the ConnectyCube sandbox will check), the
// refresh a client does with no window, and a start/stop that leaves nothing running.

import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFirebasePhoneToken, decodeJwt } from '../../sandbox/cube-firebase.ts';
import {
  AuthEmulatorStartError,
  FIREBASE_PROJECT_ID,
  startAuthEmulator,
  type AuthEmulator,
} from '../../sandbox/firebase-emulator.ts';

const PHONE = '+14155550100';
let emulator: AuthEmulator;

beforeAll(async () => {
  const started = Date.now();
  emulator = await startAuthEmulator();
  console.log(`Auth emulator ready in ${Date.now() - started} ms at ${emulator.url}`);
}, 90_000);
afterAll(() => emulator?.stop(), 30_000);

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the Firebase Auth emulator', () => {
  it('signs a phone in over REST and issues an unsigned ID token with the documented claims', async () => {
    const sessionInfo = await emulator.sendVerificationCode(PHONE);
    const codes = await emulator.verificationCodes();
    const sent = codes.find((item) => item.sessionInfo === sessionInfo);
    expect(sent).toMatchObject({ phoneNumber: PHONE, code: expect.stringMatching(/^\d{6}$/) });

    const signIn = await emulator.signInWithPhoneNumber(sessionInfo, sent?.code ?? '');
    expect(signIn).toMatchObject({ phoneNumber: PHONE, isNewUser: true, expiresIn: '3600' });
    const token = decodeJwt(signIn.idToken);
    expect(token?.header).toMatchObject({ alg: 'none' });
    const claims = token?.payload ?? {};
    expect(claims).toMatchObject({
      aud: FIREBASE_PROJECT_ID,
      iss: `https://securetoken.google.com/${FIREBASE_PROJECT_ID}`,
      sub: signIn.localId,
      user_id: signIn.localId,
      phone_number: PHONE,
      firebase: { sign_in_provider: 'phone' },
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(Math.abs(Number(claims.iat) * 1000 - Date.now())).toBeLessThan(60_000);
    expect(
      checkFirebasePhoneToken(
        { kind: 'emulator', projectId: FIREBASE_PROJECT_ID },
        FIREBASE_PROJECT_ID,
        signIn.idToken,
        Date.now(),
      ),
    ).toEqual({ ok: true, uid: signIn.localId, phoneNumber: PHONE });
  });

  it('renews the ID token from the refresh token at the secure token endpoint', async () => {
    const signIn = await emulator.signInWithPhone(PHONE);
    expect(signIn.isNewUser).toBe(false);
    const renewed = await emulator.refresh(signIn.refreshToken);
    expect(renewed).toMatchObject({
      user_id: signIn.localId,
      project_id: expect.any(String),
      expires_in: '3600',
      refresh_token: expect.any(String),
    });
    expect(decodeJwt(renewed.id_token)?.payload).toMatchObject({
      sub: signIn.localId,
      phone_number: PHONE,
      firebase: { sign_in_provider: 'phone' },
    });
    await expect(emulator.refresh('not-a-refresh-token')).rejects.toThrow(/400/);
  });

  it('refuses a wrong code, gives the newest code per number, and forgets accounts on clear', async () => {
    const sessionInfo = await emulator.sendVerificationCode(PHONE);
    const right = await emulator.latestCode(PHONE);
    const wrong = right === '000000' ? '111111' : '000000';
    await expect(emulator.signInWithPhoneNumber(sessionInfo, wrong)).rejects.toThrow(
      /INVALID_CODE/,
    );
    const before = await emulator.signInWithPhoneNumber(sessionInfo, right);

    await emulator.clearAccounts();
    await expect(emulator.latestCode(PHONE)).rejects.toThrow(/no code/);
    const after = await emulator.signInWithPhone(PHONE);
    expect(after.isNewUser).toBe(true);
    expect(after.localId).not.toBe(before.localId);
  });

  it('refuses a project that is not a demo- one (which would reach real services)', async () => {
    await expect(startAuthEmulator({ projectId: 'my-real-project' })).rejects.toThrow(/demo-/);
  });

  it('explains a failed start with its output and leaves no process behind', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const address = busy.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const error: unknown = await startAuthEmulator({ port, startTimeoutMs: 30_000 }).catch(
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(AuthEmulatorStartError);
      // The CLI's own words say which port was taken.
      expect(String(error)).toMatch(new RegExp(`did not start[\\s\\S]*${port}`));
      expect(groupAlive((error as AuthEmulatorStartError).pid)).toBe(false);
    } finally {
      busy.close();
    }
  }, 60_000);

  it('stops with its whole process group', async () => {
    const { pid } = emulator;
    expect(groupAlive(pid)).toBe(true);
    await emulator.stop();
    expect(groupAlive(pid)).toBe(false);
    await emulator.stop(); // twice is fine
  }, 30_000);
});
