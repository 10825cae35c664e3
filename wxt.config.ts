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
            gecko: { id: 'cube-contacts@example.com', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
});
