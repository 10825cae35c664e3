import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Protocol, RequestType } from '../../lib/messaging/protocol.ts';
import { unwrapReply } from './driver.ts';

/** Debian's `firefox-esr` (`.ci/run` installs it); `FIREFOX_PATH` overrides. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** `browser_specific_settings.gecko.id` in wxt.config.ts. */
export const GECKO_ID = 'cube-contacts@example.com';

/** Fails (never skips) when Firefox is missing: CI installs it, so a missing browser is a bug. */
export function requireFirefox(): void {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(
      `Firefox ESR is not installed at ${FIREFOX_PATH}: install the Debian package firefox-esr ` +
        `(.ci/run does) or set FIREFOX_PATH. The Firefox e2e test does not skip without it.`,
    );
  }
}

/** The extension APIs the tests call inside an extension page (Firefox: promise-based `browser`). */
interface BrowserInPage {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}
declare const browser: BrowserInPage;

export interface FirefoxExtension {
  browser: Browser;
  /** The fixed host of the extension's `moz-extension://<uuid>/` pages. */
  uuid: string;
  /** Opens one of the extension's pages in a new tab and waits until its app has rendered. */
  open(page: 'popup.html' | 'options.html'): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts headless Firefox ESR over WebDriver BiDi and installs the unpacked Firefox test build.
 * The `extensions.webextensions.uuids` pref pins the extension's origin, so its pages can be
 * addressed. BiDi refuses to navigate to `moz-extension://` URLs, so a tab goes there from
 * `about:blank` through `location.href`, which Firefox allows only for web-accessible pages (the
 * test build lists options.html and popup.html; a shipped build lists nothing).
 */
export async function loadFirefoxExtension(extensionDir: string): Promise<FirefoxExtension> {
  requireFirefox();
  const uuid = randomUUID();
  const ff = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocolTimeout: 60_000,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    },
  });
  try {
    await ff.installExtension(extensionDir);
  } catch (error) {
    await ff.close();
    throw error;
  }
  return {
    browser: ff,
    uuid,
    async open(name) {
      const tab = await ff.newPage();
      await tab.evaluate((url) => {
        location.href = url;
      }, `moz-extension://${uuid}/${name}`);
      // `tab.url()` may still say about:blank; the app's markup once its status arrived is the signal.
      const rendered = name === 'options.html' ? 'main.options h2' : 'main.popup .popup-footer';
      await tab.waitForSelector(rendered, { timeout: 20_000 });
      return tab;
    },
    async close() {
      await ff.close();
    },
  };
}

/** One protocol request from an extension page (as the popup and options page send them). */
export async function askFirefox<T extends RequestType>(
  page: Page,
  type: T,
  request: Protocol[T]['request'],
): Promise<Protocol[T]['answer']> {
  const reply = await page.evaluate((message) => browser.runtime.sendMessage(message), {
    type,
    ...request,
  } as Record<string, unknown>);
  return unwrapReply(type, reply);
}

/** A key of the extension's `storage.local`, read from one of its pages. */
export async function readLocal(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (k) => (await browser.storage.local.get(k))[k], key);
}
