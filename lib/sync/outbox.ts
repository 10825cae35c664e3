import type { AckedRow, AckedState, EntryRow, RejectedRow } from '../db/schema.ts';
import type { DestroyContact, UpsertContact } from '../domain/upload.ts';

/** Contacts per request. The API documents no limit; bounded batches keep each request small. */
export const BATCH_SIZE = 500;

export interface Outbox {
  /** Destroys in books the extension no longer uses (after switching own/global), by book. */
  leave: Map<string, DestroyContact[]>;
  /** Creates and renames for the book in use. */
  upserts: UpsertContact[];
  /** Destroys of entries that disappeared, in the book in use. */
  destroys: DestroyContact[];
  /** Acknowledgements of entries the extension did not create and no longer needs: dropped locally. */
  forget: string[];
}

/**
 * Whether leaving the book means destroying the entry on the server: only for entries the extension
 * put there (not the phone app's) and the server still holds (not wiped by a forced upload). The
 * others are only forgotten locally.
 */
export const DESTROYABLE: readonly AckedState[] = ['owned', 'resend'];

export function destroyable(row: AckedRow): boolean {
  return DESTROYABLE.includes(row.state);
}

/**
 * What to send to `book`: the difference between the desired entries and what the server
 * acknowledged. `replaceAll` (a forced upload of the own book) ignores the acknowledgements:
 * everything is sent.
 */
export function computeOutbox(input: {
  entries: Iterable<EntryRow>;
  acked: Iterable<AckedRow>;
  rejected: Iterable<RejectedRow>;
  book: string;
  replaceAll: boolean;
}): Outbox {
  const acked = new Map<string, AckedRow>();
  const leave = new Map<string, DestroyContact[]>();
  const forget: string[] = [];
  for (const row of input.acked) {
    if (row.book === input.book) acked.set(row.phone, row);
    else if (!destroyable(row)) forget.push(row.phone);
    else {
      const list = leave.get(row.book) ?? [];
      list.push({ phone: row.phone, destroy: true });
      leave.set(row.book, list);
    }
  }
  const rejected = new Map<string, string>();
  for (const row of input.rejected) rejected.set(row.phone, row.name);

  const upserts: UpsertContact[] = [];
  const wanted = new Set<string>();
  for (const entry of input.entries) {
    wanted.add(entry.phone);
    const known = acked.get(entry.phone);
    // The global book's own entries (the phone app's) are matched as they are, never rewritten.
    if (known?.state === 'adopted') continue;
    if (!input.replaceAll && known?.state === 'owned' && known.name === entry.name) continue;
    // Refused with this very name: sending it again would be refused again.
    if (rejected.get(entry.phone) === entry.name) continue;
    upserts.push({ phone: entry.phone, name: entry.name });
  }
  const gone = [...acked.values()].filter((a) => !wanted.has(a.phone));
  forget.push(...gone.filter((a) => !destroyable(a)).map((a) => a.phone));
  const destroys: DestroyContact[] = input.replaceAll
    ? []
    : gone.filter(destroyable).map((a) => ({ phone: a.phone, destroy: true }));
  return { leave, upserts, destroys, forget };
}

export function chunk<T>(items: T[], size: number = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
