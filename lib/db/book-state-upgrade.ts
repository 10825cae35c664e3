import type { Table } from 'dexie';
import { EVERYTHING, FRESH_BOOK_STATE, type BookState, type OwnBook } from './book-state.ts';
import type { DestinationState } from './meta.ts';
import type { MetaRow } from './schema.ts';

/** The keys versions 1 to 6 kept the account's books' state in, each absent until first written. */
export interface LegacyBookKeys {
  checks?: number;
  ownBookStarted?: boolean;
  reuploadRequested?: boolean;
  namesSent?: boolean;
  /** Absent: the next upload looks at everything. */
  outbox?: { book: string; phones: string[] };
}

export const LEGACY_KEYS = [
  'checks',
  'ownBookStarted',
  'reuploadRequested',
  'namesSent',
  'outbox',
] as const satisfies readonly (keyof LegacyBookKeys)[];

/** The loose keys as one record: what each one's absence meant is now a stated value. */
export function bookStateOf(legacy: LegacyBookKeys): BookState {
  // A re-upload asked of a book never written forces all the same: either way the next forced
  // batch starts (or restarts) it.
  const ownBook: OwnBook =
    legacy.reuploadRequested === true
      ? 'reupload-requested'
      : legacy.ownBookStarted === true
        ? 'started'
        : 'unstarted';
  return {
    checks: legacy.checks ?? FRESH_BOOK_STATE.checks,
    ownBook,
    namesSent: legacy.namesSent ?? FRESH_BOOK_STATE.namesSent,
    outbox: legacy.outbox ? { kind: 'changed', ...legacy.outbox } : EVERYTHING,
  };
}

/** A belief put aside by versions 1 to 6: its books' state as the loose keys. */
type LegacyBelief = Omit<DestinationState, 'bookState'> & { meta?: LegacyBookKeys };

/**
 * Version 7: the signed-in account's loose keys become one `bookState` row, and every account put
 * aside (`belief:*`) keeps its own as `bookState` (without an outbox: none is ever restored, and a
 * mark put aside by an earlier version is just as stale).
 */
export async function upgradeBookStateToV7(meta: Table<MetaRow, string>): Promise<void> {
  const rows = await meta.bulkGet([...LEGACY_KEYS]);
  const legacy: LegacyBookKeys = {};
  LEGACY_KEYS.forEach((key, i) => {
    const row = rows[i];
    if (row !== undefined) Object.assign(legacy, { [key]: row.value });
  });
  // Nothing stored: a fresh install, whose first read gets the fresh state.
  if (rows.some((row) => row !== undefined)) {
    await meta.put({ key: 'bookState', value: bookStateOf(legacy) });
    await meta.bulkDelete([...LEGACY_KEYS]);
  }
  await meta
    .where('key')
    .startsWith('belief:')
    .modify((row) => {
      const { meta: kept, ...belief } = row.value as LegacyBelief;
      const { outbox: _stale, ...bookState } = bookStateOf(kept ?? {});
      row.value = { ...belief, bookState } satisfies DestinationState;
    });
}
