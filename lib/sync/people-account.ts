import { EVERYTHING, updateBookState } from '../db/book-state.ts';
import { getMeta, setMeta, type MetaValues } from '../db/meta.ts';
import type { CubeDb } from '../db/schema.ts';

/** Where a listing stands: sync tokens and unfinished cursors, of both sources. */
const LISTINGS: (keyof MetaValues)[] = [
  'syncToken:contact',
  'syncToken:other',
  'listing:contact',
  'listing:other',
];

/**
 * What binding did: nothing (`same`), took unlabelled contacts as the account's (`adopted`), or
 * dropped another account's (`dropped`).
 */
export type PeopleBinding = 'same' | 'adopted' | 'dropped';

/** Whether the local contacts are already known to be this Google account's (see bindPeople). */
export async function holdsPeopleOf(db: CubeDb, google: string): Promise<boolean> {
  return (await getMeta(db, 'peopleAccount')) === google;
}

/**
 * Binds the local contacts to one Google account (`google`: its key as consent names it). Another
 * account's contacts are not this one's: its people, the entries and skipped numbers made of them,
 * the projection's pending changes, its sync tokens and unfinished listings go, so the next import
 * is a full listing of this account and no sync token of one account is ever sent with another's
 * access token. What the extension believes the server holds stays (lib/sync/destination.ts): it
 * is still true, and the next upload, once agreed to for this account, compares every entry with it
 * (the outbox mark goes), so the other account's entries that this one lacks are destroyed.
 * Disconnecting alone changes nothing here: connecting the same account again goes on from them.
 *
 * Contacts imported before the account was recorded are taken as the connected account's, but
 * their sync tokens and listings go: nothing says whose they are (Google may have been connected
 * to another account since), and a full listing is the truth, letting go whoever it does not
 * return. It finds the same account's contacts unchanged, so it costs one listing and no upload.
 */
export async function bindPeople(db: CubeDb, google: string): Promise<PeopleBinding> {
  return db.transaction(
    'rw',
    [db.peopleBuckets, db.skippedBuckets, db.entryBuckets, db.meta],
    async () => {
      const bound = await getMeta(db, 'peopleAccount');
      if (bound === google) return 'same';
      await db.meta.bulkDelete(LISTINGS);
      // A listing's loose pages (lib/db/packed-store.ts) are sorted in when it ends: this one
      // will not end.
      await db.people.compact();
      await db.skipped.compact();
      if (bound !== undefined) {
        await Promise.all([
          db.people.clear(),
          db.skipped.clear(),
          db.entries.clear(),
          // The entries changed wholesale: the next upload diffs them all.
          db.meta.delete('projection' satisfies keyof MetaValues),
          updateBookState(db, { outbox: EVERYTHING }),
        ]);
      }
      await setMeta(db, 'peopleAccount', google);
      return bound === undefined ? 'adopted' : 'dropped';
    },
  );
}
