import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserStores, type SchedulerPort, type Stores } from '@/lib/background/background-ports';
import { REPAIR_ALARM, RETRY_ALARM, SYNC_ALARM } from '@/lib/background/schedule';
import { getMeta } from '@/lib/db/meta';
import type { RunRow } from '@/lib/db/schema';
import { sortForPopup } from '@/lib/db/users-view';
import {
  consentItem,
  googleAccountItem,
  readSettings,
  settingsItem,
  udidItem,
} from '@/lib/settings';
import type { ConsentRecord } from '@/lib/background/consent';
import {
  badges,
  calls,
  db,
  failed,
  fakeCube,
  NO_COUNTS,
  outcomes,
  service,
} from './service-harness.ts';

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

  it("Google's read quota (a 429 stops the run at once): retried by the schedule a minute later", async () => {
    outcomes.push({
      status: 'failed',
      runId: 1,
      counts: NO_COUNTS,
      error: { kind: 'google-quota', code: 'google-quota', params: [] },
    });
    await service().sync('scheduled');
    const alarm = await fakeBrowser.alarms.get(RETRY_ALARM);
    expect(Math.round(((alarm?.scheduledTime ?? 0) - Date.now()) / 60_000)).toBe(1);
  });

  it('does not count a run the browser interrupted as a failure when backing off', async () => {
    const s = service();
    outcomes.push(failed());
    await s.sync('scheduled');
    // The worker was stopped mid-run twice; the run that followed each resumed it.
    const interrupted: RunRow = {
      startedAt: 2,
      status: 'interrupted',
      endedAt: 3,
      phase: 'upload',
      counts: NO_COUNTS,
      trigger: 'retry',
    };
    await db.runs.bulkAdd([interrupted, { ...interrupted, startedAt: 4, endedAt: 5 }]);
    outcomes.push(failed());
    await s.sync('scheduled');
    const alarm = await fakeBrowser.alarms.get(RETRY_ALARM);
    // Two failures in a row: 2 minutes (counting the interrupted runs would make it 8).
    expect(Math.round(((alarm?.scheduledTime ?? 0) - Date.now()) / 60_000)).toBe(2);
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
    // The popup's next opening paints from the view: the join is seen there too.
    expect(JSON.parse((await getMeta(db, 'usersView')) ?? 'null')).toEqual(
      sortForPopup(await db.registered.toArray()),
    );
    expect(JSON.parse((await getMeta(db, 'usersView')) ?? '[]')[0]).toMatchObject({
      userId: 1,
      seen: 1,
    });
    // Every popup opening asks; with nothing unseen it writes nothing, so no page reads the users
    // again on a change notice.
    const changed: string[] = [];
    const listen = (parts: Record<string, unknown>) => void changed.push(...Object.keys(parts));
    Dexie.on('storagemutated', listen);
    await s.handle({ type: 'markSeen' });
    Dexie.on('storagemutated').unsubscribe(listen);
    expect(changed.filter((key) => key.includes('/registered/'))).toEqual([]);
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
      status: 'ok',
      endedAt: i + 1,
      phase: 'done',
      counts: NO_COUNTS,
      trigger: `t${i}`,
    }));
    await db.runs.bulkAdd(runs);
    expect((await service().status()).lastRun?.trigger).toBe('t3');
  });

  it('notes an invitation once: copying again keeps the first day', async () => {
    const s = service();
    expect(await s.handle({ type: 'markInvited', phone: '12125550103' })).toEqual({
      ok: true,
      value: { at: 1_000 },
    });
    await db.invites.put({ phone: '12125550104', at: 7 });
    expect(await s.handle({ type: 'markInvited', phone: '12125550104' })).toEqual({
      ok: true,
      value: { at: 7 },
    });
    expect(await db.invites.orderBy('phone').toArray()).toEqual([
      { phone: '12125550103', at: 1_000 },
      { phone: '12125550104', at: 7 },
    ]);
    // The same phone written with its "+" (the E.164 format) is the same invitation.
    expect(await s.handle({ type: 'markInvited', phone: '+12125550104' })).toEqual({
      ok: true,
      value: { at: 7 },
    });
    expect(await s.handle({ type: 'markInvited', phone: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    expect(await db.invites.count()).toBe(2);
  });
});

describe('"What is on the server" (serverBook)', () => {
  it('reads the own book by its udid, and without one refuses instead of reading the shared book', async () => {
    const asked: (string | undefined)[] = [];
    const cube = fakeCube();
    cube.book = async (udid) => {
      asked.push(udid);
      return { items: [], dropped: 0 };
    };
    await settingsItem.setValue({ ...(await readSettings()), bookMode: 'own' });
    await udidItem.setValue('browser-udid');
    const s = service(cube);
    expect((await s.handle({ type: 'serverBook' })).ok).toBe(true);
    await udidItem.setValue('');
    expect((await s.handle({ type: 'serverBook' })).ok).toBe(false);
    expect(asked).toEqual(['browser-udid']);
  });
});

describe('the service reads storage and sets alarms only through its ports', () => {
  it('retries on the scheduler it was given, with the stores it was given', async () => {
    const alarms = new Map<string, { scheduledTime: number; periodInMinutes?: number }>();
    const scheduler: SchedulerPort = {
      get: async (name) => alarms.get(name),
      create: async (name, when) =>
        void alarms.set(name, {
          scheduledTime: Date.now() + when.delayInMinutes * 60_000,
          ...(when.periodInMinutes ? { periodInMinutes: when.periodInMinutes } : {}),
        }),
      clear: async (name) => void alarms.delete(name),
    };
    // Google connected for this service alone: the browser's storage says otherwise.
    await googleAccountItem.setValue(null);
    const stores: Stores = {
      ...browserStores,
      googleAccount: {
        getValue: async () => ({ scopes: [], needsReconnect: false, connectedAt: 0 }),
      },
    };
    const s = service(undefined, undefined, { stores, scheduler });
    outcomes.push(failed());
    expect((await s.sync('scheduled')).status).toBe('failed');
    expect([...alarms.keys()]).toEqual([RETRY_ALARM]);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    await s.schedule();
    expect([...alarms.keys()].sort()).toEqual([REPAIR_ALARM, RETRY_ALARM, SYNC_ALARM].sort());
    expect((await s.status()).nextRunAt).toBe(alarms.get(SYNC_ALARM)?.scheduledTime);
  });

  it('gives consent and forgets everything through the stores it was given', async () => {
    let consent: ConsentRecord | null = null;
    const wiped: string[] = [];
    const stores: Stores = {
      ...browserStores,
      consent: { getValue: async () => consent, setValue: async (value) => void (consent = value) },
      clearAll: async () => void wiped.push('storage'),
    };
    const s = service(undefined, undefined, { stores });
    await s.handle({
      type: 'cubeSignIn',
      login: 'alice',
      password: 'secret',
      staySignedIn: true,
      app: { endpoint: 'https://api.example.com', applicationId: '7', authKey: 'k' },
    });
    await settingsItem.setValue({ ...(await readSettings()), sendNames: false });
    expect((await s.handle({ type: 'consent' })).ok).toBe(true);
    expect(consent).toMatchObject({ userId: 81, book: 'own' });
    expect(await consentItem.getValue()).toBeNull();
    expect((await s.status()).consent.consent.state).toBe('given');
    expect((await s.handle({ type: 'forgetEverything', removeFirst: true })).ok).toBe(true);
    expect(consent).toBeNull();
    expect(wiped).toEqual(['storage']);
    // The browser's storage was not the one given: it keeps what it held.
    expect((await readSettings()).sendNames).toBe(false);
  });
});
