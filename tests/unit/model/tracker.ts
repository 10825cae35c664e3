// What the model remembers across commands: every app user with what their registration deserves
// (a join notification, none, or either), and what the last completed sync established.
//
// The join rule (lib/sync/joins.ts), as the model states it, at the moment a user registers with
// phone P, for the book B in use:
// - no registered-users check completed yet (the baseline to come)      -> never notified;
// - an upload mentioning P is in doubt (sent, its answer not stored)      -> at most once;
// - P is acknowledged but not on the server (a forced upload replaced the book, and the batch
//   that resends P is still to come)                                       -> at most once;
// - P is one of the extension's entries in B, on the server and its upload answered (in B since
//   the last completed sync, or acknowledged)                              -> notified exactly once;
// - P is such an entry only of the other book (a switch of book pending)  -> at most once;
// - otherwise P is no entry of the extension on the server                -> never notified
//   (a contact added while already registered is "new in the list", not a join, and the phone
//   app's entries in the global book are adopted with the time of adoption).
// "Exactly once" needs P to stay an entry of B until the notification: if the contact goes, the
// phone is respelled, or the book changes first, the promise weakens to "at most once".
// Notifications off: a join is recorded when a check sees it, and shown by the notify phase of a
// run with notifications on. A completed sync with them off records every pending join silently,
// so a user it finds that deserved one notification never gets one, not even when notifications
// are turned back on; a run with them off that does not complete may have done so. A check whose
// profiles could not be fetched leaves a new user only a profile can judge (their entry sent since
// the last check) unrecorded, for a later check: such a user still deserves their notification.

import { readBookState } from '@/lib/db/book-state';
import { GLOBAL_BOOK } from '@/lib/sync/upload';
import { expectedEntries } from './expected.ts';
import { UDID, type Shown, type World } from './world.ts';

export type Deserves = 'once' | 'never' | 'at-most-once';

/** What the histories exercised, over the whole test (printed with MODEL_STATS=1). */
export const stats = new Map<string, number>();

export function count(what: string, by = 1): void {
  stats.set(what, (stats.get(what) ?? 0) + by);
}

export interface AppUser {
  userId: number;
  phone: string;
  book: string;
  deserves: Deserves;
  why: string;
  /** A run with notifications off ran since the registration: the join may be recorded unseen. */
  mayBeSilent: boolean;
}

export class Tracker {
  readonly users: AppUser[] = [];
  /** Entries of the book in use that were on the server at the last completed sync and since. */
  stable = new Set<string>();
  stableBook = '';
  /** Something changed (contacts, settings, a failed or killed run) since the last completed sync. */
  changed = true;
  /** Google's change sequence when the current (or next) listing of each source took its snapshot. */
  listingSeq = { contact: 0, other: 0 };
  /** "Re-upload everything" was asked and may still be pending: a sync may send every entry. */
  reupload = false;
  /** Commands this history executed (their preconditions held). */
  commands = 0;

  /** Users shown by a completed sync: its marks are stored, so no later sync shows them again. */
  private shownByOk = new Set<number>();

  /** The shows of a completed sync: problems for users a completed sync had shown already. */
  reshown(shows: readonly Shown[]): string[] {
    const users = new Set(shows.flatMap((s) => s.userIds));
    const again = [...users].filter((id) => this.shownByOk.has(id));
    users.forEach((id) => this.shownByOk.add(id));
    return again.map((id) => `user ${id} shown again, though a completed sync showed it`);
  }

  /** Distinct notifications that mention a user. */
  notifications(world: World, userId: number): number {
    return new Set(world.shown.filter((s) => s.userIds.includes(userId)).map((s) => s.id)).size;
  }

  async classify(world: World, phone: string): Promise<Pick<AppUser, 'deserves' | 'why'>> {
    const { db } = world.current;
    if ((await readBookState(db)).checks === 0) return { deserves: 'never', why: 'baseline' };
    const inflight = await db.inflight.toArray();
    if (inflight.some((batch) => batch.contacts.some((c) => c.phone === phone)))
      return { deserves: 'at-most-once', why: 'an upload of it in doubt' };
    const acked = await db.acked.get(phone);
    // A forced upload replaced the book, and a stop came before the batch that resends P: the
    // engine knows P from before, so it may take the user for a join (it was in the user's book).
    if (acked && !world.serverBook(acked.book).has(phone))
      return { deserves: 'at-most-once', why: 'an entry a forced upload dropped for now' };
    // Any book: right after a switch of book the engine may still be using the other one.
    const ours = [UDID, GLOBAL_BOOK].filter(
      (key) =>
        world.serverBook(key).has(phone) &&
        (acked?.book === key || (this.stableBook === key && this.stable.has(phone))),
    );
    if (ours.length === 0) return { deserves: 'never', why: 'not an entry on the server' };
    if (ours.includes(world.bookKey) && expectedEntries(world).has(phone))
      return { deserves: 'once', why: 'an entry on the server' };
    return { deserves: 'at-most-once', why: 'an entry of a book about to change' };
  }

  /**
   * After a run that read `notifications` off from the settings: users not shown yet may never be.
   * A completed one (`completed`: it ended ok and nothing ran since) recorded every join it found
   * unseen: the users that deserved a notification must have a recorded join, and deserve none
   * any more; unless `profilesFailed` (its check got no profiles) left a user unrecorded for a
   * later check. Returns what is wrong.
   */
  async ran(
    world: World,
    notifications: boolean,
    completed: boolean,
    profilesFailed = false,
  ): Promise<string[]> {
    if (notifications) return [];
    const problems: string[] = [];
    for (const user of this.users) {
      if (this.notifications(world, user.userId) > 0) continue;
      user.mayBeSilent = true;
      if (user.deserves !== 'once') continue;
      if (!completed) {
        user.deserves = 'at-most-once';
        user.why += ', then a sync with notifications off did not complete';
        continue;
      }
      const row = await world.current.db.registered.get(user.userId);
      if (row === undefined && profilesFailed) {
        count('join left for a check with profiles (notifications off)');
        continue;
      }
      if (row?.joinedAt === undefined || row.notified !== 1)
        problems.push(`user ${user.userId} (${user.phone}): no join recorded (notifications off)`);
      user.deserves = 'never';
      user.why += ', then a sync with notifications off recorded the join';
      count('join recorded with notifications off');
    }
    return problems;
  }

  /** Users whose join the badge may count: shown, or maybe recorded with notifications off. */
  badgeBound(world: World): number {
    const shown = new Set(world.shown.flatMap((s) => s.userIds));
    for (const user of this.users) if (user.mayBeSilent) shown.add(user.userId);
    return shown.size;
  }

  /**
   * After a completed sync: the entries now on the server are the acknowledged state. `exact`:
   * the sync saw all of Google (else the next one has changes to upload).
   */
  settle(world: World, exact: boolean): void {
    const entries = expectedEntries(world);
    const book = world.serverBook();
    this.stableBook = world.bookKey;
    this.stable = new Set([...entries].filter(([p, n]) => book.get(p) === n).map(([p]) => p));
    this.changed = !exact;
  }

  /**
   * After a removal (whatever its outcome): entries may be gone, and a completed one restarts the
   * baseline, so no pending notification is promised any more.
   */
  removed(): void {
    this.stable.clear();
    this.changed = true;
    for (const user of this.users) {
      if (user.deserves !== 'once') continue;
      user.deserves = 'at-most-once';
      user.why += ', then a removal from the server';
    }
  }

  /** After every command: promises that no longer hold weaken (see the header). */
  weaken(world: World): void {
    const entries = expectedEntries(world);
    const book = world.serverBook();
    if (this.stableBook !== world.bookKey) this.stable.clear();
    for (const phone of this.stable) {
      if (!entries.has(phone) || !book.has(phone)) this.stable.delete(phone);
    }
    for (const user of this.users) {
      if (user.deserves !== 'once' || this.notifications(world, user.userId) > 0) continue;
      const reason =
        user.book !== world.bookKey
          ? 'the book changed'
          : !entries.has(user.phone)
            ? 'no longer an entry'
            : !book.has(user.phone)
              ? 'left the server'
              : undefined;
      if (reason) {
        user.deserves = 'at-most-once';
        user.why += `, then ${reason} before the notification`;
      }
    }
  }

  /** Notification counts that are already wrong (at any time: never > 0, anyone > 1). */
  problems(world: World): string[] {
    return this.users.flatMap((user) => {
      const shown = this.notifications(world, user.userId);
      if (shown > 1) return [`user ${user.userId} (${user.phone}) notified ${shown} times`];
      if (user.deserves === 'never' && shown > 0)
        return [`user ${user.userId} (${user.phone}) notified but ${user.why}`];
      return [];
    });
  }

  /** After the final clean sync: every promise of a notification is kept. */
  finalProblems(world: World): string[] {
    for (const user of this.users) {
      const notified = this.notifications(world, user.userId) > 0 ? 'notified' : 'not notified';
      count(`app user deserving ${user.deserves}: ${notified}`);
    }
    return [
      ...this.problems(world),
      ...this.users
        .filter((u) => u.deserves === 'once' && this.notifications(world, u.userId) !== 1)
        .map((u) => `user ${u.userId} (${u.phone}) never notified, though ${u.why}`),
    ];
  }
}
