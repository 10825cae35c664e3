// Screen helpers for the newcomer e2e test: waiting for runs, reading the popup's list and badge.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright';
import type { Status } from '../../lib/messaging/protocol.ts';
import { ask } from './driver.ts';
import type { LoadedExtension } from './extension.ts';
import { cube } from './setup-account.ts';

export const USERS_LIST = 'Contacts who use the app';

/** The extension's own `chrome` in the worker, as far as these tests use it. */
export interface WorkerChrome {
  action: { getBadgeText(details: object): Promise<string> };
  storage: { local: { get(key: string): Promise<Record<string, string | undefined>> } };
}

// Runs in the worker: it may use nothing of this module but types.
export async function badge(ext: LoadedExtension): Promise<string> {
  return ext.worker.evaluate(() =>
    (globalThis as unknown as { chrome: WorkerChrome }).chrome.action.getBadgeText({}),
  );
}

/** Waits until no sync runs and the latest one has ended; returns the status then. */
export async function idle(page: Page, trigger?: string): Promise<Status> {
  let status = await ask(page, 'status', {});
  for (let i = 0; i < 200; i++) {
    const run = status.lastRun;
    if (
      !status.syncing &&
      run !== undefined &&
      run.status !== 'running' &&
      (trigger === undefined || run.trigger === trigger)
    ) {
      return status;
    }
    await page.waitForTimeout(100);
    status = await ask(page, 'status', {});
  }
  throw new Error(`no finished ${trigger ?? ''} run: ${JSON.stringify(status.lastRun)}`);
}

export async function polled<T>(read: () => Promise<T>, wanted: T, tries = 50): Promise<T> {
  let value = await read();
  for (let i = 0; i < tries && value !== wanted; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

export const userList = (popup: Page): Locator => popup.getByRole('list', { name: USERS_LIST });
export const userNames = (popup: Page): Promise<string[]> =>
  userList(popup).locator('.user-name').allTextContents();

/** The list shows these names, in this order (waits a little: it re-renders after each keystroke). */
export async function expectNames(popup: Page, wanted: string[]): Promise<void> {
  const read = async () => JSON.stringify(await userNames(popup));
  expect(JSON.parse(await polled(read, JSON.stringify(wanted)))).toEqual(wanted);
}

export async function addressBookUploads(): Promise<number> {
  const log = await cube().log();
  return log.filter((e) => e.method === 'POST' && e.path === '/address_book').length;
}
