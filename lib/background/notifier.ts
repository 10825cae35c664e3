import { browser } from 'wxt/browser';
import { t } from '../i18n.ts';
import type { JoinNotification, NotifierPort } from '../sync/ports.ts';

/** Browser notifications and the toolbar badge. Names are passed as text, never as markup. */
export function createNotifier(): NotifierPort {
  return {
    async show(notification: JoinNotification) {
      const [first] = notification.users;
      const single = notification.users.length === 1 && first;
      await browser.notifications.create(notification.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: single ? first.name : t('joinsSummaryTitle', notification.users.length),
        message: single
          ? t('joinedMessage')
          : notification.users
              .slice(0, 5)
              .map((u) => u.name)
              .join(', ') + (notification.users.length > 5 ? '…' : ''),
      });
    },
    async setBadge(count: number) {
      // MV3 has `action`; Firefox MV2 still calls it `browserAction`.
      const action = browser.action ?? browser.browserAction;
      await action.setBadgeText({ text: count > 0 ? String(count) : '' });
      if (count > 0) await action.setBadgeBackgroundColor({ color: '#16a34a' });
    },
  };
}
