import { browser } from 'wxt/browser';
import { chatUrl } from '../chat-link.ts';
import type { CubeDb } from '../db/schema.ts';
import { focusUserItem, readSettings } from '../settings.ts';
import { SIGN_IN_NOTIFICATION } from './notifier.ts';

/** `join-<userId>`: one contact joined (lib/sync/joins.ts names them so). */
export function joinedUserId(notificationId: string): number | null {
  const match = /^join-(\d+)$/.exec(notificationId);
  return match ? Number(match[1]) : null;
}

/**
 * Where a clicked notification leads: one join opens that user's chat when a chat link is set, else
 * the popup with that user first; a summary of several opens the popup; "sign in again" opens the
 * options page.
 */
export async function openFromNotification(db: CubeDb, notificationId: string): Promise<void> {
  await browser.notifications.clear(notificationId);
  if (notificationId === SIGN_IN_NOTIFICATION) {
    await browser.runtime.openOptionsPage();
    return;
  }
  const userId = joinedUserId(notificationId);
  const user = userId === null ? undefined : await db.registered.get(userId);
  if (user) {
    const url = chatUrl((await readSettings()).chatLinkTemplate, user);
    if (url) {
      await browser.tabs.create({ url });
      return;
    }
    await focusUserItem.setValue(user.userId);
  }
  try {
    await (browser.action ?? browser.browserAction).openPopup();
  } catch {
    // openPopup needs a focused window (and Firefox a user gesture it may not count): a tab then.
    await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
  }
}
