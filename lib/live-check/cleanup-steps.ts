// What the check leaves behind: nothing. These run after the others whatever happened, on the
// deadline's last seconds, and the last of them verifies it.
import { commonAdvice, describe } from './advice.ts';
import type { CheckContext, Step, Verdict } from './types.ts';

const needsAccount = (ctx: CheckContext): string | null =>
  ctx.account ? null : 'no session: nothing was sent';

function adviseCleanup(error: unknown, ctx: CheckContext): string {
  const common = commonAdvice(error, 'cube');
  return `${common ? `${common}; ` : ''}the scratch book (udid ${ctx.udid}) may still hold test entries: run the check again, or delete them in the dashboard`;
}

export const deleteEntriesStep: Step = {
  id: 'delete-entries',
  title: 'delete the test entries',
  phase: 'cleanup',
  required: () => true,
  skip: (ctx) => needsAccount(ctx) ?? (ctx.ran.has('upload') ? null : 'nothing was uploaded'),
  async run(ctx) {
    // The whole scratch book is the check's: its udid is new, so every entry in it is a test one.
    const { items } = await ctx.cube.book(ctx.udid);
    if (items.length === 0) return { outcome: 'pass', detail: 'the scratch book is empty' };
    const result = await ctx.cube.upload({
      udid: ctx.udid,
      contacts: items.map(({ phone }) => ({ phone, destroy: true })),
    });
    return { outcome: 'pass', detail: `deleted ${result.deleted} of ${items.length}` };
  },
  advise: adviseCleanup,
};

/** Reads what is left: the scratch book, the test subscription, a user made on the fly. */
export const nothingLeftStep: Step = {
  id: 'nothing-left',
  title: 'nothing left on the server',
  phase: 'cleanup',
  required: () => true,
  async run(ctx) {
    const found: string[] = [];
    const checked: string[] = [];
    if (ctx.account && ctx.ran.has('upload')) {
      const { items } = await ctx.cube.book(ctx.udid);
      checked.push(`scratch book: ${items.length} entries`);
      if (items.length > 0)
        found.push(`${items.length} entries in the scratch book (udid ${ctx.udid})`);
    }
    if (ctx.account && ctx.ran.has('push-subscribe')) {
      // Deletes what it finds: a leftover is reported, and gone all the same.
      const { deleted } = await ctx.cube.unsubscribe(ctx.udid);
      checked.push(`test subscriptions: ${deleted}`);
      if (deleted > 0) found.push(`${deleted} test subscription(s), deleted now`);
    }
    for (const { id, label } of ctx.leftUsers) found.push(`user ${id} (${label})`);
    if (ctx.leftUsers.length === 0 && ctx.ran.has('on-the-fly'))
      checked.push('no user made on the fly');
    if (found.length > 0)
      return {
        outcome: 'fail',
        detail: `left: ${found.join('; ')}`,
        advice: 'delete what is left in the dashboard (or run the check again for the book)',
      };
    return { outcome: 'pass', detail: checked.join(', ') || 'nothing was sent' };
  },
  advise: adviseCleanup,
};

/** The verdict on a sign-out: whether its `DELETE /session` (best effort, so unseen) was taken. */
export function sessionEnded(ctx: CheckContext): Verdict {
  const ended = ctx.requests().find((r) => r.method === 'DELETE' && r.path.endsWith('/session'));
  if (ended?.status !== undefined && ended.status !== null && ended.status < 300)
    return { outcome: 'pass', detail: 'the session token is void' };
  return {
    outcome: 'fail',
    detail: ended?.status ? `HTTP ${ended.status}` : 'no answer',
    advice:
      'DELETE /session did not end the session (the extension signs out the same way, best effort): it expires after 2 hours unused',
  };
}

export const endSessionStep: Step = {
  id: 'end-session',
  title: 'end the session',
  phase: 'cleanup',
  // Best effort in the extension too: an open session expires after two hours unused.
  required: () => false,
  skip: needsAccount,
  async run(ctx) {
    await ctx.cube.signOut();
    ctx.account = null;
    return sessionEnded(ctx);
  },
  advise: (error) => commonAdvice(error, 'cube') ?? `unexpected: ${describe(error)}`,
};
