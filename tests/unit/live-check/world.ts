// A started sandbox with a distributor's test account, and the variables a live check of it reads.
import { liveInput } from '@/lib/live-check/input';
import { formatReport } from '@/lib/live-check/report';
import { runLiveCheck, type RunOptions } from '@/lib/live-check/run';
import type { Report, StepResult } from '@/lib/live-check/types';
import { defaultRetryDeps } from '@/lib/net/sleep';
import { base64url } from '../../../lib/live-check/test-data.ts';
import { ACCOUNT_AGE_MS, buildEnv } from '../../tools/build-env.ts';
import {
  SCOPE_CONTACTS_READONLY,
  SCOPE_EMAIL,
  startSandbox,
  type Sandbox,
  type SandboxOptions,
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

/** `options`: e.g. `firebase` to accept an Auth emulator's phone sign-ins (phone.test.ts). */
export async function liveWorld(options: SandboxOptions = {}): Promise<LiveWorld> {
  const sandbox = await startSandbox(options);
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

/** Runs the check in process with `env` as both build variables and LIVE_*; `step(id)` throws if absent. */
export async function check(
  env: Record<string, string>,
  options?: RunOptions,
): Promise<{ report: Report; text: string; step(id: string): StepResult }> {
  const report = await runLiveCheck(
    liveInput(env, env),
    { net: defaultRetryDeps(), crypto: globalThis.crypto },
    options,
  );
  const step = (id: string): StepResult => {
    const found = report.results.find((r) => r.id === id);
    if (!found) throw new Error(`no step ${id}`);
    return found;
  };
  return { report, text: formatReport(report), step };
}

/** Every session token the sandbox hands out from now on, to prove none is printed. */
export function captureTokens(world: LiveWorld): string[] {
  const tokens: string[] = [];
  const sessions = world.sandbox.cube.sessions;
  const create = sessions.create.bind(sessions);
  sessions.create = (...args) => {
    const session = create(...args);
    tokens.push(session.token);
    return session;
  };
  return tokens;
}
