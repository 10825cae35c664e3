import type { AckedRow, CubeDb, InflightRow, RegisteredRow, RejectedRow } from './schema.ts';
import type { PersonRecord } from '../contacts/types.ts';
import type { BookState } from './book-state.ts';

type PeopleSource = PersonRecord['source'];

/** An unfinished listing: enough to resume it after the worker was stopped. */
export interface ListingCursor {
  mode: 'full' | 'incremental';
  listingId: string;
  /**
   * Full listings of a source that had people: those returned so far; at the end, whoever was not
   * returned is deleted. Kept with the cursor (not stamped on every row) so an unchanged person
   * costs no write. A `fresh` listing has nobody to miss and keeps none.
   */
  seen?: string[];
  /** The source had nobody when this full listing began: nothing to compare a page with. */
  fresh?: boolean;
  pageToken?: string;
  /** The sync token this incremental listing started from. */
  syncToken?: string;
  pages: number;
}

export interface LockLease {
  owner: string;
  runId: number;
}

/** Every key of the `meta` table with the type of its value: one place to look them up. */
type PerSource = { [S in PeopleSource as `syncToken:${S}`]: string } & {
  [S in PeopleSource as `listing:${S}`]: ListingCursor;
};

/** One account's books as the extension believes them, put aside while another is signed in. */
export interface DestinationState {
  acked: AckedRow[];
  inflight: InflightRow[];
  rejected: RejectedRow[];
  registered: RegisteredRow[];
  /** Its books' state, but for the outbox: that is never put aside (see bindDestination). */
  bookState: Omit<BookState, 'outbox'>;
}

export type MetaValues = PerSource & {
  [D in `belief:${string}`]: DestinationState;
} & {
  /** The settings the stored entries were projected with; a change re-projects everything. */
  projectionKey: string;
  /**
   * The settings every stored person's claims were computed with (the import computes them).
   * Absent or different: some were computed with other settings, and the projection computes them
   * all again before it builds the book.
   */
  claimsKey: string;
  /** The signed-in account's books: checks, own book, names, outbox (lib/db/book-state.ts). */
  bookState: BookState;
  /** People changed since the last projection (lib/sync/changes.ts). Absent: none. */
  projection: PendingProjection;
  /** Whose books the acknowledgements are about (lib/sync/destination.ts). */
  destination: string;
  /**
   * Whose contacts `people` holds, with the entries, skipped numbers, sync tokens and listings
   * made of them: the Google account's key, as consent names it (lib/sync/people-account.ts).
   * Absent: imported by a version that did not record it.
   */
  peopleAccount: string;
  lock: LockLease;
  /**
   * Every row of `registered`, sorted as the popup shows them, as JSON: the popup's first paint is
   * this one read (lib/db/users-view.ts, lib/ui/page-store.ts). Written in every transaction that
   * writes `registered`; absent (an older version wrote the users): the popup reads the table.
   */
  usersView: string;
};

/**
 * Changes the projection has yet to follow: `some` people changed (imported, deleted), touching
 * these phones (the ones they had and the ones they have); or `all`, when following them one by
 * one costs more than rebuilding the book.
 */
export type PendingProjection =
  { kind: 'all' } | { kind: 'some'; people: string[]; phones: string[] };

type MetaKey = keyof MetaValues & string;

export async function getMeta<K extends MetaKey>(
  db: CubeDb,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(
  db: CubeDb,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.meta.put({ key, value });
}

export async function deleteMeta(db: CubeDb, key: MetaKey): Promise<void> {
  await db.meta.delete(key);
}
