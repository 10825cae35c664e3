import type { Page } from 'playwright';
import type { Protocol, Reply, RequestType } from '../../lib/messaging/protocol.ts';
import type { LoadedExtension } from './extension.ts';

/** The few extension APIs the tests call inside the browser (the code runs there, not in Node). */
interface ChromeInPage {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  notifications: {
    create(id: string, options: { title?: string; message?: string }): Promise<string>;
    getAll(): Promise<Record<string, boolean>>;
  };
}
declare const chrome: ChromeInPage;

/**
 * Sends one protocol request from an extension page, exactly as the popup and options page do
 * (runtime.sendMessage to the background), and unwraps the answer.
 */
export async function ask<T extends RequestType>(
  page: Page,
  type: T,
  request: Protocol[T]['request'],
): Promise<Protocol[T]['answer']> {
  const reply = await page.evaluate((message) => chrome.runtime.sendMessage(message), {
    type,
    ...request,
  } as Record<string, unknown>);
  return unwrapReply(type, reply);
}

/** The background's `{ ok, value | error }` answer, as the value or a thrown error. */
export function unwrapReply<T extends RequestType>(type: T, reply: unknown): Protocol[T]['answer'] {
  const typed = reply as Reply<T>;
  if (!typed.ok) throw new Error(`${type}: ${typed.error.kind}: ${typed.error.message}`);
  return typed.value;
}

/** Reads a Dexie table of the extension from one of its pages (same origin, same IndexedDB). */
export async function readTable<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('cube-contacts');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

/** Records every notification the worker creates (headless Chromium closes them after ~8 s). */
export async function recordNotifications(ext: LoadedExtension): Promise<void> {
  await ext.worker.evaluate(() => {
    const scope = globalThis as unknown as {
      __created?: { id: string; title: string; message: string }[];
    };
    if (scope.__created) return;
    scope.__created = [];
    const original = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = (id: string, options: { title?: string; message?: string }) => {
      scope.__created?.push({ id, title: options.title ?? '', message: options.message ?? '' });
      return original(id, options);
    };
  });
}

export async function createdNotifications(
  ext: LoadedExtension,
): Promise<{ id: string; title: string; message: string }[]> {
  return ext.worker.evaluate(
    () =>
      (globalThis as unknown as { __created?: { id: string; title: string; message: string }[] })
        .__created ?? [],
  );
}

/** What `notifications.getAll()` lists in the worker right now. */
export async function openNotifications(ext: LoadedExtension): Promise<string[]> {
  return ext.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}
