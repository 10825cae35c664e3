import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { DEFAULT_HOMEPAGE_URL } from './lib/homepage.ts';

/**
 * The Firefox add-on id (README "Build-time configuration"): whoever publishes a build sets their
 * own, as it names the add-on on addons.mozilla.org and keys its storage. Read here, in Node, when
 * the manifest is generated (WXT has loaded `.env` into `process.env` by then).
 */
const DEFAULT_GECKO_ID = 'cube-contacts@example.com';
// Firefox's two forms of an add-on id: `name@domain` or a `{GUID}`, at most 80 characters.
const GECKO_ID_FORM =
  /^(?:[a-zA-Z0-9._-]*@[a-zA-Z0-9._-]+|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;

function geckoId(): string {
  const id = process.env.WXT_GECKO_ID?.trim() || DEFAULT_GECKO_ID;
  if (id.length > 80 || !GECKO_ID_FORM.test(id)) {
    throw new Error(`WXT_GECKO_ID "${id}" is not a Firefox add-on id (name@domain or {GUID}).`);
  }
  return id;
}

/**
 * The manifest's `homepage_url` (README "Build-time configuration"): the project's page, shown by
 * the browsers and stores as the extension's website. A distributor sets their own.
 */
function homepageUrl(): string {
  const url = process.env.WXT_HOMEPAGE_URL?.trim() || DEFAULT_HOMEPAGE_URL;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`WXT_HOMEPAGE_URL "${url}" is not a URL.`);
  }
  if (parsed.protocol !== 'https:') {
    throw new Error(`WXT_HOMEPAGE_URL "${url}" is not an https URL.`);
  }
  return url;
}

/**
 * Extension pages (popup, options, and the background: Chrome's service worker and Firefox's
 * event page live under the same policy): the browsers' defaults for scripts and plugins, and
 * images only from the package, `data:` and https — so a contact's avatar never loads over plain
 * http. `connect-src` stays open: the background talks to whichever ConnectyCube endpoint the user
 * picks (https, or http on loopback for development and the sandbox servers); the pages themselves
 * fetch nothing but their own files.
 */
const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'self'; img-src 'self' data: https:";

// See README "Build-time configuration": WXT_* variables are read through import.meta.env.
export default defineConfig({
  outDir: process.env.CUBE_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    homepage_url: homepageUrl(),
    permissions: ['storage', 'alarms', 'notifications', 'identity'],
    // Given as MV3's object; WXT writes MV2's string form for Firefox (and adds its dev server in `wxt` dev).
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: geckoId(),
              // The lowest version that knows every key used: data_collection_permissions (140).
              strict_min_version: '140.0',
              // Contacts' names and phone numbers leave the browser (to ConnectyCube), so Firefox's
              // data consent lists them; the extension asks for its own consent before any upload.
              data_collection_permissions: { required: ['personallyIdentifyingInfo'] },
            },
            // Firefox for Android learnt data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
          // Test build only (tests/e2e/global-setup.ts sets CUBE_TEST_BUILD=1): Firefox's automation
          // cannot open moz-extension:// pages directly, and a web page may navigate to an extension
          // page only if it is web-accessible. Never set for a shipped build.
          ...(process.env.CUBE_TEST_BUILD === '1'
            ? { web_accessible_resources: ['options.html', 'popup.html'] }
            : {}),
        }
      : {}),
  }),
});
