import { browser } from 'wxt/browser';
import { t } from '../i18n.ts';
import type { JoinNotification, NotifierPort } from '../sync/ports.ts';

/** The one "sign in again" notification: a fixed id, so it is never shown twice side by side. */
export const SIGN_IN_NOTIFICATION = 'sign-in-needed';

export interface BackgroundNotifier extends NotifierPort {
  /** The session ended and no password was kept: a notification and a "!" on the badge. */
  signInNeeded(): Promise<void>;
  /** Removes every notification of the extension ("Forget everything"). */
  clearAll(): Promise<void>;
}

// MV3 has `action`; Firefox MV2 still calls it `browserAction`.
const action = () => browser.action ?? browser.browserAction;

/** Browser notifications and the toolbar badge. Names are passed as text, never as markup. */
export function createNotifier(): BackgroundNotifier {
  return {
    async show(notification: JoinNotification) {
      const [first] = notification.users;
      const single = notification.users.length === 1 && first;
      await browser.notifications.create(notification.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: single
          ? first.name
          : t('joinsSummaryTitle', notification.users.length.toLocaleString()),
        message: single
          ? t('joinedMessage')
          : notification.users
              .slice(0, 5)
              .map((u) => u.name)
              .join(', ') + (notification.users.length > 5 ? '…' : ''),
      });
    },
    async setBadge(count: number) {
      await action().setBadgeText({ text: count > 0 ? String(count) : '' });
      if (count > 0) await action().setBadgeBackgroundColor({ color: '#16a34a' });
    },
    async signInNeeded() {
      await browser.notifications.create(SIGN_IN_NOTIFICATION, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('signInNeededTitle'),
        message: t('signInNeededMessage'),
      });
      await action().setBadgeText({ text: '!' });
      await action().setBadgeBackgroundColor({ color: '#d97706' });
    },
    async clearAll() {
      const shown = await browser.notifications.getAll();
      await Promise.all(Object.keys(shown).map((id) => browser.notifications.clear(id)));
      await action().setBadgeText({ text: '' });
    },
  };
}
