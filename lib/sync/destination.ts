import { EVERYTHING, FRESH_BOOK_STATE, readBookState } from '../db/book-state.ts';
import { getMeta, setMeta, type DestinationState } from '../db/meta.ts';
import type { CubeDb } from '../db/schema.ts';
import { usersView } from '../db/users-view.ts';
import { destroyable } from './outbox.ts';

/**
 * Where uploads go: the API endpoint, the application and the user, e.g.
 * `https://api.connectycube.com|1234|81`. The book (own or shared) is part of the acknowledgements
 * themselves (`AckedRow.book`); this names whose books they are.
 */
export function destinationKey(endpoint: string, applicationId: string, userId: number): string {
  return `${endpoint}|${applicationId}|${userId}`;
}

/**
 * Binds what the extension believes the server holds (acknowledgements, batches in doubt, refusals,
 * registered users and joins, its books' state) to one destination. When it changes
 * (another account, app or server), that belief is about the previous account's books, which this
 * session cannot reach: it is put aside under that account's key and the new account's own is taken
 * out (nothing, the first time, so its first upload is complete and its join baseline fresh).
 * Returns whether the destination changed.
 */
export async function bindDestination(db: CubeDb, destination: string): Promise<boolean> {
  const tables = [db.meta, db.ackedBuckets, db.inflight, db.rejected, db.registered];
  return db.transaction('rw', tables, async () => {
    const bound = await getMeta(db, 'destination');
    if (bound === destination) return false;
    // Installed before destinations were recorded: the belief is the signed-in account's own.
    if (bound === undefined) {
      await setMeta(db, 'destination', destination);
      return false;
    }
    const [acked, inflight, rejected, registered, state] = await Promise.all([
      db.acked.toArray(),
      db.inflight.toArray(),
      db.rejected.toArray(),
      db.registered.toArray(),
      readBookState(db),
    ]);
    // The outbox mark is not put aside: the entries keep changing while another account is
    // signed in, and a mark kept from before would call this account's book clean when it comes
    // back. Without one, its next upload compares every entry with what its book acknowledged.
    const { outbox: _notKept, ...bookState } = state;
    const kept: DestinationState = { acked, inflight, rejected, registered, bookState };
    await setMeta(db, `belief:${bound}`, kept);
    await Promise.all([
      db.acked.clear(),
      db.inflight.clear(),
      db.rejected.clear(),
      db.registered.clear(),
    ]);
    const back = await getMeta(db, `belief:${destination}`);
    if (back) {
      await Promise.all([
        db.acked.bulkPut(back.acked),
        db.inflight.bulkPut(back.inflight),
        db.rejected.bulkPut(back.rejected),
        db.registered.bulkPut(back.registered),
        db.meta.delete(`belief:${destination}`),
      ]);
    }
    // A mark put aside by an earlier version is just as stale (the version 7 upgrade dropped it).
    await setMeta(db, 'bookState', {
      ...(back?.bookState ?? FRESH_BOOK_STATE),
      outbox: EVERYTHING,
    });
    // The popup lists this account's users (none, the first time), not the one's before.
    await setMeta(db, 'usersView', usersView(back?.registered ?? []));
    await setMeta(db, 'destination', destination);
    return true;
  });
}

/**
 * The entries this extension put on the servers of the other accounts signed in here before (their
 * state put aside by bindDestination) that it would destroy on a removal: what "Forget everything"
 * leaves there for good, since only signing in to each account again can remove them.
 */
export async function otherAccountsEntryCount(db: CubeDb): Promise<number> {
  let count = 0;
  // Only installs that changed accounts have any: none costs one empty key range.
  await db.meta
    .where('key')
    .startsWith('belief:')
    .each((row) => {
      const state = row.value as DestinationState;
      count += state.acked.filter(destroyable).length;
    });
  return count;
}
