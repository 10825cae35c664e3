import { SCOPE_OTHER_CONTACTS } from '../google/auth.ts';
import type { UserSettings } from '../settings.ts';
import { schedule } from './schedule.ts';
import type { Handlers, ServiceContext } from './service.ts';

/** Settings whose change changes the entries (or what is imported): a sync follows. */
const RESYNC: (keyof UserSettings)[] = [
  'bookMode',
  'defaultCountry',
  'phoneFormat',
  'includeOther',
  'sendNames',
];

/** The user's settings, and what follows a change of them. */
export function settingsHandlers(ctx: ServiceContext): Pick<Handlers, 'saveSettings'> {
  const { engine, auth, stores } = ctx;

  /**
   * Names turned off: no name may leave from now on. A run already uploading read its settings when
   * it started, so it is stopped (its batch in doubt is resent without names); and consent narrows
   * to numbers alone, so turning names back on asks again.
   */
  async function withholdNames(): Promise<void> {
    const consent = await stores.consent.getValue();
    // Without consent nothing uploads names: a removal under way (which withdrew it) goes on.
    if (!consent) return;
    await engine.stop();
    await stores.consent.setValue({ ...consent, names: false });
  }

  return {
    async saveSettings({ settings }) {
      const before = await stores.settings();
      const after = { ...before, ...settings };
      await stores.saveSettings(after);
      if (before.sendNames && !after.sendNames) await withholdNames();
      await schedule(ctx);
      if (before.includeOther && !after.includeOther) await auth.dropScope(SCOPE_OTHER_CONTACTS);
      // Notifications, the book or what consent covers may have changed: the subscription follows.
      await ctx.pushSubscriptions.follow();
      if (RESYNC.some((key) => after[key] !== before[key])) void ctx.sync('settings');
      return ctx.status();
    },
  };
}
