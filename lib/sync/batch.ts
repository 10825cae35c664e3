import { readBookState, updateBookState } from '../db/book-state.ts';
import type { AckedRow, InflightRow, RejectedRow } from '../db/schema.ts';
import { checkpoint, type PhaseContext } from './context.ts';
import { udidOf } from './books.ts';
import {
  MissingUdidError,
  ServiceRefusedError,
  type UploadRequest,
  type UploadResult,
} from './ports.ts';

/**
 * A forced batch replaced the whole book with its own contacts. The book's other entries still
 * wanted are gone only until the batches that follow send them again: their acknowledgements stay,
 * marked `wiped`, so the diff resends them (after a stop too), and with their history (`since`,
 * `sentAt`), so a user who registered while they were in the book is still a join (deleting them
 * lost those joins). Those no longer wanted were destroyed by the force: forgotten.
 */
async function forgetReplaced(ctx: PhaseContext, batch: InflightRow): Promise<void> {
  const { db } = ctx;
  const sent = new Set(batch.contacts.map((c) => c.phone));
  const replaced = (await db.acked.inBook(batch.book)).filter((a) => !sent.has(a.phone));
  const wanted = new Set(
    (await db.entries.bulkGet(replaced.map((a) => a.phone))).flatMap((e) => (e ? [e.phone] : [])),
  );
  await db.acked.bulkDelete(replaced.filter((a) => !wanted.has(a.phone)).map((a) => a.phone));
  await db.acked.bulkPut(
    replaced.filter((a) => wanted.has(a.phone)).map((a) => ({ ...a, state: 'wiped' as const })),
  );
}

/** Refused before it is stored: a batch that can never be sent must not stay in doubt. */
function refuseUnsendable(batch: InflightRow): void {
  // The own book without a udid is refused by udidOf itself.
  const udid = udidOf(batch.book);
  // A force replaces the whole book the udid names: never the shared one.
  if (batch.force && !udid)
    throw new MissingUdidError(
      "A forced upload needs this browser's own book (a udid); nothing was sent",
    );
}

function requestOf(batch: InflightRow): UploadRequest {
  const udid = udidOf(batch.book);
  return {
    ...(udid ? { udid } : {}),
    ...(batch.force ? { force: true } : {}),
    contacts: batch.contacts,
  };
}

/** What storing answers writes (`entries`: a forced batch keeps the acknowledgements still wanted). */
const answerTables = (ctx: PhaseContext) => {
  const { db } = ctx;
  return [db.ackedBuckets, db.rejected, db.inflight, db.meta, db.entryBuckets];
};

/**
 * Sends one batch and stores its answer. The batch is written to `inflight` before the request, so
 * if the answer is lost (or the worker stops) the next run sends the very same batch again: every
 * change names its phone, so a repeat is harmless (force included: it is always the first batch).
 */
export async function sendBatch(ctx: PhaseContext, batch: InflightRow): Promise<void> {
  refuseUnsendable(batch);
  await ctx.db.inflight.put(batch);
  checkpoint(ctx);
  const result = await ctx.cube.upload(requestOf(batch), ctx.signal);
  ctx.counts.requests += 1;
  checkpoint(ctx);
  // An async scope: Dexie follows its awaits (a plain function returning the promise would let the
  // transaction commit at the first await inside).
  await ctx.db.transaction('rw', answerTables(ctx), async () => {
    await storeAnswer(ctx, batch, result);
  });
}

/**
 * Sends batches side by side (none forced: a force must reach the book first and alone), with the
 * same guarantee as `sendBatch`: all are written to `inflight` before their requests leave, in one
 * transaction, and their answers are stored in one. Two transactions for the lot where each batch
 * had two (~3–7 ms each in a worker), and the requests overlap. A batch the server refuses for its
 * size (413) goes again in halves once the others' answers are stored; any other failure is
 * thrown after them.
 */
export async function sendTogether(ctx: PhaseContext, batches: InflightRow[]): Promise<void> {
  const { db } = ctx;
  for (const batch of batches) {
    if (batch.force) throw new Error('a forced batch is sent alone');
    refuseUnsendable(batch);
  }
  await db.inflight.bulkPut(batches);
  checkpoint(ctx);
  const answers = await Promise.allSettled(
    batches.map((batch) => ctx.cube.upload(requestOf(batch), ctx.signal)),
  );
  checkpoint(ctx);
  const answered = batches.flatMap((batch, i) => {
    const answer = answers[i];
    return answer?.status === 'fulfilled' ? [{ batch, result: answer.value }] : [];
  });
  ctx.counts.requests += answered.length;
  await db.transaction('rw', answerTables(ctx), async () => {
    for (const { batch, result } of answered) await storeAnswer(ctx, batch, result);
  });
  const failures = answers.flatMap((answer, i) =>
    answer.status === 'rejected' ? [{ batch: batches[i]!, error: answer.reason as unknown }] : [],
  );
  for (const { batch, error } of failures) {
    if (!tooLarge(error) || batch.contacts.length < 2) throw error;
    await splitAndSend(ctx, batch);
  }
}

/** Stores one batch's answer: inside a transaction over `answerTables`. */
async function storeAnswer(
  ctx: PhaseContext,
  batch: InflightRow,
  result: UploadResult,
): Promise<void> {
  const { db } = ctx;
  {
    if (batch.force) await forgetReplaced(ctx, batch);
    const { checks } = await readBookState(db);
    const known = new Map(
      (await db.acked.bulkGet(batch.contacts.map((c) => c.phone))).flatMap((a) =>
        a ? [[a.phone, a]] : [],
      ),
    );
    const acked: AckedRow[] = [];
    const unacked: string[] = [];
    const refused: RejectedRow[] = [];
    batch.contacts.forEach((contact, index) => {
      const reasons = result.rejected[String(index)];
      const old = known.get(contact.phone);
      if (reasons) {
        if (!contact.destroy) {
          const reason = reasons.join(' ');
          refused.push({
            phone: contact.phone,
            name: contact.name,
            reason,
            at: ctx.clock.now(),
          });
          // A force emptied the book (this batch's, or an earlier one's that left this entry to be
          // sent again), and a refused entry did not go back in: the server does not hold it.
          if (old?.book === batch.book && (batch.force || old.state === 'wiped'))
            unacked.push(contact.phone);
        }
        return;
      }
      if (contact.destroy) {
        if (old?.book === batch.book) unacked.push(contact.phone);
        return;
      }
      const same = old?.book === batch.book;
      acked.push({
        phone: contact.phone,
        name: contact.name,
        book: batch.book,
        since: same ? old.since : checks,
        sentAt: same ? old.sentAt : batch.createdAt,
        state: 'owned',
      });
    });
    await db.acked.bulkDelete(unacked);
    await db.acked.bulkPut(acked);
    // Deleting a key that is not there is still a write: only refusals that exist are cleared.
    const phones = acked.map((a) => a.phone);
    // Most books have no refusal at all: then a count, not a read per contact sent.
    const anyRefused = (await db.rejected.count()) > 0;
    const cleared = anyRefused
      ? (await db.rejected.bulkGet(phones)).flatMap((r) => (r ? [r.phone] : []))
      : [];
    await db.rejected.bulkDelete(cleared);
    await db.rejected.bulkPut(refused);
    ctx.counts.rejected += refused.length;
    await db.inflight.delete(batch.id);
    // The force went through: the own book is started, and a re-upload asked is done.
    if (batch.force) await updateBookState(db, { ownBook: 'started' });
  }
  ctx.counts.created += result.created;
  ctx.counts.updated += result.updated;
  ctx.counts.deleted += result.deleted;
}

const tooLarge = (error: unknown): boolean =>
  error instanceof ServiceRefusedError && error.status === 413;

/** A batch the server refused whole for its size goes again in halves, each a batch of its own. */
async function splitAndSend(ctx: PhaseContext, batch: InflightRow): Promise<void> {
  // Refused whole: nothing of it was applied.
  await ctx.db.inflight.delete(batch.id);
  const half = Math.ceil(batch.contacts.length / 2);
  const halves = [batch.contacts.slice(0, half), batch.contacts.slice(half)];
  for (const [i, contacts] of halves.entries()) {
    // A force stays with the first half: it must still be the first thing the book receives.
    const part = { ...batch, id: ctx.newId(), force: batch.force && i === 0, contacts };
    await sendSplitting(ctx, part);
  }
}

/**
 * Sends a batch; a server that refuses its size (413) gets it in halves, each a batch of its own
 * (a force stays with the first half: it must still be the first thing the book receives).
 */
export async function sendSplitting(ctx: PhaseContext, batch: InflightRow): Promise<void> {
  try {
    await sendBatch(ctx, batch);
  } catch (error) {
    if (!tooLarge(error) || batch.contacts.length < 2) throw error;
    await splitAndSend(ctx, batch);
  }
}
