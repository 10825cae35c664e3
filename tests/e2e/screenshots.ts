import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';

/** The README's pictures: written by the e2e run, committed, overwritten by every run. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export const POPUP_VIEWPORT = { width: 380, height: 600 };
export const OPTIONS_WIDTH = 1100;

/** The page as a user sees it when it is still: no pointer hovering a row, no focus ring, fonts in. */
async function settle(page: Page): Promise<void> {
  // A background tab gets no animation frames (and slow screenshots).
  await page.bringToFront();
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    await document.fonts.ready;
  });
  // Two frames: the styles of the last change are painted.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

/** The background colour the page paints, e.g. `rgb(22, 24, 28)`. */
export async function pageBackground(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

/** The popup in the light and the dark theme (`popup-light.png`, `popup-dark.png`). */
export async function shootPopup(page: Page): Promise<{ light: string; dark: string }> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.emulateMedia({ colorScheme: 'light' });
  await settle(page);
  const light = await pageBackground(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}popup-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page);
  const dark = await pageBackground(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}popup-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  return { light, dark };
}

/** The whole options page, light theme (`options.png`). */
export async function shootOptions(page: Page): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize({ width: OPTIONS_WIDTH, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}options.png`, fullPage: true });
}

/** The popup's Invite view, light theme (`popup-invite.png`). */
export async function shootInvite(page: Page): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.emulateMedia({ colorScheme: 'light' });
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}popup-invite.png` });
}

/** The ConnectyCube card's choices before signing in, phone first (`phone-sign-in-card.png`). */
export async function shootPhoneCard(options: Page): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await options.setViewportSize({ width: OPTIONS_WIDTH, height: 900 });
  await options.emulateMedia({ colorScheme: 'light' });
  await settle(options);
  await options
    .getByRole('region', { name: 'ConnectyCube account' })
    .screenshot({ path: `${SCREENSHOT_DIR}phone-sign-in-card.png` });
}

/** The hosted page in the browser's sign-in window, at the code step (`phone-sign-in-page.png`). */
export async function shootPhonePage(window: Page): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await window.setViewportSize({ width: 560, height: 540 });
  await window.emulateMedia({ colorScheme: 'light' });
  await settle(window);
  await window.screenshot({ path: `${SCREENSHOT_DIR}phone-sign-in-page.png` });
}
