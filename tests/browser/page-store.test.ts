import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import {
  CubeDb,
  DB_NAME,
  type EntryRow,
  type InviteRow,
  type RegisteredRow,
  type RunRow,
} from '@/lib/db/schema';
import { setMeta } from '@/lib/db/meta';
import { storeUsersView } from '@/lib/db/users-view';
import { emptyCounts } from '@/lib/sync/engine';
import { createPageStore, PAGE_DB_NAME } from '@/lib/ui/page-store';
import { registered } from './fake-api.ts';

const dbs: CubeDb[] = [];
const names: string[] = [];
function fresh(): string {
  const name = `page-store-${Date.now()}-${names.length}`;
  names.push(name);
  return name;
}
function openDb(name: string): CubeDb {
  const db = new CubeDb(name);
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const run = (startedAt: number, endedAt?: number): RunRow => ({
  startedAt,
  ...(endedAt === undefined ? { status: 'running' as const } : { status: 'ok' as const, endedAt }),
  phase: 'done' as const,
  trigger: 'manual',
  counts: emptyCounts(),
});

describe('the popup store (plain IndexedDB)', () => {
  it('names the database the background writes', () => {
    expect(PAGE_DB_NAME).toBe(DB_NAME);
  });

  it('reads the registered users and the latest run the background wrote with Dexie', async () => {
    const name = fresh();
    const worker = openDb(name);
    await worker.registered.bulkAdd([
      registered(2, 'Bea', '15550100002', { seen: 0, joinedAt: 5 }),
      registered(1, 'Al', '15550100001'),
    ]);
    await worker.runs.bulkAdd([run(1, 2), run(3, 4), run(5)]);
    const store = createPageStore(name);
    expect(await store.registered()).toEqual([
      registered(1, 'Al', '15550100001'),
      registered(2, 'Bea', '15550100002', { seen: 0, joinedAt: 5 }),
    ]);
    expect(await store.latestRun()).toEqual({ id: 3, ...run(5) });
  });

  it('reads the registered users from their one-row view when the background wrote it', async () => {
    const name = fresh();
    const worker = openDb(name);
    const rows = [
      registered(1, 'Al', '15550100001'),
      registered(2, 'Bea', '15550100002', { seen: 0, joinedAt: 5 }),
    ];
    await worker.transaction('rw', worker.registered, worker.meta, async () => {
      await worker.registered.bulkAdd(rows);
      await storeUsersView(worker);
    });
    // In the popup's order, newest join first (the table's is by id).
    const sorted = [rows[1], rows[0]];
    expect(await createPageStore(name).registered()).toEqual(sorted);
    // The view alone is read: a row the table has but the view lacks is not listed.
    await worker.registered.add(registered(3, 'Cy', '15550100003'));
    expect(await createPageStore(name).registered()).toEqual(sorted);
    // An unreadable view (a bad write, another version's shape): the table, row by row.
    await setMeta(worker, 'usersView', '{not json');
    expect(await createPageStore(name).registered()).toHaveLength(3);
  });

  it('skips the registered rows the popup cannot read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const name = fresh();
    const worker = openDb(name);
    await worker.registered.bulkAdd([
      registered(1, 'Al', '15550100001'),
      { ...registered(2, 'Bea', '15550100002'), addressBookName: 42 },
      { ...registered(3, 'Cy', '15550100003'), phone: 5 },
      { ...registered(4, 'Di', '15550100004'), fullName: {} },
      { userId: 5 },
      registered(6, 'Ed', '15550100006'),
    ] as RegisteredRow[]);
    const store = createPageStore(name);
    expect(await store.registered()).toEqual([
      registered(1, 'Al', '15550100001'),
      registered(6, 'Ed', '15550100006'),
    ]);
    expect(warn).toHaveBeenCalledWith('skipped 4 unreadable row(s) of registered');
    warn.mockRestore();
  });

  it("reads the Invite view's tables, skipping rows it cannot read", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const name = fresh();
    const worker = openDb(name);
    const ada = { phone: '15550100001', name: 'Ada', resourceNames: ['people/1'] };
    const bea = { phone: '15550100002', name: 'Bea', resourceNames: ['people/2', 'people/3'] };
    await worker.entries.bulkPut([
      ada,
      { phone: '15550100003', name: 7, resourceNames: [] },
      { phone: '15550100004', name: 'Cy', resourceNames: 'people/4' },
      bea,
    ] as EntryRow[]);
    await worker.registered.bulkAdd([registered(1, 'Ada', '15550100001')]);
    await worker.invites.bulkAdd([
      { phone: '15550100002', at: 5 },
      { phone: '15550100005', at: 'yesterday' },
    ] as InviteRow[]);
    const sources = await createPageStore(name).inviteSources();
    // Packed in buckets: read in the buckets' order (the Invite view sorts by name).
    sources.entries.sort((a, b) => a.phone.localeCompare(b.phone));
    expect(sources).toEqual({
      entries: [ada, bea],
      registered: [registered(1, 'Ada', '15550100001')],
      invites: [{ phone: '15550100002', at: 5 }],
    });
    expect(warn).toHaveBeenCalledWith('skipped 2 unreadable row(s) of entries');
    expect(warn).toHaveBeenCalledWith('skipped 1 unreadable row(s) of invites');
    warn.mockRestore();
  });

  it('reads no invitations from a database of version 2 (before the background upgrades it)', async () => {
    const name = fresh();
    const old = new Dexie(name);
    old.version(2).stores({ entries: 'phone', registered: 'userId, phone, joinedAt' });
    await old.table('entries').add({ phone: '15550100001', name: 'Ada', resourceNames: [] });
    old.close();
    expect(await createPageStore(name).inviteSources()).toEqual({
      entries: [{ phone: '15550100001', name: 'Ada', resourceNames: [] }],
      registered: [],
      invites: [],
    });
  });

  it('reads nothing before the background created the database, and does not create it', async () => {
    const name = fresh();
    const store = createPageStore(name);
    expect(await store.registered()).toEqual([]);
    expect(await store.latestRun()).toBeUndefined();
    expect(await store.inviteSources()).toEqual({ entries: [], registered: [], invites: [] });
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    // The background's Dexie then creates it with its own schema.
    const worker = openDb(name);
    await worker.registered.add(registered(1, 'Al', '15550100001'));
    expect(await store.registered()).toHaveLength(1);
  });

  it('hears of writes to its tables by another connection (as the background makes them)', async () => {
    const name = fresh();
    const worker = openDb(name);
    await worker.open();
    const store = createPageStore(name);
    const heard: string[] = [];
    const offRegistered = store.onChange(['registered'], () => heard.push('registered'));
    const offRuns = store.onChange(['runs'], () => heard.push('runs'));
    const other = openDb(fresh());
    // Other tables and other databases are not heard; notices arrive in the order of the writes.
    await worker.meta.put({ key: 'destination', value: 'https://api.example|1|81' });
    await other.registered.add(registered(9, 'Elsewhere', '15550100009'));
    await worker.registered.add(registered(1, 'Al', '15550100001'));
    await worker.runs.add(run(1));
    await expect.poll(() => heard).toEqual(['registered', 'runs']);
    offRegistered();
    await worker.registered.delete(1);
    await worker.runs.put({ ...run(1, 2), id: 1 });
    await expect.poll(() => heard).toEqual(['registered', 'runs', 'runs']);
    offRuns();
  });

  it('never holds up an upgrade or a deletion of the database by the background', async () => {
    const name = fresh();
    const worker = openDb(name);
    await worker.registered.add(registered(1, 'Al', '15550100001'));
    const store = createPageStore(name);
    await Promise.all([store.registered(), store.latestRun(), Dexie.delete(name)]);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });
});
