import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { joinedUserId, openFromNotification } from '@/lib/background/clicks';
import { SIGN_IN_NOTIFICATION } from '@/lib/background/notifier';
import { CubeDb } from '@/lib/db/schema';
import { DEFAULT_SETTINGS, focusUserItem, settingsItem } from '@/lib/settings';

let db: CubeDb;
let opened: string[];
let popups: number;

beforeEach(async () => {
  db = new CubeDb(`clicks-${Math.random()}`);
  opened = [];
  popups = 0;
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async ({ url }) => {
    opened.push(url ?? '');
    return {} as never;
  });
  vi.spyOn(fakeBrowser.notifications, 'clear').mockResolvedValue(true);
  Object.assign(fakeBrowser, {
    action: {
      openPopup: async () => {
        popups += 1;
      },
    },
  });
  await db.registered.put({
    userId: 212,
    phone: '61412675500',
    addressBookName: 'Dacia',
    firstSeenAt: 0,
    joinedAt: 5,
    joinBatch: 2,
    notified: 1,
    seen: 0,
  });
});

describe('a clicked notification', () => {
  it('names the user of a single join, and nothing else', () => {
    expect(joinedUserId('join-212')).toBe(212);
    expect(joinedUserId('joins-3')).toBeNull();
    expect(joinedUserId(SIGN_IN_NOTIFICATION)).toBeNull();
  });

  it('opens that user’s chat when a chat link is set', async () => {
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      chatLinkTemplate: 'https://chat.example/u/{id}?p={phone}',
    });
    await openFromNotification(db, 'join-212');
    expect(opened).toEqual(['https://chat.example/u/212?p=61412675500']);
    expect(popups).toBe(0);
    expect(await focusUserItem.getValue()).toBeNull();
  });

  it('without a chat link, opens the popup with that user first', async () => {
    await openFromNotification(db, 'join-212');
    expect(popups).toBe(1);
    expect(opened).toEqual([]);
    expect(await focusUserItem.getValue()).toBe(212);
  });

  it('a summary of several joins opens the popup; "sign in again" opens the options', async () => {
    await openFromNotification(db, 'joins-3');
    expect(popups).toBe(1);
    expect(await focusUserItem.getValue()).toBeNull();
    const options = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    await openFromNotification(db, SIGN_IN_NOTIFICATION);
    expect(options).toHaveBeenCalledTimes(1);
    expect(popups).toBe(1);
  });
});
