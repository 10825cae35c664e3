import { deleteMeta, getMeta } from '../db/meta.ts';
import type { AckedRow } from '../db/schema.ts';
import { currentBook, GLOBAL_BOOK, udidOf } from './books.ts';
import { checkpoint, countDropped, type PhaseContext } from './context.ts';

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
  const drift = { missing: 0, renamed: 0, extra: 0 };
  await db.transaction('rw', db.ackedBuckets, db.meta, async () => {
    const known = await db.acked.inBook(book);
    const put: AckedRow[] = [];
    const gone: string[] = [];
    for (const row of known) {
      const onServer = server.get(row.phone);
      if (row.state === 'adopted') {
        // The phone app took its entry back: ours is created by the diff if it is wanted.
        if (onServer === undefined) gone.push(row.phone);
        continue;
      }
      if (row.state === 'wiped') continue;
      if (onServer === undefined) {
        drift.missing += 1;
        put.push({ ...row, state: 'wiped' });
      } else if (onServer !== row.name) {
        drift.renamed += 1;
        // In the shared book a rename is the phone app's (it alone writes there besides us): the
        // entry is its own from now on. In the own book the diff renames it back if it differs.
        put.push({ ...row, name: onServer, state: book === GLOBAL_BOOK ? 'adopted' : 'owned' });
      }
    }
    if (book !== GLOBAL_BOOK) {
      const mine = new Set(known.map((row) => row.phone));
      const checks = (await getMeta(db, 'checks')) ?? 0;
      for (const [phone, name] of server) {
        if (mine.has(phone)) continue;
        drift.extra += 1;
        put.push({ phone, name, book, since: checks, sentAt: ctx.clock.now(), state: 'owned' });
      }
    }
    await db.acked.bulkDelete(gone);
    await db.acked.bulkPut(put);
    // What changed is spread over the book: the upload compares everything this time.
    if (put.length + gone.length > 0) await deleteMeta(db, 'outbox');
  });
  ctx.counts.drift = drift;
}
