// The store listing's screenshots (docs/store/, 1280×800 as the Chrome Web Store asks): the popup
// with contacts who use the app and one who just joined, its Invite view, and the options page,
// against the sandbox servers.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright';
import { ask } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { expectNames, userList } from './newcomer-screens.ts';
import { cube, google, linkAccounts, resetServers, type Linked } from './setup-account.ts';

export const STORE_DIR = fileURLToPath(new URL('../../docs/store/', import.meta.url));
const STORE_SIZE = { width: 1280, height: 800 };
/** Chrome's largest popup; the popup page is as tall as its content up to this. */
const POPUP_MAX = { width: 360, height: 600 };

/** Still, as a user sees it: no hover, no focus ring, fonts in, the last change painted. */
async function settle(page: Page): Promise<void> {
  await page.bringToFront();
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    await document.fonts.ready;
    await new Promise<void>((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
    );
  });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** What each popup picture says beside it. */
const SCENE_TEXT = {
  users:
    'See which of your Google contacts already use the app, and get told when another one joins.',
  invite: 'Invite the contacts who do not use it yet: copy or share an invitation in one click.',
};

/**
 * The popup as the toolbar shows it, centred on a plain backdrop of the store's size, with the
 * extension's name and what it does beside it.
 */
function popupScene(
  png: Buffer,
  size: { width: number; height: number },
  text: string = SCENE_TEXT.users,
): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    html, body { margin: 0; height: 100%; }
    body {
      display: flex; align-items: center; justify-content: center; gap: 72px;
      background: linear-gradient(135deg, #e8eef8 0%, #f5f7fb 100%);
      font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1c2430;
    }
    .text { max-width: 440px; }
    h1 { font-size: 44px; margin: 0 0 16px; }
    p { font-size: 22px; line-height: 1.45; margin: 0; color: #3a4656; }
    img {
      width: ${size.width}px; height: ${size.height}px; border-radius: 10px;
      box-shadow: 0 12px 40px rgba(20, 30, 50, 0.25), 0 0 0 1px rgba(20, 30, 50, 0.08);
    }
  </style></head><body>
    <div class="text">
      <h1>Cube Contacts</h1>
      <p>${text}</p>
    </div>
    <img alt="" src="data:image/png;base64,${png.toString('base64')}">
  </body></html>`;
}

/** The popup as tall as its content (as Chrome sizes one, up to 600 px), in its store scene. */
async function shootPopupScene(
  ext: LoadedExtension,
  popup: Page,
  file: string,
  text: string,
): Promise<void> {
  await popup.setViewportSize(POPUP_MAX);
  await settle(popup);
  const height = Math.min(
    POPUP_MAX.height,
    await popup.evaluate(() =>
      Math.ceil(document.querySelector('.popup')?.getBoundingClientRect().bottom ?? 600),
    ),
  );
  const size = { width: POPUP_MAX.width, height };
  await popup.setViewportSize(size);
  await settle(popup);
  const shot = await popup.screenshot();

  const scene = await ext.context.newPage();
  await scene.setViewportSize(STORE_SIZE);
  await scene.setContent(popupScene(shot, size, text));
  await settle(scene);
  const path = `${STORE_DIR}${file}`;
  await scene.screenshot({ path });
  expect(pngSize(path)).toEqual(STORE_SIZE);
  await scene.close();
}

describe('store screenshots (1280×800)', () => {
  let ext: LoadedExtension;
  let linked: Linked;

  beforeAll(async () => {
    await resetServers();
    await google().addPeople([
      { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
      { givenName: 'Alan', familyName: 'Turing', phones: ['(212) 555-0102'] },
      { givenName: 'Grace', familyName: 'Hopper', phones: ['212.555.0103'] },
      { givenName: 'Hedy', familyName: 'Lamarr', phones: ['+1 212 555 0104'] },
      { givenName: 'Katherine', familyName: 'Johnson', phones: ['+44 20 7946 0958'] },
      { givenName: 'Dorothy', familyName: 'Vaughan', phones: ['+33 6 12 34 56 78'] },
      { givenName: 'Mary', familyName: 'Jackson', phones: ['2125550107'] },
      { givenName: 'Margaret', familyName: 'Hamilton', phones: ['+1 (646) 555-0108'] },
      { givenName: 'Edsger', familyName: 'Dijkstra', phones: ['+31 6 12345678'] },
      { givenName: 'Barbara', familyName: 'Liskov', phones: ['+49 30 12345678'] },
    ]);
    // App users before the first sync: listed, never a "join".
    const before = [
      ['ada-app', 'Ada L.', '12125550101'],
      ['kath-app', 'Katherine J.', '442079460958'],
      ['hedy-app', 'Hedy L.', '12125550104'],
      ['dorothy-app', 'Dorothy V.', '33612345678'],
    ];
    for (const [login, name, phone] of before) {
      await cube().registerUser({ login: login!, password: 'pw-app-1', full_name: name!, phone });
    }
    ext = await loadExtension(inject('extensionDir'));
    linked = await linkAccounts(ext, 'store-owner');
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    // Then one contact joins: on top of the list, marked "new".
    await cube().registerUser({
      login: 'alan-app',
      password: 'pw-app-1',
      full_name: 'Alan T.',
      phone: '12125550102',
    });
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    mkdirSync(STORE_DIR, { recursive: true });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('writes the popup with the contacts who use the app, one just joined', async () => {
    const popup = await ext.open('popup.html');
    await popup.emulateMedia({ colorScheme: 'light' });
    await userList(popup).getByText('Alan Turing').waitFor();
    await expectNames(popup, [
      'Alan Turing',
      'Ada Lovelace',
      'Dorothy Vaughan',
      'Hedy Lamarr',
      'Katherine Johnson',
    ]);
    const top = userList(popup).getByRole('listitem').first();
    expect(await top.getByText('new', { exact: true }).isVisible()).toBe(true);
    await shootPopupScene(ext, popup, 'popup-1280x800.png', SCENE_TEXT.users);
  });

  it('writes the Invite view, one contact already invited', async () => {
    const popup = await ext.open('popup.html');
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.getByRole('tab', { name: 'Invite' }).click();
    const invite = popup.getByRole('list', { name: 'Contacts to invite' });
    await invite.getByText('Grace Hopper').waitFor();
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.getByRole('button', { name: 'Copy invite for Grace Hopper' }).click();
    await invite.getByText(/^Invited /).waitFor();
    // The notice of the copy fades; the picture shows the view at rest.
    await popup.getByText('Invite for Grace Hopper copied').waitFor({ state: 'detached' });
    expect(await invite.locator('.user-name').allTextContents()).toEqual([
      'Barbara Liskov',
      'Edsger Dijkstra',
      'Grace Hopper',
      'Margaret Hamilton',
      'Mary Jackson',
    ]);
    await shootPopupScene(ext, popup, 'invite-1280x800.png', SCENE_TEXT.invite);
  });

  it('writes the options page', async () => {
    const options = linked.page;
    await options.setViewportSize(STORE_SIZE);
    await options.emulateMedia({ colorScheme: 'light' });
    await options.reload();
    await options.getByText('Signed in as Owner').waitFor();
    await options.getByText('Connected as sandbox.user@example.com').waitFor();
    await options.getByText('Syncing is on since').waitFor();
    await settle(options);
    const path = `${STORE_DIR}options-1280x800.png`;
    await options.screenshot({ path });
    expect(pngSize(path)).toEqual(STORE_SIZE);
  });
});
