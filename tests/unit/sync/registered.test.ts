// The registered-users check over the real client and the in-process ConnectyCube sandbox: it
// downloads the compact list every time, and profiles only for what changed (new users, stale ones).

import { afterEach, describe, expect, it } from 'vitest';
import { createCubeClient, type CubeClient } from '@/lib/connectycube/client';
import type { CubeAccount } from '@/lib/connectycube/types';
import { readBookState } from '@/lib/db/book-state';
import { CubeDb, type RegisteredRow } from '@/lib/db/schema';
import { DEFAULT_RETRY_POLICY } from '@/lib/net/retry';
import type { PhaseContext } from '@/lib/sync/context';
import { emptyCounts } from '@/lib/sync/engine';
import type { JoinNotification } from '@/lib/sync/ports';
import {
  checkRegistered,
  notifyJoins,
  PROFILE_MAX_AGE_MS,
  profilesToFetch,
} from '@/lib/sync/registered';
import { CubeState, ManualClock, createCubeHandler, inProcessFetch } from '../../sandbox/index.ts';
import { fakeNet } from '../fake-net.ts';
import { SETTINGS } from './phase-fixture.ts';

const UDID = 'this-browser';
const HOUR = 60 * 60 * 1000;
let dbs: CubeDb[] = [];
let dbCount = 0;

afterEach(async () => {
  await Promise.all(dbs.map((db) => db.delete()));
  dbs = [];
});

/** The phone of the i-th contact: 10 to 15 digits, as uploaded. */
const phoneOf = (i: number) => String(12_125_550_000 + i);

/** A signed-in extension with its own book, over the sandbox; the contacts are added by `add`. */
async function fixture() {
  const clock = new ManualClock();
  const cube = new CubeState({ now: clock.now });
  const owner = cube.registerUser({ login: 'owner', password: 'owner-pass' });
  clock.advance(HOUR);
  let account: CubeAccount | null = null;
  const fetch = inProcessFetch(createCubeHandler(cube));
  const client: CubeClient = createCubeClient({
    store: { get: async () => account, set: async (a) => void (account = a) },
    net: fakeNet(fetch, clock.now),
    now: clock.now,
  });
  const app = cube.defaultApp;
  await client.signIn(
    {
      endpoint: 'https://cube.example',
      applicationId: app.applicationId,
      authKey: app.authKey,
      login: 'owner',
      password: 'owner-pass',
    },
    true,
  );
  const db = new CubeDb(`registered-test-${++dbCount}`);
  dbs.push(db);
  const ctx: PhaseContext = {
    db,
    people: {
      list: async () => {
        throw new Error('not used by the check');
      },
    },
    cube: client,
    notifier: { show: async () => undefined, setBadge: async () => undefined },
    clock: { now: clock.now },
    settings: { ...SETTINGS, udid: UDID },
    counts: emptyCounts(),
    signal: new AbortController().signal,
    progress: () => undefined,
    newId: () => 'id',
    batchSize: 500,
  };
  const ids: number[] = [];

  /**
   * Contacts i in [from, to): uploaded and acknowledged now, their people registered now
   * (`registered: 'after'` registers them a minute after the upload was sent).
   */
  async function add(from: number, to: number, registered: 'before' | 'after' = 'before') {
    const range = Array.from({ length: to - from }, (_, k) => from + k);
    const register = () =>
      range.map((i) =>
        cube.registerUser({
          login: `user${i}`,
          password: 'pw',
          full_name: `User ${i}`,
          phone: phoneOf(i),
        }),
      );
    const before = registered === 'before' ? register() : [];
    const sentAt = clock.now();
    cube.upload(
      owner.id,
      range.map((i) => ({ phone: phoneOf(i), name: `Contact ${i}` })),
      { udid: UDID },
    );
    const since = (await readBookState(db)).checks;
    await db.acked.bulkPut(
      range.map((i) => ({
        phone: phoneOf(i),
        name: `Contact ${i}`,
        book: UDID,
        since,
        sentAt,
        state: 'owned' as const,
      })),
    );
    clock.advance(60_000);
    const users = registered === 'after' ? register() : before;
    ids.push(...users.map((u) => u.id));
    return users.map((u) => u.id);
  }

  /** One check; what it asked the server, and the profile ids of each `/users/v2` request. */
  async function check() {
    cube.log.clear();
    ctx.counts = emptyCounts();
    await checkRegistered(ctx);
    // A session renewed on the way (2 idle hours end one) is not the check's doing.
    const log = cube.log.entries.filter((e) => e.path !== '/session' && e.status !== 401);
    return {
      requests: log.map(
        (e) => `${e.method} ${e.path}${e.query.compact ? `?compact=${e.query.compact}` : ''}`,
      ),
      profileIds: log
        .filter((e) => e.path === '/users/v2')
        .map((e) =>
          e.search
            .split('&')
            .filter((pair) => pair.startsWith('id[in][]='))
            .map((pair) => Number(pair.slice('id[in][]='.length))),
        ),
      bytes: log.reduce((sum, e) => sum + e.responseBytes, 0),
      counts: ctx.counts,
    };
  }

  const rows = async () => db.registered.orderBy('userId').toArray();
  const row = async (id: number | undefined) => db.registered.get(id ?? -1);
  return { clock, cube, owner, client, db, ctx, ids, add, check, rows, row, fetch };
}

const REGISTERED = 'GET /address_book/registered_users?compact=1';
const PROFILES = 'GET /users/v2';

describe('the registered-users check', () => {
  it('first check: the compact list, then every profile in requests of at most 100 ids', async () => {
    const f = await fixture();
    const ids = await f.add(0, 250);
    const first = await f.check();
    expect(first.requests).toEqual([REGISTERED, PROFILES, PROFILES, PROFILES]);
    expect(first.profileIds.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(first.profileIds.flat().sort((a, b) => a - b)).toEqual(ids);
    expect(first.counts).toMatchObject({ requests: 4, joins: 0 });
    const stored = await f.rows();
    expect(stored).toHaveLength(250);
    expect(stored[7]).toMatchObject({
      userId: ids[7],
      phone: phoneOf(7),
      addressBookName: 'Contact 7',
      fullName: 'User 7',
      login: 'user7',
      profileAt: f.clock.now(),
      // The baseline notifies nobody.
      notified: 1,
      seen: 1,
    });
    expect(stored.some((r) => r.joinedAt !== undefined)).toBe(false);
  });

  it('a second check with nothing new fetches no profile and rewrites no row', async () => {
    const f = await fixture();
    await f.add(0, 120);
    await f.check();
    const before = await f.rows();
    f.clock.advance(15 * 60_000);
    let writes = 0;
    f.db.registered.hook('creating', () => void (writes += 1));
    f.db.registered.hook('updating', () => void (writes += 1));
    const second = await f.check();
    expect(second.requests).toEqual([REGISTERED]);
    expect(second.counts).toMatchObject({ requests: 1, joins: 0 });
    expect(await f.rows()).toEqual(before);
    expect(writes).toBe(0);
  });

  it.each([
    {
      title: 'a user registered after the entry was sent is a join (their created_at says so)',
      registered: 'after' as const,
      joined: true,
    },
    {
      title: 'a contact added while already registered is new in the list, not a join',
      registered: 'before' as const,
      joined: false,
    },
  ])('$title', async ({ registered, joined }) => {
    const f = await fixture();
    await f.add(0, 3);
    await f.check();
    // Sent and acknowledged after the last check: only created_at can tell a join.
    const [newcomer] = await f.add(3, 4, registered);
    const next = await f.check();
    expect(next.requests).toEqual([REGISTERED, PROFILES]);
    expect(next.profileIds).toEqual([[newcomer]]);
    expect(next.counts.joins).toBe(joined ? 1 : 0);
    const row = await f.row(newcomer);
    expect(row).toMatchObject({ fullName: 'User 3', login: 'user3', notified: joined ? 0 : 1 });
    expect(row?.joinedAt !== undefined).toBe(joined);
    // A stored user is never a join again, and their profile is not fetched again the same day.
    const after = await f.check();
    expect(after.requests).toEqual([REGISTERED]);
    expect(after.counts.joins).toBe(0);
  });

  describe('what changed between two checks decides what is fetched', () => {
    it.each([
      {
        change: 'nothing',
        apply: () => undefined,
        fetched: () => [],
        expectRows: () => undefined,
      },
      {
        change: 'a contact renamed (the new name comes with the compact list)',
        apply: (f: Fixture) =>
          void f.cube.upload(f.owner.id, [{ phone: phoneOf(1), name: 'Bea (work)' }], {
            udid: UDID,
          }),
        fetched: () => [],
        expectRows: (rows: RegisteredRow[], f: Fixture) =>
          expect(rows[1]).toMatchObject({
            userId: f.ids[1],
            addressBookName: 'Bea (work)',
            fullName: 'User 1',
          }),
      },
      {
        change: 'a contact removed from the book (the user left it)',
        apply: (f: Fixture) =>
          void f.cube.upload(f.owner.id, [{ phone: phoneOf(2), destroy: 1 }], { udid: UDID }),
        fetched: () => [],
        expectRows: (rows: RegisteredRow[], f: Fixture) =>
          expect(rows.map((r) => r.userId)).toEqual(f.ids.slice(0, 2)),
      },
      {
        change: 'a profile edited on the server, within the day: not seen yet',
        apply: (f: Fixture) => {
          f.cube.updateUser(f.ids[0] ?? 0, { full_name: 'Ada Renamed' });
          f.clock.advance(PROFILE_MAX_AGE_MS - HOUR);
        },
        fetched: () => [],
        expectRows: (rows: RegisteredRow[]) =>
          expect(rows[0]).toMatchObject({ fullName: 'User 0' }),
      },
      {
        change: 'a day passed: every profile is refreshed, edits and removals included',
        apply: (f: Fixture) => {
          f.cube.updateUser(f.ids[0] ?? 0, {
            full_name: 'Ada Renamed',
            avatar: 'https://cdn.example/ada.png',
          });
          f.cube.updateUser(f.ids[1] ?? 0, { full_name: null });
          f.clock.advance(PROFILE_MAX_AGE_MS);
        },
        fetched: (f: Fixture) => [f.ids],
        expectRows: (rows: RegisteredRow[], f: Fixture) => {
          expect(rows[0]).toMatchObject({
            fullName: 'Ada Renamed',
            avatar: 'https://cdn.example/ada.png',
            profileAt: f.clock.now(),
          });
          expect(rows[1]?.fullName).toBeUndefined();
          expect(rows.every((r) => r.joinedAt === undefined)).toBe(true);
        },
      },
    ])('$change', async ({ apply, fetched, expectRows }) => {
      const f = await fixture();
      await f.add(0, 3);
      await f.check();
      apply(f);
      const next = await f.check();
      const expected = fetched(f);
      expect(next.profileIds).toEqual(expected);
      expect(next.requests).toEqual([REGISTERED, ...expected.map(() => PROFILES)]);
      expectRows(await f.rows(), f);
    });
  });

  it.each([
    ['a dropped connection', { kind: 'drop' as const }],
    ['a 500', { kind: 'status' as const, status: 500 }],
    ['a 404', { kind: 'status' as const, status: 404 }],
  ])(
    'profiles failing (%s): the joins the compact answer tells are stored and notified; the profiles come at the next check',
    async (_title, fault) => {
      const f = await fixture();
      const shown: JoinNotification[] = [];
      f.ctx.notifier = { show: async (n) => void shown.push(n), setBadge: async () => undefined };
      await f.add(0, 3);
      await f.check();
      // Contact 3 is in the book at the next check, its person not registered yet; they register
      // after it: a join the compact answer alone tells (the entry predates a check).
      await f.db.acked.put({
        phone: phoneOf(3),
        name: 'Contact 3',
        book: UDID,
        since: 1,
        sentAt: f.clock.now(),
        state: 'owned',
      });
      f.cube.upload(f.owner.id, [{ phone: phoneOf(3), name: 'Contact 3' }], { udid: UDID });
      await f.check();
      const early = f.cube.registerUser({
        login: 'user3',
        password: 'pw',
        full_name: 'User 3',
        phone: phoneOf(3),
      }).id;
      // Sent since the last check: only a profile's created_at tells a join (4) from a contact
      // added while already registered (5). Without profiles both wait.
      const [late] = await f.add(4, 5, 'after');
      const [known] = await f.add(5, 6, 'before');
      await f.db.registered.update(f.ids[0] ?? 0, { profileAt: 0 });
      const stale = await f.row(f.ids[0]);
      const faults = Array.from({ length: DEFAULT_RETRY_POLICY.retries + 1 }, () => fault);
      f.cube.injectFault('/users/v2', faults, 'GET');

      const failed = await f.check();
      expect(failed.counts.joins).toBe(1);
      expect(await f.row(early)).toMatchObject({
        addressBookName: 'Contact 3',
        notified: 0,
        joinedAt: f.clock.now(),
      });
      expect((await f.row(early))?.profileAt).toBeUndefined();
      expect(await f.row(late)).toBeUndefined();
      expect(await f.row(known)).toBeUndefined();
      // A stale profile stays as it was until it can be read.
      expect(await f.row(f.ids[0])).toEqual(stale);
      expect((await readBookState(f.db)).checks).toBe(3);
      await notifyJoins(f.ctx);
      expect(shown).toEqual([
        { id: `join-${early}`, users: [{ userId: early, name: 'Contact 3' }] },
      ]);

      // The server answers again: the profiles arrive, and the two that waited are judged.
      f.cube.faults.clear();
      const next = await f.check();
      expect(next.profileIds.flat().sort((x, y) => x - y)).toEqual(
        [f.ids[0], early, late, known].sort((x, y) => (x ?? 0) - (y ?? 0)),
      );
      expect(next.counts.joins).toBe(1);
      expect(await f.row(early)).toMatchObject({ fullName: 'User 3', login: 'user3', notified: 1 });
      expect(await f.row(late)).toMatchObject({ fullName: 'User 4', notified: 0 });
      expect((await f.row(late))?.joinedAt).toBeDefined();
      expect(await f.row(known)).toMatchObject({ fullName: 'User 5', notified: 1 });
      expect((await f.row(known))?.joinedAt).toBeUndefined();
      expect(await f.row(f.ids[0])).toMatchObject({ profileAt: f.clock.now() });
    },
  );

  it('profilesToFetch: new users, and stored profiles missing, a day old or from the future', () => {
    const item = (id: number) => ({ id, phone: phoneOf(id), addressBookName: `C${id}` });
    const stored = (id: number, profileAt?: number): [number, RegisteredRow] => [
      id,
      {
        userId: id,
        phone: phoneOf(id),
        addressBookName: `C${id}`,
        firstSeenAt: 0,
        notified: 1,
        seen: 1,
        ...(profileAt === undefined ? {} : { profileAt }),
      },
    ];
    const now = 10 * PROFILE_MAX_AGE_MS;
    const rows = new Map([
      stored(1, now - HOUR),
      stored(2, now - PROFILE_MAX_AGE_MS),
      stored(3),
      stored(4, now + HOUR),
      stored(6, now),
    ]);
    expect(profilesToFetch([1, 2, 3, 4, 5, 6, 5].map(item), rows, now)).toEqual([2, 3, 4, 5]);
  });
});

type Fixture = Awaited<ReturnType<typeof fixture>>;

describe('the budget: bytes down for a check that finds no change, 5,000 app users', () => {
  it('compact list and no profiles, against the full list every check', async () => {
    const f = await fixture();
    await f.add(0, 5000);
    // Today's check: the whole list with every profile (compact=0), every time.
    const token = (
      await f.client.signIn(
        {
          endpoint: 'https://cube.example',
          applicationId: f.cube.defaultApp.applicationId,
          authKey: f.cube.defaultApp.authKey,
          login: 'owner',
          password: 'owner-pass',
        },
        true,
      )
    ).token;
    f.cube.log.clear();
    const legacy = await f.fetch(
      `https://cube.example/address_book/registered_users?compact=0&udid=${UDID}`,
      { headers: { 'CB-Token': token ?? '' } },
    );
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as { items: unknown[] }).items).toHaveLength(5000);
    const oldBytes = f.cube.log.entries.reduce((sum, e) => sum + e.responseBytes, 0);

    const first = await f.check();
    expect(first.profileIds).toHaveLength(50);
    f.clock.advance(15 * 60_000);
    const second = await f.check();
    expect(second.requests).toEqual([REGISTERED]);
    const newBytes = second.bytes;

    // A day of checks every 15 minutes: 96 full lists, against 96 compact ones and one refresh.
    const refreshBytes = first.bytes - newBytes;
    const perDay = { old: 96 * oldBytes, new: 96 * newBytes + refreshBytes };
    const ratio = newBytes / oldBytes;
    const report =
      `no-change check: old ${oldBytes} B, new ${newBytes} B (${(100 * ratio).toFixed(1)} %); ` +
      `first check ${first.bytes} B; per day (96 checks + 1 refresh): ` +
      `old ${perDay.old} B, new ${perDay.new} B`;
    // Not 10 %: the compact list itself (id, phone, name: ~78 B a user) is ~18 % of the full one
    // (~430 B), and no documented parameter narrows it to what changed.
    expect(ratio, report).toBeLessThanOrEqual(0.2);
    console.info(report);
  }, 30_000);
});

describe('notifying the joins', () => {
  it("announces a join under the saved name and the app profile's, when they differ", async () => {
    const f = await fixture();
    const shown: JoinNotification[] = [];
    f.ctx.notifier = { show: async (n) => void shown.push(n), setBadge: async () => undefined };
    await f.check();
    // Saved as "Contact 0"; the account that registered the number calls itself "User 0".
    const [id] = await f.add(0, 1, 'after');
    await f.check();
    await notifyJoins(f.ctx);
    expect(shown).toEqual([
      { id: `join-${id}`, users: [{ userId: id, name: 'Contact 0', appName: 'User 0' }] },
    ]);
  });

  it('names the invitation of an invited contact, once, and marks every join notified', async () => {
    const f = await fixture();
    const shown: JoinNotification[] = [];
    f.ctx.notifier = { show: async (n) => void shown.push(n), setBadge: async () => undefined };
    const join = (userId: number, phone: string, name: string): RegisteredRow => ({
      userId,
      phone,
      addressBookName: name,
      firstSeenAt: 5,
      joinedAt: 5,
      joinBatch: 2,
      notified: 0,
      seen: 0,
    });
    // Ana's phone as an E.164 book holds it; she was invited while the book wrote it without "+":
    // invitations are noted by digits, so the format change does not lose hers.
    await f.db.registered.bulkPut([join(1, `+${phoneOf(1)}`, 'Ana'), join(2, phoneOf(2), 'Ben')]);
    // Ana was invited from the popup; someone else too, who has not joined.
    await f.db.invites.bulkPut([
      { phone: phoneOf(1), at: 42 },
      { phone: phoneOf(3), at: 43 },
    ]);
    await notifyJoins(f.ctx);
    expect(shown).toEqual([
      { id: 'join-1', users: [{ userId: 1, name: 'Ana', invitedAt: 42 }] },
      { id: 'join-2', users: [{ userId: 2, name: 'Ben' }] },
    ]);
    expect((await f.rows()).map((r) => r.notified)).toEqual([1, 1]);
    await notifyJoins(f.ctx);
    expect(shown).toHaveLength(2);
  });
});
