import { EVERYTHING, readBookState, updateBookState } from '../db/book-state.ts';
import type { CubeDb, InflightRow, UploadContact } from '../db/schema.ts';
import { storeUsersView } from '../db/users-view.ts';
import { ackedBucketOf } from '../db/acked-store.ts';
import { checkpoint, countDropped, type PhaseContext } from './context.ts';
import { sendSplitting, sendTogether } from './batch.ts';
import { currentBook, GLOBAL_BOOK } from './books.ts';
import { asUploaded, withoutNames } from './names.ts';
import { chunk, computeOutbox, destroyable } from './outbox.ts';

export { GLOBAL_BOOK, currentBook } from './books.ts';

/**
 * In the shared global book, entries the phone app already uploaded are adopted as they are (not
 * owned): the extension neither renames nor ever destroys them. `phones`: the entries to consider
 * (the outbox's), or all of them.
 */
async function adoptGlobalEntries(ctx: PhaseContext, phones: string[] | null): Promise<void> {
  const { db } = ctx;
  let fresh: string[];
  if (phones) {
    const [entries, acked] = await Promise.all([
      db.entries.bulkGet(phones),
      db.acked.bulkGet(phones),
    ]);
    fresh = phones.filter((_, i) => entries[i] && !acked[i]);
  } else {
    const acked = new Set((await db.acked.inBook(GLOBAL_BOOK)).map((a) => a.phone));
    fresh = (await db.entries.keys()).filter((p) => !acked.has(p));
  }
  if (fresh.length === 0) return;
  const { items: book, dropped } = await ctx.cube.book(undefined, ctx.signal);
  countDropped(ctx, dropped);
  ctx.counts.requests += 1;
  checkpoint(ctx);
  const wanted = new Set(fresh);
  const theirs = book.filter((c) => wanted.has(c.phone));
  if (theirs.length === 0) return;
  const { checks } = await readBookState(db);
  const now = ctx.clock.now();
  await db.acked.bulkPut(
    theirs.map((c) => ({
      phone: c.phone,
      name: c.name,
      book: GLOBAL_BOOK,
      since: checks,
      sentAt: now,
      state: 'adopted' as const,
    })),
  );
}

type Batch = Omit<InflightRow, 'id' | 'createdAt'>;

/**
 * Contacts grouped by the bucket their acknowledgement is stored in: a batch's answer then rewrites
 * a few buckets, not every one (in phone order, each batch of 500 touched all 128 of them).
 */
function inBucketOrder(contacts: UploadContact[]): UploadContact[] {
  return contacts
    .map((c) => ({ c, bucket: ackedBucketOf(c.phone) }))
    .sort((a, b) => a.bucket - b.bucket || (a.c.phone < b.c.phone ? -1 : 1))
    .map(({ c }) => c);
}

/** Batches sent side by side: their requests overlap, and two transactions serve them all. */
export const SIDE_BY_SIDE = 2;

/** The batches from `i` on that go side by side: of one book, none forced (a force goes alone). */
function sideBySide(batches: Batch[], i: number): Batch[] {
  const first = batches[i]!;
  const group = [first];
  while (group.length < SIDE_BY_SIDE && !first.force) {
    const next = batches[i + group.length];
    if (!next || next.force || next.book !== first.book) break;
    group.push(next);
  }
  return group;
}

/** Sends batches in order, reporting progress from `done` on; returns the contacts sent so far. */
async function sendAll(ctx: PhaseContext, batches: Batch[], done = 0): Promise<number> {
  const total = batches.reduce((n, b) => n + b.contacts.length, done);
  ctx.progress({ phase: 'upload', done, total });
  const row = (batch: Batch): InflightRow => ({
    id: ctx.newId(),
    createdAt: ctx.clock.now(),
    ...batch,
  });
  for (let i = 0; i < batches.length;) {
    const group = sideBySide(batches, i);
    if (group.length === 1) await sendSplitting(ctx, row(group[0]!));
    else await sendTogether(ctx, group.map(row));
    i += group.length;
    done += group.reduce((n, b) => n + b.contacts.length, 0);
    ctx.progress({ phase: 'upload', done, total });
  }
  return done;
}

/** The destroys that empty the books the extension no longer uses (after switching own/global). */
async function leaveBatches(ctx: PhaseContext, book: string): Promise<Batch[]> {
  const others = await ctx.db.acked.notInBook(book);
  const { leave } = computeOutbox({
    entries: [],
    acked: others,
    rejected: [],
    book,
    replaceAll: false,
  });
  return [...leave].flatMap(([oldBook, destroys]) =>
    chunk(destroys, ctx.batchSize).map((contacts) => ({ book: oldBook, force: false, contacts })),
  );
}

/**
 * The rows the diff needs: every entry, acknowledgement and refusal, or, when the outbox names the
 * phones changed since the last complete upload of this book, only theirs (a change costs its size).
 */
async function diffInput(ctx: PhaseContext, phones: string[] | null) {
  const { db } = ctx;
  if (!phones) {
    const [entries, acked, rejected] = await Promise.all([
      db.entries.toArray(),
      db.acked.toArray(),
      db.rejected.toArray(),
    ]);
    return { entries, acked, rejected };
  }
  const [entries, acked, rejected] = await Promise.all([
    db.entries.bulkGet(phones),
    db.acked.bulkGet(phones),
    db.rejected.bulkGet(phones),
  ]);
  const present = <T>(rows: (T | undefined)[]): T[] => rows.filter((r): r is T => r !== undefined);
  // Acknowledgements in other books are left by `leaveBatches` first, whatever the outbox says.
  return { entries: present(entries), acked: present(acked), rejected: present(rejected) };
}

/** Upload: resend what is in doubt, leave books no longer in use, then send the diff in batches. */
export async function uploadPhase(ctx: PhaseContext): Promise<void> {
  const { db } = ctx;
  const { sendNames } = ctx.settings;
  const pending = await db.inflight.orderBy('createdAt').toArray();
  for (const batch of pending) await sendSplitting(ctx, sendNames ? batch : withoutNames(batch));

  const book = currentBook(ctx);
  // Read after the batches in doubt: one of them may have been the force that started the book.
  const { namesSent, outbox: mark, ownBook } = await readBookState(db);
  // Names turned on or off: every entry the extension owns goes again under its new name. The mark
  // goes first: a switch stopped half-way (some entries renamed, `namesSent` not yet written) must
  // not look finished should the user switch back before the next complete upload.
  const namesChanged = namesSent !== sendNames;
  // Another book's mark goes too, before anything is sent: leaving that book (below) destroys its
  // entries, so a mark still calling it clean would make a switch back, after this run failed
  // half-way, send nothing and leave the book empty.
  const stale = mark.kind === 'changed' && (namesChanged || mark.book !== book);
  if (stale) await updateBookState(db, { outbox: EVERYTHING });
  // The phones to look at; null: every entry.
  const outbox = mark.kind === 'changed' && !stale ? mark.phones : null;
  if (outbox?.length === 0) return;
  // The old book is emptied before anything is adopted or sent to the new one: acknowledgements are
  // keyed by phone alone, so the new book's would overwrite the old book's, whose entry would then
  // never be destroyed.
  const left = await sendAll(ctx, await leaveBatches(ctx, book));
  const own = ctx.settings.bookMode === 'own';
  const wantsForce = own && ownBook !== 'started' && (await db.entries.count()) > 0;
  // A forced upload replaces the whole book: it needs every entry, not only the changed ones.
  const scope = wantsForce ? null : outbox;
  if (book === GLOBAL_BOOK) await adoptGlobalEntries(ctx, scope);
  const input = await diffInput(ctx, scope);
  const state = { ...input, entries: asUploaded(input.entries, sendNames), book };
  let diff = computeOutbox({ ...state, replaceAll: wantsForce });
  // The force rides on the first upsert. With none to send (every entry refused), a forced upload
  // sent nothing and so never destroyed what left the book: the diff's destroys do it instead, and
  // the re-upload stays asked for until an entry can carry it.
  const replaceAll = wantsForce && diff.upserts.length > 0;
  if (wantsForce && !replaceAll) diff = computeOutbox({ ...state, replaceAll: false });
  if (diff.forget.length > 0) await db.acked.bulkDelete(diff.forget);

  const batches: Batch[] = [];
  chunk(inBucketOrder(diff.upserts), ctx.batchSize).forEach((contacts, i) =>
    batches.push({ book, force: replaceAll && i === 0, contacts }),
  );
  for (const contacts of chunk(inBucketOrder(diff.destroys), ctx.batchSize))
    batches.push({ book, force: false, contacts });
  await sendAll(ctx, batches, left);
  // A re-upload still waiting for an entry to carry its force is not clean.
  if (!(wantsForce && !replaceAll)) {
    // Together: a clean outbox with the old `namesSent` would skip the renames the switch needs.
    await updateBookState(db, {
      outbox: { kind: 'changed', book, phones: [] },
      namesSent: sendNames,
    });
  }
}

/**
 * "Re-upload everything": the own book is replaced by a forced upload at the next sync. The shared
 * global book cannot be forced: what it acknowledged as the extension's is marked `resend`, so the
 * diff sends it all again. (Deleting those rows instead made the next sync adopt the entries as
 * the phone app's: never renamed or destroyed again, so a deleted contact stayed on the server.)
 */
export async function requestReupload(db: CubeDb, bookMode: 'own' | 'global'): Promise<void> {
  // One transaction: an ask half-written (the outbox, not the states) would be half carried out.
  await db.transaction('rw', db.meta, db.ackedBuckets, async () => {
    await updateBookState(db, {
      outbox: EVERYTHING,
      ...(bookMode === 'own' ? { ownBook: 'reupload-requested' as const } : {}),
    });
    if (bookMode === 'global')
      await db.acked.modify(
        (a) => a.book === GLOBAL_BOOK && a.state === 'owned',
        (a) => ({ ...a, state: 'resend' }),
      );
  });
}

/** "Remove my contacts from the server": destroy every entry the extension created, in every book. */
export async function removeAllPhase(ctx: PhaseContext): Promise<void> {
  const { db } = ctx;
  // First: a removal stopped half-way must not leave the book looking clean.
  await updateBookState(db, { outbox: EVERYTHING });
  // Batches in doubt go again as destroys only: consent was withdrawn, so no name leaves any more
  // (destroying what may not be there is harmless; a force in doubt is only a destroy now).
  for (const batch of await db.inflight.orderBy('createdAt').toArray()) {
    const contacts = batch.contacts.map((c) => ({ phone: c.phone, destroy: true as const }));
    await sendSplitting(ctx, { ...batch, force: false, contacts });
  }
  const acked = await db.acked.toArray();
  await db.acked.bulkDelete(acked.filter((a) => !destroyable(a)).map((a) => a.phone));
  const byBook = new Map<string, UploadContact[]>();
  for (const row of acked) {
    if (!destroyable(row)) continue;
    byBook.set(row.book, [...(byBook.get(row.book) ?? []), { phone: row.phone, destroy: true }]);
  }
  const total = acked.length;
  let done = 0;
  for (const [book, destroys] of byBook) {
    for (const contacts of chunk(destroys, ctx.batchSize)) {
      await sendSplitting(ctx, {
        id: ctx.newId(),
        createdAt: ctx.clock.now(),
        book,
        force: false,
        contacts,
      });
      done += contacts.length;
      ctx.progress({ phase: 'upload', done, total });
    }
  }
  await db.transaction('rw', db.meta, db.rejected, db.registered, async () => {
    await db.rejected.clear();
    await db.registered.clear();
    await storeUsersView(db);
    await updateBookState(db, { ownBook: 'unstarted', checks: 0 });
  });
}
