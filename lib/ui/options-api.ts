import { browser } from 'wxt/browser';
import { CubeDb } from '../db/schema.ts';
import type { OptionsApi } from './api.ts';
import { createBrowserApi } from './browser-api.ts';

/** The real `OptionsApi`: the page's `UiApi` and what only the options page uses (Dexie is big). */
export function createOptionsApi(): OptionsApi {
  return {
    ...createBrowserApi(),
    db: new CubeDb(),
    language: browser.i18n.getUILanguage?.() || navigator.language,
  };
}
