import { phoneKey } from '../contacts/phone-key.ts';
import type { CubeDb } from '../db/schema.ts';
import { readBookState, updateBookState } from '../db/book-state.ts';
import { storeUsersView } from '../db/users-view.ts';
import type { RegisteredRow } from '../db/schema.ts';
import { checkpoint, countDropped, type PhaseContext } from './context.ts';
import { detectJoins, groupNotifications } from './joins.ts';
import {
  NeedsUserError,
  ServiceRefusedError,
  type Checked,
  type CubeUser,
  type RegisteredItem,
} from './ports.ts';
import { currentBook, udidOf } from './books.ts';

/** A stored profile (name, login, avatar) is fetched again once it is this old. */
export const PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The users whose profile this check fetches: those not stored yet (their `createdAt` decides
 * whether they joined), and those whose stored profile is missing or older than a day.
 */
export function profilesToFetch(
  items: readonly RegisteredItem[],
  stored: ReadonlyMap<number, RegisteredRow>,
  now: number,
): number[] {
  const ids = new Set<number>();
  for (const item of items) {
    const at = stored.get(item.id)?.profileAt;
    // A clock set back makes a future stamp: refetch rather than trust it for ever.
    if (at === undefined || now - at >= PROFILE_MAX_AGE_MS || at > now) ids.add(item.id);
  }
  return [...ids];
}

/**
 * The profiles, or null when the server did not give them (an error answer, no answer, a malformed
 * one): the check goes on with the compact answer and the local names. What only the user can fix
 * (signing in again) still fails the run, so they are told.
 */
async function fetchProfiles(ctx: PhaseContext, ids: number[]): Promise<Checked<CubeUser> | null> {
  try {
    return await ctx.cube.profiles(ids, ctx.signal);
  } catch (error) {
    checkpoint(ctx);
    if (error instanceof NeedsUserError || (error instanceof ServiceRefusedError && error.fix))
      throw error;
    return null;
  }
}

/**
 * Reads the registered users of the book in use (compact: ids and names), fetches the profiles it
 * lacks or holds stale, then in one transaction stores the users and the joins. Nothing is written
 * before every request has answered, so a failed compact answer leaves the table as it was; failed
 * profiles do not stop the check (they are fetched again at the next one, see fetchProfiles).
 */
export async function checkRegistered(ctx: PhaseContext): Promise<void> {
  const { db } = ctx;
  const book = currentBook(ctx);
  const answer = await ctx.cube.registeredUsers(udidOf(book), ctx.signal);
  const items = answer.items;
  countDropped(ctx, answer.dropped);
  ctx.counts.requests += 1;
  checkpoint(ctx);
  const now = ctx.clock.now();
  const stored = new Map(
    (await db.registered.bulkGet(items.map((item) => item.id))).flatMap((r) =>
      r ? [[r.userId, r] as const] : [],
    ),
  );
  const ids = profilesToFetch(items, stored, now);
  const fetched = ids.length > 0 ? await fetchProfiles(ctx, ids) : { items: [], dropped: 0 };
  countDropped(ctx, fetched?.dropped ?? 0);
  ctx.counts.requests += Math.ceil(ids.length / ctx.cube.profilesPerRequest);
  checkpoint(ctx);
  await db.transaction(
    'rw',
    [db.registered, db.ackedBuckets, db.meta, db.entryBuckets],
    async () => {
      const { checks } = await readBookState(db);
      const known = new Map((await db.registered.toArray()).map((r) => [r.userId, r]));
      const phones = [...new Set(items.map((u) => u.phone))];
      const [ackedRows, entries] = await Promise.all([
        db.acked.bulkGet(phones),
        db.entries.bulkGet(phones),
      ]);
      const acked = new Map(ackedRows.flatMap((a) => (a ? [[a.phone, a]] : [])));
      const names = new Map(entries.flatMap((e) => (e ? [[e.phone, e.name]] : [])));
      const result = detectJoins({
        items,
        profiles: fetched && new Map(fetched.items.map((p) => [p.id, p])),
        known,
        acked,
        names,
        checks,
        book,
        now,
        country: ctx.settings.defaultCountry,
      });
      await db.registered.bulkDelete(result.removed);
      await db.registered.bulkPut(result.rows);
      if (result.removed.length > 0 || result.rows.length > 0) await storeUsersView(db);
      // Their users were seen registered, not judged: the entries count from this check on, so the
      // next one asks their profiles (`createdAt`) rather than take them for a join of course.
      await db.acked.bulkPut(result.waiting.map((a) => ({ ...a, since: checks + 1 })));
      await updateBookState(db, { checks: checks + 1 });
      ctx.counts.joins += result.joins.length;
    },
  );
  ctx.progress({ phase: 'registered', done: items.length, total: items.length });
}

/**
 * Shows the joins not yet notified (naming the invitation of a contact the user invited), then
 * marks them. A stop between the two shows them again under
 * the same ids, which replaces the notification instead of adding a second one.
 */
export async function notifyJoins(ctx: PhaseContext): Promise<void> {
  const { db } = ctx;
  const pending = await db.registered
    .filter((r) => r.joinedAt !== undefined && r.notified === 0)
    .toArray();
  if (pending.length > 0 && ctx.settings.notifications) {
    const invites = await db.invites.bulkGet(pending.map((r) => phoneKey(r.phone)));
    const invitedAt = new Map(
      pending.flatMap((r, i) => {
        const invite = invites[i];
        return invite ? [[r.phone, invite.at] as const] : [];
      }),
    );
    for (const notification of groupNotifications(pending, invitedAt)) {
      await ctx.notifier.show(notification);
      checkpoint(ctx);
    }
  }
  if (pending.length > 0) {
    await db.transaction('rw', db.registered, db.meta, async () => {
      await db.registered.bulkPut(pending.map((r) => ({ ...r, notified: 1 as const })));
      await storeUsersView(db);
    });
  }
  await refreshBadge(ctx);
}

/** The toolbar badge counts joins the user has not looked at yet. */
export async function refreshBadge(ctx: Pick<PhaseContext, 'db' | 'notifier'>): Promise<void> {
  await ctx.notifier.setBadge(await unseenJoins(ctx.db));
}

/** The unseen joins: one range of the `[seen+joinedAt]` index, which holds only joins. */
export function unseenJoinsRange(db: CubeDb) {
  return db.registered.where('[seen+joinedAt]').between([0, -Infinity], [0, Infinity], true, true);
}

/**
 * The popup was opened: every join is seen. Only the unseen are read and written (every opening
 * asks, and a write blocks the popup's reads); with none, nothing is written, so the popup's change
 * listener does not read the users again.
 */
export async function markJoinsSeen(db: CubeDb): Promise<void> {
  await db.transaction('rw', db.registered, db.meta, async () => {
    // A function, not an object: with nothing to change Dexie then writes nothing.
    const changed = await unseenJoinsRange(db).modify((row) => {
      row.seen = 1;
    });
    if (changed > 0) await storeUsersView(db);
  });
}

/** Joins not looked at yet, counted on the index alone (no row is read). */
export function unseenJoins(db: CubeDb): Promise<number> {
  return unseenJoinsRange(db).count();
}
