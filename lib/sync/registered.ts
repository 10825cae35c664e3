import { getMeta, setMeta } from '../db/meta.ts';
import { checkpoint, type PhaseContext } from './context.ts';
import { detectJoins, groupNotifications } from './joins.ts';
import { currentBook } from './upload.ts';

/** Reads the registered users of the book in use and, in one transaction, stores them and the joins. */
export async function checkRegistered(ctx: PhaseContext): Promise<void> {
  const { db } = ctx;
  const book = currentBook(ctx);
  const users = await ctx.cube.registeredUsers(
    ctx.settings.bookMode === 'own' ? book : undefined,
    ctx.signal,
  );
  ctx.counts.requests += 1;
  checkpoint(ctx);
  await db.transaction('rw', db.registered, db.acked, db.meta, async () => {
    const checks = (await getMeta(db, 'checks')) ?? 0;
    const known = new Map((await db.registered.toArray()).map((r) => [r.userId, r]));
    const phones = [...new Set(users.map((u) => u.phone))];
    const acked = new Map(
      (await db.acked.bulkGet(phones)).flatMap((a) => (a ? [[a.phone, a]] : [])),
    );
    const result = detectJoins({ users, known, acked, checks, book, now: ctx.clock.now() });
    await db.registered.bulkDelete(result.removed);
    await db.registered.bulkPut(result.rows);
    await setMeta(db, 'checks', checks + 1);
    ctx.counts.joins += result.joins.length;
  });
  ctx.progress({ phase: 'registered', done: users.length, total: users.length });
}

/**
 * Shows the joins not yet notified, then marks them. A stop between the two shows them again under
 * the same ids, which replaces the notification instead of adding a second one.
 */
export async function notifyJoins(ctx: PhaseContext): Promise<void> {
  const { db } = ctx;
  const pending = await db.registered
    .filter((r) => r.joinedAt !== undefined && r.notified === 0)
    .toArray();
  if (pending.length > 0 && ctx.settings.notifications) {
    for (const notification of groupNotifications(pending)) {
      await ctx.notifier.show(notification);
      checkpoint(ctx);
    }
  }
  if (pending.length > 0) {
    await db.registered.bulkPut(pending.map((r) => ({ ...r, notified: 1 as const })));
  }
  await refreshBadge(ctx);
}

/** The toolbar badge counts joins the user has not looked at yet. */
export async function refreshBadge(ctx: Pick<PhaseContext, 'db' | 'notifier'>): Promise<void> {
  const unseen = await ctx.db.registered
    .filter((r) => r.joinedAt !== undefined && r.seen === 0)
    .count();
  await ctx.notifier.setBadge(unseen);
}
