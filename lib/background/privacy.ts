import { browser } from 'wxt/browser';
import { SCOPE_OTHER_CONTACTS } from '../google/auth.ts';
import type { ServerBookReport } from '../messaging/protocol.ts';
import {
  consentItem,
  cubeAccountItem,
  googleAccessLeftItem,
  googleAccountItem,
  readSettings,
  settingsItem,
  udidItem,
  type UserSettings,
} from '../settings.ts';
import { markJoinsSeen, refreshBadge } from '../sync/registered.ts';
import { serverName } from '../sync/names.ts';
import { compareBook } from '../sync/book-compare.ts';
import { currentBook, GLOBAL_BOOK, udidOf } from '../sync/books.ts';
import { requestReupload } from '../sync/upload.ts';
import { refuseWhileUnconfirmed } from './accounts.ts';
import { consentRecord, consentTarget } from './consent.ts';
import { RequestError } from './errors.ts';
import { runErrorText } from '../run-error-text.ts';
import { disconnectGoogle } from './google-access.ts';
import { clearAlarms, schedule } from './schedule.ts';
import type { Handlers, ServiceContext } from './service.ts';

/** Settings whose change changes the entries (or what is imported): a sync follows. */
const RESYNC: (keyof UserSettings)[] = [
  'bookMode',
  'defaultCountry',
  'phoneFormat',
  'includeOther',
  'sendNames',
];

/** Consent, settings, and the actions that undo what was uploaded or kept. */
export function privacyHandlers(ctx: ServiceContext) {
  const { db, engine, auth, cube } = ctx;

  async function removeFromServer(): Promise<void> {
    const outcome = await engine.run('remove', undefined, 'remove');
    if (outcome.status === 'failed')
      throw new RequestError('sync-failed', runErrorText(outcome.error));
    if (outcome.status === 'stopped') throw new RequestError('other', 'stopped');
  }

  /**
   * Names turned off: no name may leave from now on. A run already uploading read its settings when
   * it started, so it is stopped (its batch in doubt is resent without names); and consent narrows
   * to numbers alone, so turning names back on asks again.
   */
  async function withholdNames(): Promise<void> {
    const consent = await consentItem.getValue();
    // Without consent nothing uploads names: a removal under way (which withdrew it) goes on.
    if (!consent) return;
    await engine.stop();
    await consentItem.setValue({ ...consent, names: false });
  }

  const handlers: Pick<
    Handlers,
    | 'consent'
    | 'saveSettings'
    | 'reuploadAll'
    | 'removeFromServer'
    | 'forgetEverything'
    | 'markSeen'
    | 'serverBook'
  > = {
    async consent() {
      const settings = await readSettings();
      const google = await googleAccountItem.getValue();
      if (!google) throw new RequestError('google-reconnect', 'google-not-connected');
      const target = consentTarget(await cubeAccountItem.getValue(), google, settings);
      if (!target) throw new RequestError('cube-sign-in', 'cube-sign-in');
      await consentItem.setValue(consentRecord(target, ctx.now()));
      // Registered in the background: a browser without a reachable push service takes seconds.
      void ctx.pushSubscriptions.follow();
      await schedule(ctx);
      void ctx.sync('consent');
      return ctx.status();
    },
    async saveSettings({ settings }) {
      const before = await readSettings();
      const after = { ...before, ...settings };
      await settingsItem.setValue(after);
      if (before.sendNames && !after.sendNames) await withholdNames();
      await schedule(ctx);
      if (before.includeOther && !after.includeOther) await auth.dropScope(SCOPE_OTHER_CONTACTS);
      // Notifications, the book or what consent covers may have changed: the subscription follows.
      await ctx.pushSubscriptions.follow();
      if (RESYNC.some((key) => after[key] !== before[key])) void ctx.sync('settings');
      return ctx.status();
    },
    async reuploadAll() {
      await requestReupload(db, (await readSettings()).bookMode);
      return ctx.sync('reupload');
    },
    async removeFromServer() {
      // A run already uploading read its consent when it began: it is stopped and awaited first
      // (as Forget does), so it sends nothing more, and its batch in doubt is resent as destroys.
      // Otherwise it went on uploading names, which stayed on the server if the removal failed.
      await ctx.exclusive(async () => {
        // Consent is withdrawn before anything else: no run started from here on uploads anything.
        await consentItem.setValue(null);
        await ctx.pushSubscriptions.remove();
        await removeFromServer();
      });
      await refreshBadge(ctx);
      return ctx.status();
    },
    async forgetEverything({ removeFirst }) {
      // Forgetting signs out: an account a mistyped login created would stay on the server, and
      // this browser would no longer know it to delete it.
      await refuseWhileUnconfirmed();
      await ctx.exclusive(async () => {
        if (removeFirst) {
          await consentItem.setValue(null);
          await removeFromServer();
        }
        // What lives on the servers first, while the tokens to reach them still exist.
        await disconnectGoogle(auth);
        // Access Google may still grant is not forgotten, since only the user can withdraw it now;
        // the account's email is, with everything else.
        const accessLeft = !!(await googleAccessLeftItem.getValue());
        await ctx.pushSubscriptions.remove();
        await cube.signOut();
        await clearAlarms(ctx.scheduler);
        await ctx.notifier.clearAll();
        await Promise.all(db.tables.map((table) => table.clear()));
        await browser.storage.local.clear();
        await browser.storage.session?.clear();
        if (accessLeft) await googleAccessLeftItem.setValue({});
      });
      return ctx.status();
    },
    async markSeen() {
      await markJoinsSeen(db);
      await refreshBadge(ctx);
      return null;
    },
    async serverBook(): Promise<ServerBookReport> {
      const settings = await readSettings();
      const book = currentBook({ settings: { ...settings, udid: await udidItem.getValue() } });
      const { items: server } = await cube.book(udidOf(book));
      // Compared under the names they are uploaded with (the numbers, names-free).
      const entries = new Map(
        (await db.entries.toArray()).map((e) => [e.phone, serverName(e, settings.sendNames)]),
      );
      const found = compareBook(
        new Map(server.map((c) => [c.phone, c.name])),
        entries,
        book !== GLOBAL_BOOK,
      );
      return {
        readAt: ctx.now(),
        entries: server,
        serverCount: server.length,
        expectedCount: entries.size,
        missing: found.missing,
        unexpected: found.extra,
        renamed: found.renamed,
      };
    },
  };
  return handlers;
}
