import { browser } from 'wxt/browser';
import { ask, type ProgressEvent } from '../messaging/protocol.ts';
import { focusUserItem } from '../settings.ts';
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
    async takeFocusUser() {
      const userId = await focusUserItem.getValue();
      if (userId !== null) await focusUserItem.removeValue();
      return userId;
    },
    store: createPageStore(undefined, storeOptions),
    now: () => Date.now(),
  };
}
