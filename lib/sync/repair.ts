import { EVERYTHING, readBookState, updateBookState } from '../db/book-state.ts';
import type { AckedRow } from '../db/schema.ts';
import { currentBook, GLOBAL_BOOK, udidOf } from './books.ts';
import { compareBook } from './book-compare.ts';
import { checkpoint, countDropped, type PhaseContext } from './context.ts';
import { destroyable } from './outbox.ts';

/**
 * "Check and repair": reads the book in use and makes what the extension believes of it true, so
 * the upload that follows sends only the difference — no force, never the phone app's entries:
 * - an entry the server lacks is `wiped` (sent again if still wanted, forgotten if not);
 * - an entry under another name takes the server's name: in the own book renamed back if the entry
 *   differs; in the shared book adopted, the phone app's rename (never renamed back nor destroyed);
 * - in the own book, an entry the extension has no record of is taken as its own (every entry
 *   of that book is), so the diff destroys it unless it is wanted.
 * The drift found is counted in the run ("2 missing, 1 renamed, 1 extra").
 */
export async function inspectBook(ctx: PhaseContext): Promise<void> {
  const { db } = ctx;
  const book = currentBook(ctx);
  const { items, dropped } = await ctx.cube.book(udidOf(book), ctx.signal);
  countDropped(ctx, dropped);
  ctx.counts.requests += 1;
  checkpoint(ctx);
  const server = new Map(items.map((e) => [e.phone, e.name]));
  await db.transaction('rw', db.ackedBuckets, db.meta, async () => {
    const known = await db.acked.inBook(book);
    const byPhone = new Map(known.map((row) => [row.phone, row]));
    // The phone app took an adopted entry back: ours is created by the diff if it is wanted.
    const gone = known
      .filter((row) => row.state === 'adopted' && !server.has(row.phone))
      .map((row) => row.phone);
    const believed = new Map(known.filter(destroyable).map((row) => [row.phone, row.name]));
    const found = compareBook(server, believed, book !== GLOBAL_BOOK, byPhone);
    const drift = {
      missing: found.missing.length,
      renamed: found.renamed.length,
      extra: found.extra.length,
    };
    const { checks } = await readBookState(db);
    const put: AckedRow[] = [
      ...found.missing.map((phone): AckedRow => ({ ...byPhone.get(phone)!, state: 'wiped' })),
      // In the shared book a rename is the phone app's (it alone writes there besides us): the
      // entry is its own from now on. In the own book the diff renames it back if it differs.
      ...found.renamed.map((phone): AckedRow => ({
        ...byPhone.get(phone)!,
        name: server.get(phone)!,
        state: book === GLOBAL_BOOK ? 'adopted' : 'owned',
      })),
      ...found.extra.map((phone): AckedRow => ({
        phone,
        name: server.get(phone)!,
        book,
        since: checks,
        sentAt: ctx.clock.now(),
        state: 'owned',
      })),
    ];
    await db.acked.bulkDelete(gone);
    await db.acked.bulkPut(put);
    // What changed is spread over the book: the upload compares everything this time.
    if (put.length + gone.length > 0) await updateBookState(db, { outbox: EVERYTHING });
    ctx.counts.drift = drift;
  });
}
