// What the extension knows of the signed-in account's books besides its acknowledgements, as one
// typed record under one meta key. It was five loose keys (`checks`, `ownBookStarted`,
// `reuploadRequested`, `namesSent`, `outbox`), two of them meaning something when absent: the
// hardest part of the engine to learn. Version 7 converts them (lib/db/book-state-upgrade.ts).
import type { MetaValues } from './meta.ts';
import type { CubeDb } from './schema.ts';

const KEY = 'bookState' satisfies keyof MetaValues;

/**
 * The own book (the account's udid), as far as uploads go:
 * - `unstarted`: never written (or emptied by a removal): its first upload is forced, replacing
 *   whatever the book holds;
 * - `started`: written at least once: uploads send the difference;
 * - `reupload-requested`: "Re-upload everything" was asked: the next upload is forced again.
 * The shared global book is never forced, so this says nothing of it.
 */
export type OwnBook = 'unstarted' | 'started' | 'reupload-requested';

/**
 * What the next upload must look at:
 * - `everything`: every entry against every acknowledgement (never uploaded, a whole new
 *   projection, a re-upload, a removal, a repair, another account or Google account);
 * - `changed`: only the phones of `book` whose entry changed since its last complete upload (none:
 *   the book is clean, and an upload sends nothing).
 */
export type Outbox = { kind: 'everything' } | { kind: 'changed'; book: string; phones: string[] };

export interface BookState {
  /** Registered-users checks completed (the join baseline is check 1). */
  checks: number;
  ownBook: OwnBook;
  /**
   * Whether the last complete upload sent the contacts' names (every version before names-free
   * did). Differing from the setting, the next upload renames every entry the extension owns.
   */
  namesSent: boolean;
  outbox: Outbox;
}

export const EVERYTHING: Outbox = { kind: 'everything' };

/** An account the extension has not uploaded to yet. */
export const FRESH_BOOK_STATE: BookState = {
  checks: 0,
  ownBook: 'unstarted',
  namesSent: true,
  outbox: EVERYTHING,
};

/**
 * The state of the signed-in account's books (FRESH_BOOK_STATE if none was stored). A chain of
 * Dexie's own promises, no async function: callers read and update it deep inside transactions,
 * and each native `await` layer more is one more hop for Dexie to follow the transaction across
 * (one too many ended the transaction early, seen under the model test's write guard).
 */
export function readBookState(db: CubeDb): Promise<BookState> {
  return db.meta.get(KEY).then((row) => (row?.value as BookState | undefined) ?? FRESH_BOOK_STATE);
}

/**
 * Changes some fields of the signed-in account's state, read afresh: `change` is a value, or a
 * function of the state as stored. Joins the caller's transaction (its scope must hold `meta`);
 * outside one it is a transaction of its own, so two updates never lose one another's change.
 */
export function updateBookState(
  db: CubeDb,
  change: Partial<BookState> | ((state: BookState) => Partial<BookState>),
): Promise<BookState> {
  return db.transaction('rw', db.meta, () =>
    readBookState(db).then((state) => {
      const next = { ...state, ...(typeof change === 'function' ? change(state) : change) };
      return db.meta.put({ key: KEY, value: next }).then(() => next);
    }),
  );
}
