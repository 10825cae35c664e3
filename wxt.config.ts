import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See README "Build-time configuration": WXT_* variables are read through import.meta.env.
export default defineConfig({
  outDir: process.env.CUBE_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications', 'identity'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'cube-contacts@example.com',
              strict_min_version: '115.0',
              // Contacts' names and phone numbers leave the browser (to ConnectyCube), so Firefox's
              // data consent lists them; the extension asks for its own consent before any upload.
              data_collection_permissions: { required: ['personallyIdentifyingInfo'] },
            },
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
