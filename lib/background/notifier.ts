import { browser } from 'wxt/browser';
import { t } from '../i18n.ts';
import { formatInviteDay } from '../invite-text.ts';
import type { JoinNotification, JoinedUser, NotifierPort } from '../sync/ports.ts';

/** The one "sign in again" notification: a fixed id, so it is never shown twice side by side. */
export const SIGN_IN_NOTIFICATION = 'sign-in-needed';

export interface BackgroundNotifier extends NotifierPort {
  /** The session ended and no password was kept: a notification and a "!" on the badge. */
  signInNeeded(): Promise<void>;
  /** Removes every notification of the extension ("Forget everything"). */
  clearAll(): Promise<void>;
}

/**
 * A join's title and message: one contact by name ("Ana" / "joined — …", naming the day the user
 * invited them, if they did), several as a summary (saying how many of them the user invited). `now`
 * decides whether the day needs its year. The title is the name the user saved; an app profile
 * named otherwise is said too ("in the app: …", as the popup says it), so whoever registered the
 * number is never announced under the saved name alone.
 */
export function joinText(
  notification: JoinNotification,
  now: number,
): { title: string; message: string } {
  const [first] = notification.users;
  if (notification.users.length === 1 && first) {
    return { title: first.name, message: joinMessage(first, now) };
  }
  const names = notification.users.slice(0, 5).map(summaryName);
  const invited = notification.users.filter((u) => u.invitedAt !== undefined).length;
  return {
    title: t('joinsSummaryTitle', notification.users.length.toLocaleString()),
    message:
      names.join(', ') +
      (notification.users.length > 5 ? '…' : '') +
      (invited > 0 ? `\n${t('joinsInvitedCount', invited.toLocaleString())}` : ''),
  };
}

function joinMessage(user: JoinedUser, now: number): string {
  const { name, appName, invitedAt } = user;
  if (invitedAt === undefined)
    return appName === undefined ? t('joinedMessage') : t('joinedAppNameMessage', appName);
  const day = formatInviteDay(invitedAt, now);
  return appName === undefined
    ? t('joinedInvitedMessage', [name, day])
    : t('joinedInvitedAppNameMessage', [name, day, appName]);
}

/** One user of a summary: "Ana", or "Ana (in the app: A.)". */
function summaryName({ name, appName }: JoinedUser): string {
  return appName === undefined ? name : t('joinedNameWithAppName', [name, appName]);
}

// MV3 has `action`; Firefox MV2 still calls it `browserAction`.
const action = () => browser.action ?? browser.browserAction;

/** Browser notifications and the toolbar badge. Names are passed as text, never as markup. */
export function createNotifier(): BackgroundNotifier {
  return {
    async show(notification: JoinNotification) {
      await browser.notifications.create(notification.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        ...joinText(notification, Date.now()),
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
