import { browserScheduler, browserStores } from '@/lib/background/background-ports';
// The background service over fakes that record what they were asked, shared by its tests.
import { beforeEach } from 'vitest';
import { createService, type ServiceDeps } from '@/lib/background/service';
import type { CubeClient } from '@/lib/connectycube/client';
import { CubeApiError } from '@/lib/connectycube/errors';
import type { CubeAccount } from '@/lib/connectycube/types';
import { CubeDb, type RunRow } from '@/lib/db/schema';
import type { GoogleAuth } from '@/lib/google/auth';
import type { PhoneSignInPort } from '@/lib/phone/sign-in';
import { cubeAccountItem, googleAccountItem } from '@/lib/settings';
import { emptyCounts, type Engine, type RunOutcome } from '@/lib/sync/engine';

export const NO_COUNTS = emptyCounts();

export let db: CubeDb;
export let outcomes: RunOutcome[];
export let badges: number[];
/** Everything the fakes were asked to do, in order. */
export let calls: string[];

export function fakeCube(): CubeClient {
  const record = (name: string) => async (): Promise<never> => {
    calls.push(name);
    return undefined as never;
  };
  return {
    signIn: async (credentials, stay) => {
      calls.push(`signIn ${credentials.login} stay=${stay}`);
      if (credentials.password === 'wrong') throw new CubeApiError(401, ['Unauthorized']);
      const account: CubeAccount = {
        credentials: { ...credentials, ...(stay ? {} : { password: undefined }) },
        token: 'tok',
        user: { id: credentials.login === 'bob' ? 82 : 81, full_name: credentials.login },
        state: credentials.login === 'new' ? 'confirm-new' : 'active',
      };
      if (!stay) delete (account.credentials as { password?: string }).password;
      await cubeAccountItem.setValue(account);
      return account;
    },
    signInWithPhone: async ({ phone }, stay) => {
      calls.push(`signInWithPhone ${phone} stay=${stay}`);
      throw new Error('not here');
    },
    signOut: async () => {
      calls.push('signOut');
      await cubeAccountItem.setValue(null);
    },
    keepAccount: async (userId) => void calls.push(`keepAccount ${userId}`),
    deleteAccount: async (userId) => void calls.push(`deleteAccount ${userId}`),
    subscribe: record('subscribe'),
    unsubscribe: record('unsubscribe'),
    upload: record('upload'),
    registeredUsers: record('registeredUsers'),
    profiles: record('profiles'),
    profilesPerRequest: 100,
    book: async () => ({ items: [], dropped: 0 }),
  };
}

const fakeAuth = (): GoogleAuth => ({
  connect: async () => {
    throw new Error('not here');
  },
  disconnect: async () => {
    calls.push('revoke');
    await googleAccountItem.setValue(null);
    return 'revoked';
  },
  dropScope: async (scope) => void calls.push(`dropScope ${scope}`),
  token: async () => 't',
  invalidate: async () => undefined,
});

/**
 * The service over the fakes; `cube`: another ConnectyCube client (the real one, over a sandbox);
 * `phone`: phone sign-in (absent: not offered, as in a build without the page).
 */
export function service(
  cube: CubeClient = fakeCube(),
  phone?: PhoneSignInPort,
  /** Other stores or scheduler than the browser's. */
  ports: Partial<Pick<ServiceDeps, 'stores' | 'scheduler'>> = {},
) {
  const engine: Engine = {
    running: false,
    async stop() {
      calls.push('stop');
    },
    async run(trigger, _signal, mode) {
      calls.push(`run ${trigger}${mode === 'remove' ? ' remove' : ''}`);
      const outcome = outcomes.shift() ?? { status: 'ok', runId: 0, counts: NO_COUNTS };
      if (outcome.status === 'failed') {
        const row: RunRow = {
          startedAt: 0,
          status: 'failed',
          endedAt: 1,
          phase: 'upload',
          counts: NO_COUNTS,
          trigger: 't',
          error: outcome.error,
        };
        await db.runs.add(row);
      } else if (outcome.status === 'ok') {
        const row: RunRow = {
          startedAt: 0,
          status: 'ok',
          endedAt: 1,
          phase: 'done',
          counts: NO_COUNTS,
          trigger: 't',
        };
        await db.runs.add(row);
      }
      return outcome;
    },
  };
  return createService({
    stores: browserStores,
    scheduler: browserScheduler,
    db,
    engine,
    auth: fakeAuth(),
    cube,
    notifier: {
      show: async () => undefined,
      setBadge: async (n) => void badges.push(n),
      signInNeeded: async () => void calls.push('signInNeeded'),
      clearAll: async () => void calls.push('clearAll'),
    },
    push: {
      subscribe: async (udid) => {
        calls.push('browser subscribe');
        return {
          notification_channel: 'web',
          device: { platform: 'web', udid },
          push_token: {
            environment: 'production',
            web_endpoint: 'e',
            web_auth: 'a',
            web_p256dh: 'p',
          },
        };
      },
      unsubscribe: async () => void calls.push('browser unsubscribe'),
    },
    now: () => 1_000,
    ...(phone ? { phone } : {}),
    ...ports,
  });
}

/** A failed run: `auth` only signing in again fixes, `net` a passing network failure. */
export const failed = (why: 'net' | 'auth' = 'net'): RunOutcome => ({
  status: 'failed',
  runId: 1,
  counts: NO_COUNTS,
  error:
    why === 'auth'
      ? { kind: 'cube-sign-in', code: 'cube-refused', params: ['Unauthorized'] }
      : { kind: 'network', code: 'network-unreachable', params: ['api.example.com'] },
});

beforeEach(async () => {
  db = new CubeDb(`service-${Math.random()}`);
  outcomes = [];
  badges = [];
  calls = [];
  await googleAccountItem.setValue({
    scopes: [],
    needsReconnect: false,
    connectedAt: 0,
    accessToken: 't',
    expiresAt: 9e15,
  });
});

/** The options page's sign-in request for `login`, against the fake ConnectyCube client's app. */
export const signInRequest = (login: string, staySignedIn = true) => ({
  type: 'cubeSignIn' as const,
  login,
  password: 'secret',
  staySignedIn,
  app: { endpoint: 'https://api.example.com', applicationId: '7', authKey: 'k' },
});
