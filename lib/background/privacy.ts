import { refreshBadge } from '../sync/registered.ts';
import { requestReupload } from '../sync/upload.ts';
import { refuseWhileUnconfirmed } from './accounts.ts';
import { consentRecord, consentTarget } from './consent.ts';
import { RequestError } from './errors.ts';
import { runErrorText } from '../run-error-text.ts';
import { disconnectGoogle } from './google-access.ts';
import { clearAlarms, schedule } from './schedule.ts';
import type { Handlers, ServiceContext } from './service.ts';

/** Consent, and the actions that undo what was uploaded or kept. */
export function privacyHandlers(ctx: ServiceContext) {
  const { db, engine, auth, cube } = ctx;

  async function removeFromServer(): Promise<void> {
    const outcome = await engine.run('remove', undefined, 'remove');
    if (outcome.status === 'failed')
      throw new RequestError('sync-failed', runErrorText(outcome.error));
    if (outcome.status === 'stopped') throw new RequestError('other', 'stopped');
  }

  const handlers: Pick<
    Handlers,
    'consent' | 'reuploadAll' | 'removeFromServer' | 'forgetEverything'
  > = {
    async consent() {
      const settings = await ctx.stores.settings();
      const google = await ctx.stores.googleAccount.getValue();
      if (!google) throw new RequestError('google-reconnect', 'google-not-connected');
      const target = consentTarget(await ctx.stores.cubeAccount.getValue(), google, settings);
      if (!target) throw new RequestError('cube-sign-in', 'cube-sign-in');
      await ctx.stores.consent.setValue(consentRecord(target, ctx.now()));
      // Registered in the background: a browser without a reachable push service takes seconds.
      void ctx.pushSubscriptions.follow();
      await schedule(ctx);
      void ctx.sync('consent');
      return ctx.status();
    },
    async reuploadAll() {
      // A run uploading now read the books' state before the ask: it is stopped and awaited first
      // (as for Remove and Forget), or its end wrote a clean outbox over the ask, and the re-upload
      // asked for never happened.
      const { bookMode } = await ctx.stores.settings();
      await ctx.exclusive(() => requestReupload(db, bookMode));
      return ctx.sync('reupload');
    },
    async removeFromServer() {
      // A run already uploading read its consent when it began: it is stopped and awaited first
      // (as Forget does), so it sends nothing more, and its batch in doubt is resent as destroys.
      // Otherwise it went on uploading names, which stayed on the server if the removal failed.
      await ctx.exclusive(async () => {
        // Consent is withdrawn before anything else: no run started from here on uploads anything.
        await ctx.stores.consent.setValue(null);
        await ctx.pushSubscriptions.remove();
        await removeFromServer();
      });
      await refreshBadge(ctx);
      return ctx.status();
    },
    async forgetEverything({ removeFirst }) {
      // Forgetting signs out: an account a mistyped login created would stay on the server, and
      // this browser would no longer know it to delete it.
      await refuseWhileUnconfirmed(ctx.stores);
      // Gone first: no popup paints a user from it while everything else is forgotten.
      await ctx.firstScreen.held(() => forget(removeFirst));
      return ctx.status();
    },
  };

  async function forget(removeFirst: boolean): Promise<void> {
    await ctx.exclusive(async () => {
      if (removeFirst) {
        await ctx.stores.consent.setValue(null);
        await removeFromServer();
      }
      // What lives on the servers first, while the tokens to reach them still exist.
      await disconnectGoogle(auth, ctx.stores);
      // Access Google may still grant is not forgotten, since only the user can withdraw it now;
      // the account's email is, with everything else.
      const accessLeft = !!(await ctx.stores.googleAccessLeft.getValue());
      await ctx.pushSubscriptions.remove();
      await cube.signOut();
      await clearAlarms(ctx.scheduler);
      await ctx.notifier.clearAll();
      await Promise.all(db.tables.map((table) => table.clear()));
      await ctx.stores.clearAll();
      if (accessLeft) await ctx.stores.googleAccessLeft.setValue({});
    });
  }
  return handlers;
}
