import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFirstScreen, FIRST_SCREEN_USERS } from '@/lib/background/first-screen';
import { accountDestination } from '@/lib/background/consent';
import { setMeta } from '@/lib/db/meta';
import { CubeDb, type RegisteredRow } from '@/lib/db/schema';
import { sortForPopup, storeUsersView } from '@/lib/db/users-view';
import { cubeAccountItem, firstScreenItem, type FirstScreen } from '@/lib/settings';
import { calls, db, fakeCube, service, signInRequest } from './service-harness.ts';

const signIn = (login: string) => signInRequest(login);

/** `count` registered users, as a check stores them (some joined, most not). */
function users(count: number, prefix: string): RegisteredRow[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: 1_000 + i,
    phone: `1212555${String(i).padStart(4, '0')}`,
    addressBookName: `${prefix} ${String(i).padStart(3, '0')}`,
    firstSeenAt: 0,
    notified: 1 as const,
    // Joins not seen yet: every tenth.
    seen: (i % 10 === 0 ? 0 : 1) as 0 | 1,
    ...(i % 5 === 0 ? { joinedAt: i, joinBatch: 1 } : {}),
  }));
}

/** Writes `rows` into `registered` and the view, in one transaction, as lib/sync does. */
async function store(rows: RegisteredRow[]): Promise<void> {
  await db.transaction('rw', db.registered, db.meta, async () => {
    await db.registered.bulkPut(rows);
    await storeUsersView(db);
  });
}

/** The first screen of these users, as the popup is to paint it. */
const screenOf = (rows: RegisteredRow[]): FirstScreen => ({
  total: rows.length,
  users: sortForPopup(rows).slice(0, FIRST_SCREEN_USERS),
});

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** The service, following the users view as the background's entrypoint makes it. */
function following(cube = fakeCube()) {
  const s = service(cube);
  stops.push(s.followUsersView());
  return s;
}

/** Waits until storage.session holds `expected` (the view is followed after each commit). */
const firstScreenIs = (expected: FirstScreen | null) =>
  vi.waitFor(async () => expect(await firstScreenItem.getValue()).toEqual(expected));

describe("the popup's first screen (storage.session)", () => {
  it('is the start of the users view and its count, written after every write of the view', async () => {
    const s = following();
    await s.handle(signIn('alice'));
    const rows = users(45, 'Alice friend');
    await store(rows);
    await firstScreenIs(screenOf(rows));
    expect((await firstScreenItem.getValue())?.users).toHaveLength(FIRST_SCREEN_USERS);
    expect((await firstScreenItem.getValue())?.users.some((u) => u.seen === 0)).toBe(true);
    // The popup marks the joins seen: the first screen says so too.
    await s.handle({ type: 'markSeen' });
    await firstScreenIs(screenOf(await db.registered.toArray()));
    expect((await firstScreenItem.getValue())?.users.every((u) => u.seen === 1)).toBe(true);
    // Fewer users than a screen: all of them.
    await db.transaction('rw', db.registered, db.meta, async () => {
      await db.registered.bulkDelete(rows.slice(3).map((r) => r.userId));
      await storeUsersView(db);
    });
    await firstScreenIs(screenOf(await db.registered.toArray()));
    expect((await firstScreenItem.getValue())?.total).toBe(3);
  });

  it('is written at once for the view as it is when the background starts (the browser restarted)', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    const rows = users(12, 'Alice friend');
    await store(rows);
    expect(await firstScreenItem.getValue()).toBeNull();
    stops.push(s.followUsersView());
    await firstScreenIs(screenOf(rows));
  });

  it("never shows another account's users: gone before the sign-in changes the account, the new account's after", async () => {
    const seenBySignIn: (FirstScreen | null)[] = [];
    const cube = fakeCube();
    const signInTo = cube.signIn;
    cube.signIn = async (credentials, stay) => {
      seenBySignIn.push(await firstScreenItem.getValue());
      return signInTo(credentials, stay);
    };
    const s = following(cube);
    await s.handle(signIn('alice'));
    const alices = users(40, 'Alice friend');
    await store(alices);
    await firstScreenIs(screenOf(alices));
    seenBySignIn.length = 0;

    // Bob signs in: Alice's users are put aside with her belief; Bob has none yet.
    expect((await s.handle(signIn('bob'))).ok).toBe(true);
    expect(seenBySignIn).toEqual([null]);
    await firstScreenIs({ total: 0, users: [] });
    const bobs = users(5, 'Bob friend').map((r) => ({ ...r, userId: r.userId + 500 }));
    await store(bobs);
    await firstScreenIs(screenOf(bobs));

    // Alice again: her users come back from where they were put aside, and only hers.
    await s.handle(signIn('alice'));
    await firstScreenIs(screenOf(alices));
  });

  it('a sign-in that fails keeps the first screen of the account still signed in', async () => {
    const s = following();
    await s.handle(signIn('alice'));
    const rows = users(8, 'Alice friend');
    await store(rows);
    await firstScreenIs(screenOf(rows));
    const reply = await s.handle({ ...signIn('mallory'), password: 'wrong' });
    expect(reply.ok).toBe(false);
    await firstScreenIs(screenOf(rows));
  });

  it("is removed when the view is not the signed-in account's (the worker stopped between the sign-in and the binding)", async () => {
    const s = service();
    await s.handle(signIn('alice'));
    await store(users(20, 'Alice friend'));
    // A first screen of Alice's left in memory, and Bob signed in, but the view not bound to him yet.
    await firstScreenItem.setValue(screenOf(users(20, 'Alice friend')));
    const alice = await cubeAccountItem.getValue();
    await cubeAccountItem.setValue({ ...alice!, user: { ...alice!.user, id: 82 } });
    stops.push(s.followUsersView());
    await firstScreenIs(null);
    // Bound (the next run does it): Bob's view, none yet.
    await db.transaction('rw', db.meta, async () => {
      await setMeta(db, 'destination', accountDestination(await cubeAccountItem.getValue()));
      await setMeta(db, 'usersView', '[]');
    });
    await firstScreenIs({ total: 0, users: [] });
  });

  it('is removed by sign-out and by "Forget everything", and not written while they run', async () => {
    const s = following();
    await s.handle(signIn('alice'));
    const rows = users(10, 'Alice friend');
    await store(rows);
    await firstScreenIs(screenOf(rows));
    await s.handle({ type: 'cubeSignOut' });
    expect(await firstScreenItem.getValue()).toBeNull();
    // The view stays (the popup lists the last sync's users, from IndexedDB); its first screen
    // is only ever the signed-in account's.
    await store(rows.slice(0, 4));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await firstScreenItem.getValue()).toBeNull();

    await s.handle(signIn('alice'));
    await firstScreenIs(screenOf(rows));
    calls.length = 0;
    expect((await s.handle({ type: 'forgetEverything', removeFirst: false })).ok).toBe(true);
    expect(await firstScreenItem.getValue()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await firstScreenItem.getValue()).toBeNull();
  });

  it('is removed when the view is not one (a write cut short, another version)', async () => {
    const s = following();
    await s.handle(signIn('alice'));
    const rows = users(10, 'Alice friend');
    await store(rows);
    await firstScreenIs(screenOf(rows));
    await setMeta(db, 'usersView', '{not json');
    await firstScreenIs(null);
  });

  it('a view that cannot be read leaves no first screen, and is followed again once it can', async () => {
    const own = new CubeDb(`first-screen-${Math.random()}`);
    const rows = users(12, 'Friend');
    await setMeta(own, 'destination', 'D');
    await setMeta(own, 'usersView', JSON.stringify(sortForPopup(rows)));
    let kept: FirstScreen | undefined = { total: 99, users: [] };
    const area = {
      setValue: async (screen: FirstScreen) => void (kept = screen),
      removeValue: async () => void (kept = undefined),
    };
    // The read fails (as when the database cannot be opened), then works again.
    const get = own.meta.get.bind(own.meta);
    own.meta.get = (() => Promise.reject(new Error('the database cannot be opened'))) as never;
    const keeper = createFirstScreen({
      db: own,
      area,
      signedIn: async () => 'D',
      followAgainMs: 20,
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    stops.push(keeper.follow());
    // The stale screen goes: the popup waits for the database rather than paint it.
    await vi.waitFor(() => expect(kept).toBeUndefined());
    own.meta.get = get;
    await vi.waitFor(() => expect(kept).toEqual(screenOf(rows)));
    warn.mockRestore();
  });

  it('a first screen that cannot be removed does not stand in the way of Forget or a sign-in', async () => {
    const area = {
      setValue: async () => undefined,
      removeValue: async () => Promise.reject(new Error('storage.session is gone')),
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const keeper = createFirstScreen({ db, area, signedIn: async () => '' });
    expect(await keeper.held(async () => 'forgotten')).toBe('forgotten');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
