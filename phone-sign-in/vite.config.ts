// `npm run build:phone-page`: the hosted phone sign-in page as static files in
// `.output/phone-sign-in/` (or PHONE_PAGE_OUT_DIR), with its settings built in from the
// environment or `.env` (WXT_FIREBASE_API_KEY, WXT_FIREBASE_PROJECT_ID, WXT_PHONE_SIGNIN_REDIRECTS,
// and for sandboxes WXT_FIREBASE_AUTH_EMULATOR_URL), read as WXT reads the extension's.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, loadEnv } from 'vite';
import { contentSecurityPolicy, phonePageConfig } from './build-config.ts';

const pageDir = dirname(fileURLToPath(import.meta.url));
const projectDir = resolve(pageDir, '..');

export default defineConfig(({ mode }) => {
  // The environment's WXT_* win over .env's, as with the extension's build.
  const config = phonePageConfig(loadEnv(mode, projectDir, 'WXT_'));
  const csp = contentSecurityPolicy(config);
  return {
    root: pageDir,
    // Relative asset URLs: the files work from whatever folder they are uploaded to.
    base: './',
    // Only what `define` writes reaches the page: no other variable is exposed.
    envDir: false,
    define: { __PHONE_PAGE_CONFIG__: JSON.stringify(config) },
    plugins: [
      {
        name: 'phone-page-csp',
        transformIndexHtml: (html: string) => html.replace('%PHONE_PAGE_CSP%', csp),
      },
    ],
    build: {
      outDir: process.env.PHONE_PAGE_OUT_DIR ?? resolve(projectDir, '.output/phone-sign-in'),
      emptyOutDir: true,
      target: 'es2022',
      // The polyfill would be an inline script, which the page's CSP forbids.
      modulePreload: { polyfill: false },
    },
  };
});
