import { browser } from 'wxt/browser';

/** Keys of public/_locales/en/messages.json (typed by `wxt prepare`). */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** Every user-facing string goes through here, so a missing translation shows its key, not nothing. */
export function t(key: MessageKey, substitutions?: string | number | (string | number)[]): string {
  const subs = substitutions === undefined ? undefined : [substitutions].flat().map(String);
  return browser.i18n.getMessage(key, subs) || key;
}
