import type { EntryRow, InflightRow } from '../db/schema.ts';

/**
 * The name an entry is uploaded under. Names-free (`sendNames` off), it is the number itself: the
 * server requires a name of 1–255 characters, and the number tells it nothing it does not already
 * hold. The user's names stay in the browser (entries, registered users, notifications).
 */
export function serverName(entry: Pick<EntryRow, 'phone' | 'name'>, sendNames: boolean): string {
  return sendNames ? entry.name : entry.phone;
}

/** The entries as the server should hold them (the very rows, when names are sent). */
export function asUploaded(entries: readonly EntryRow[], sendNames: boolean): readonly EntryRow[] {
  return sendNames ? entries : entries.map((e) => ({ ...e, name: serverName(e, false) }));
}

/**
 * A batch in doubt sent again names-free: it was stored while names were sent, but since the user
 * turned them off no name may leave any more. The same phones and operations, so a repeat of a
 * batch the server did apply stays harmless; the diff then sees the numbers acknowledged.
 */
export function withoutNames(batch: InflightRow): InflightRow {
  return {
    ...batch,
    contacts: batch.contacts.map((c) => (c.destroy ? c : { ...c, name: serverName(c, false) })),
  };
}
