import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright';

export interface LoadedExtension {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Opens one of the extension's pages (`popup.html`, `options.html`). */
  open(page: 'popup.html' | 'options.html'): Promise<Page>;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Loads the built extension into a fresh headless Chromium profile. */
export async function loadExtension(
  extensionDir: string,
  headless = true,
  /** A profile to start with and keep on close (a browser restart); else a fresh one, removed. */
  keptProfile?: string,
  /** The browser UI language (`de`, Chromium's `--lang`), which picks the extension's locale. */
  lang?: string,
): Promise<LoadedExtension> {
  const profile = keptProfile ?? mkdtempSync(join(tmpdir(), 'cube-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(lang ? [`--lang=${lang}`] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async open(page) {
      const tab = await context.newPage();
      await tab.goto(`chrome-extension://${extensionId}/${page}`);
      return tab;
    },
    async close() {
      await context.close();
      if (!keptProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
