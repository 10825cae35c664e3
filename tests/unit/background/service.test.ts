import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createService } from '@/lib/background/service';
import { RETRY_ALARM, SYNC_ALARM } from '@/lib/background/schedule';
import type { CubeClient } from '@/lib/connectycube/client';
import type { CubeAccount } from '@/lib/connectycube/types';
import { CubeDb, type RunRow } from '@/lib/db/schema';
import type { GoogleAuth } from '@/lib/google/auth';
import {
  consentItem,
  cubeAccountItem,
  googleAccountItem,
  settingsItem,
  DEFAULT_SETTINGS,
} from '@/lib/settings';
import { emptyCounts, type Engine, type RunOutcome } from '@/lib/sync/engine';

const NO_COUNTS = emptyCounts();

let db: CubeDb;
let outcomes: RunOutcome[];
let badges: number[];
/** Everything the fakes were asked to do, in order. */
let calls: string[];

function fakeCube(): CubeClient {
  const record = (name: string) => async (): Promise<never> => {
    calls.push(name);
    return undefined as never;
  };
  return {
    signIn: async (credentials, stay) => {
      calls.push(`signIn ${credentials.login} stay=${stay}`);
      const account: CubeAccount = {
        credentials: { ...credentials, ...(stay ? {} : { password: undefined }) },
        token: 'tok',
        user: { id: credentials.login === 'bob' ? 82 : 81, full_name: credentials.login },
        state: credentials.login === 'new' ? 'confirm-new' : 'active',
      };
      if (!stay) delete account.credentials.password;
      await cubeAccountItem.setValue(account);
      return account;
    },
    signOut: async () => {
      calls.push('signOut');
      await cubeAccountItem.setValue(null);
    },
    keepAccount: record('keepAccount'),
    deleteAccount: record('deleteAccount'),
    subscribe: record('subscribe'),
    unsubscribe: record('unsubscribe'),
    upload: record('upload'),
    registeredUsers: record('registeredUsers'),
    book: async () => [],
  };
}

const fakeAuth = (): GoogleAuth => ({
  connect: async () => {
    throw new Error('not here');
  },
  disconnect: async () => {
    calls.push('revoke');
    await googleAccountItem.setValue(null);
  },
  dropScope: async (scope) => void calls.push(`dropScope ${scope}`),
  token: async () => 't',
  invalidate: async () => undefined,
});

function service() {
  const engine: Engine = {
    running: false,
    async stop() {
      calls.push('stop');
    },
    async run(trigger, _signal, mode) {
      calls.push(`run ${trigger}${mode === 'remove' ? ' remove' : ''}`);
      const outcome = outcomes.shift() ?? { status: 'ok', runId: 0, counts: NO_COUNTS };
      if (outcome.status === 'failed') {
        await db.runs.add({
          startedAt: 0,
          endedAt: 1,
          phase: 'upload',
          counts: NO_COUNTS,
          trigger: 't',
          error: outcome.error,
          errorKind: outcome.error === 'auth' ? 'cube-auth' : 'network',
        });
      } else if (outcome.status === 'ok') {
        await db.runs.add({
          startedAt: 0,
          endedAt: 1,
          phase: 'done',
          counts: NO_COUNTS,
          trigger: 't',
        });
      }
      return outcome;
    },
  };
  return createService({
    db,
    engine,
    auth: fakeAuth(),
    cube: fakeCube(),
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
  });
}

const failed = (error = 'net'): RunOutcome => ({
  status: 'failed',
  runId: 1,
  counts: NO_COUNTS,
  error,
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

describe('background service', () => {
  it('does not sync before Google is connected, nor while it needs reconnecting', async () => {
    await googleAccountItem.setValue(null);
    expect(await service().sync('manual')).toEqual({ status: 'not-ready', reason: 'google' });
    await googleAccountItem.setValue({ scopes: [], needsReconnect: true, connectedAt: 0 });
    expect(await service().sync('manual')).toEqual({
      status: 'not-ready',
      reason: 'google-reconnect',
    });
  });

  it('retries a failed run sooner, backing off 1, 2, 4 minutes up to the interval, and stops on success', async () => {
    const s = service();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(failed());
      await s.sync('scheduled');
      const alarm = await fakeBrowser.alarms.get(RETRY_ALARM);
      delays.push(
        alarm?.scheduledTime === undefined
          ? -1
          : Math.round((alarm.scheduledTime - Date.now()) / 60_000),
      );
    }
    expect(delays).toEqual([1, 2, 4, 8, 15, 15]);
    await s.sync('scheduled');
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it('waits for the user instead of retrying when only signing in again can help', async () => {
    outcomes.push(failed('auth'));
    await service().sync('scheduled');
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it('schedules the periodic alarm from the interval setting, and answers saveSettings', async () => {
    const s = service();
    await s.schedule();
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(15);
    const reply = await s.handle({ type: 'saveSettings', settings: { intervalMinutes: 60 } });
    expect(reply.ok).toBe(true);
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(60);
  });

  it('marks joins seen and clears the badge; unknown requests get an error, not a throw', async () => {
    await db.registered.bulkPut([
      {
        userId: 1,
        phone: 'p1',
        addressBookName: 'A',
        firstSeenAt: 0,
        joinedAt: 5,
        joinBatch: 2,
        notified: 1,
        seen: 0,
      },
      { userId: 2, phone: 'p2', addressBookName: 'B', firstSeenAt: 0, notified: 1, seen: 1 },
    ]);
    const s = service();
    expect((await s.status()).unseenJoins).toBe(1);
    await s.handle({ type: 'markSeen' });
    expect((await s.status()).unseenJoins).toBe(0);
    expect(badges).toEqual([0]);
    expect(await s.handle({ type: 'nope' } as never)).toEqual({
      ok: false,
      error: { kind: 'invalid-request', message: 'unknown request nope' },
    });
    // Inherited names are not handlers.
    expect(await s.handle({ type: 'constructor' } as never)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
  });

  it('refuses a non-https ConnectyCube endpoint before sending anything', async () => {
    const reply = await service().handle({
      type: 'cubeSignIn',
      login: 'l',
      password: 'p',
      staySignedIn: true,
      app: { endpoint: 'http://api.example.com', applicationId: '1', authKey: 'k' },
    });
    expect(reply).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'not-https' } });
    expect(calls).toEqual([]);
  });

  it('reports the newest run as the last one', async () => {
    const runs: RunRow[] = [1, 2, 3].map((i) => ({
      startedAt: i,
      endedAt: i + 1,
      phase: 'done',
      counts: NO_COUNTS,
      trigger: `t${i}`,
    }));
    await db.runs.bulkAdd(runs);
    expect((await service().status()).lastRun?.trigger).toBe('t3');
  });

  const signIn = (login: string, staySignedIn = true) => ({
    type: 'cubeSignIn' as const,
    login,
    password: 'secret',
    staySignedIn,
    app: { endpoint: 'https://api.example.com', applicationId: '7', authKey: 'k' },
  });

  it('without a built-in app, a sign-in must name one', async () => {
    const reply = await service().handle({
      type: 'cubeSignIn',
      login: 'l',
      password: 'p',
      staySignedIn: true,
    });
    expect(reply).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'app-required' } });
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

  it('a sign-in that created the account on the fly waits for keep or delete', async () => {
    const s = service();
    await s.handle(signIn('new'));
    const status = await s.status();
    expect(status.cube.state).toBe('confirm-new');
    expect(status.consent.consent).toEqual({ state: 'needs-accounts' });
    expect(calls.filter((c) => c.startsWith('run'))).toEqual([]);
    await s.handle({ type: 'cubeConfirmNew', keep: false });
    expect(calls).toContain('deleteAccount');
  });

  it('sign-out stops the sync, deletes the push subscription and the session, and clears consent', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    calls = [];
    await s.handle({ type: 'cubeSignOut' });
    expect(calls).toEqual(['stop', 'unsubscribe', 'browser unsubscribe', 'signOut']);
    expect(await consentItem.getValue()).toBeNull();
    expect((await s.status()).cube.state).toBe('signed-out');
  });

  it('a session that ended without a kept password stops syncing and says so once', async () => {
    const s = service();
    await s.handle(signIn('alice', false));
    const account = await cubeAccountItem.getValue();
    expect(account?.credentials.password).toBeUndefined();
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
      projected: [],
      dirty: 0,
      deleted: 0,
    });
    calls = [];
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
    const status = await s.status();
    expect(status.google.connected).toBe(false);
    expect(status.cube.state).toBe('signed-out');
    // First run: nothing is scheduled, and a scheduled wake-up finds nothing to do.
    await s.schedule();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('turning notifications off deletes the push subscription; "other contacts" off narrows Google', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await s.handle({ type: 'consent' });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, includeOther: true });
    calls = [];
    await s.handle({
      type: 'saveSettings',
      settings: { notifications: false, includeOther: false },
    });
    expect(calls).toContain('unsubscribe');
    expect(calls).toContain('browser unsubscribe');
    expect(calls).toContain('dropScope https://www.googleapis.com/auth/contacts.other.readonly');
  });
});
