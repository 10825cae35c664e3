import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createService, RETRY_ALARM, SYNC_ALARM } from '@/lib/background/service';
import type { CubeClient } from '@/lib/connectycube/client';
import { CubeDb, type RunRow } from '@/lib/db/schema';
import type { GoogleAuth } from '@/lib/google/auth';
import { googleAccountItem } from '@/lib/settings';
import { emptyCounts, type Engine, type RunOutcome } from '@/lib/sync/engine';

const NO_COUNTS = emptyCounts();

let db: CubeDb;
let outcomes: RunOutcome[];
let badges: number[];

function service() {
  const engine: Engine = {
    running: false,
    async run() {
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
    auth: {} as GoogleAuth,
    cube: {} as CubeClient,
    notifier: { show: async () => undefined, setBadge: async (n) => void badges.push(n) },
    now: () => 1_000,
    subscribePush: async () => undefined,
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
      await s.sync('alarm');
      const alarm = await fakeBrowser.alarms.get(RETRY_ALARM);
      delays.push(
        alarm?.scheduledTime === undefined
          ? -1
          : Math.round((alarm.scheduledTime - Date.now()) / 60_000),
      );
    }
    expect(delays).toEqual([1, 2, 4, 8, 15, 15]);
    await s.sync('alarm');
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it('waits for the user instead of retrying when only signing in again can help', async () => {
    outcomes.push(failed('auth'));
    await service().sync('alarm');
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
      error: 'unknown request nope',
    });
  });

  it('refuses a non-https ConnectyCube endpoint before sending anything', async () => {
    const reply = await service().handle({
      type: 'cubeSignIn',
      credentials: {
        endpoint: 'http://api.example.com',
        applicationId: '1',
        authKey: 'k',
        login: 'l',
        password: 'p',
      },
    });
    expect(reply).toEqual({ ok: false, error: 'not-https' });
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
});
