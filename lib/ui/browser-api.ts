import { browser } from 'wxt/browser';
import { ask, type ProgressEvent } from '../messaging/protocol.ts';
import { firstScreenItem, focusUserItem } from '../settings.ts';
import type { UiApi } from './api.ts';
import { createPageStore, type PageStoreOptions } from './page-store.ts';

function isProgressEvent(message: unknown): message is ProgressEvent {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'progress'
  );
}

/**
 * The real `UiApi` of an extension page. Touches `browser` only when called. No Dexie here: the
 * popup imports this (the options page adds it in options-api.ts).
 */
export function createBrowserApi(storeOptions: PageStoreOptions = {}): UiApi {
  const send = (message: unknown) => browser.runtime.sendMessage(message);
  const takeFocusUser = async () => {
    const userId = await focusUserItem.getValue();
    if (userId !== null) await focusUserItem.removeValue();
    return userId;
  };
  // The popup's first paint waits for these two (memory of the browser, not the worker's
  // IndexedDB): asked at once, with the users, before the first render.
  const early = storeOptions.preloadUsers
    ? { first: firstScreenItem.getValue(), focus: takeFocusUser() }
    : undefined;
  // Their failures are the caller's, who takes them.
  early?.first.catch(() => undefined);
  early?.focus.catch(() => undefined);
  let firstTaken = false;
  let focusTaken = false;
  return {
    ask: (type, request) => ask(send, type, request),
    onProgress(listener) {
      const onMessage = (message: unknown) => {
        if (isProgressEvent(message)) listener(message.progress);
        // No answer: requests are the background's to answer.
        return undefined;
      };
      browser.runtime.onMessage.addListener(onMessage);
      return () => browser.runtime.onMessage.removeListener(onMessage);
    },
    openOptions: () => browser.runtime.openOptionsPage(),
    async openTab(url) {
      await browser.tabs.create({ url });
    },
    copy: (text) => navigator.clipboard.writeText(text),
    ...(typeof navigator.share === 'function'
      ? { share: (text: string) => navigator.share({ text }) }
      : {}),
    version: () => browser.runtime.getManifest().version,
    takeFocusUser() {
      if (early && !focusTaken) {
        focusTaken = true;
        return early.focus;
      }
      return takeFocusUser();
    },
    firstScreen() {
      if (early && !firstTaken) {
        firstTaken = true;
        return early.first;
      }
      return firstScreenItem.getValue();
    },
    store: createPageStore(undefined, storeOptions),
    now: () => Date.now(),
  };
}
