// A started sandbox with a distributor's test account, and the variables a live check of it reads.
import { base64url } from '../../../lib/live-check/test-data.ts';
import { ACCOUNT_AGE_MS, buildEnv } from '../../tools/build-env.ts';
import {
  SCOPE_CONTACTS_READONLY,
  SCOPE_EMAIL,
  startSandbox,
  type Sandbox,
} from '../../sandbox/index.ts';

export const LOGIN = 'store-test';
export const PASSWORD = 'correct horse battery staple';

export interface LiveWorld {
  sandbox: Sandbox;
  userId: number;
  googleToken: string;
  /** Build variables and LIVE_* for the command. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function vapidKey(): Promise<string> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  return base64url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
}

export async function liveWorld(): Promise<LiveWorld> {
  const sandbox = await startSandbox();
  sandbox.google.addPeople([
    { displayName: 'Ana Lima', phones: ['+49 30 1234567'] },
    { displayName: 'Ben Okafor', phones: ['+44 20 7946 0018'] },
  ]);
  const user = sandbox.cube.registerUser({ login: LOGIN, password: PASSWORD });
  // A user made a moment ago looks made by the sign-in (on the fly): the test user is older.
  sandbox.clock.advance(ACCOUNT_AGE_MS);
  const googleToken = sandbox.google.issueToken([SCOPE_CONTACTS_READONLY, SCOPE_EMAIL]).accessToken;
  const env = {
    ...buildEnv({ ...sandbox, outDir: 'unused' }),
    WXT_CONNECTYCUBE_VAPID_KEY: await vapidKey(),
    LIVE_LOGIN: LOGIN,
    LIVE_PASSWORD: PASSWORD,
    LIVE_GOOGLE_TOKEN: googleToken,
  };
  return { sandbox, userId: user.id, googleToken, env, close: () => sandbox.close() };
}
