import { browser } from 'wxt/browser';
import { CubeDb } from '../db/schema.ts';
import { ask, type ProgressEvent } from '../messaging/protocol.ts';
import { focusUserItem } from '../settings.ts';
import type { UiApi } from './api.ts';

function isProgressEvent(message: unknown): message is ProgressEvent {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'progress'
  );
}

/** The real `UiApi` of an extension page. Touches `browser` only when called. */
export function createBrowserApi(): UiApi {
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
    async takeFocusUser() {
      const userId = await focusUserItem.getValue();
      if (userId !== null) await focusUserItem.removeValue();
      return userId;
    },
    db: new CubeDb(),
    now: () => Date.now(),
    language: browser.i18n.getUILanguage?.() || navigator.language,
  };
}
