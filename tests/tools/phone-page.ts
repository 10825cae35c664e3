// Builds the hosted phone sign-in page (phone-sign-in/, `npm run build:phone-page`) for a sandbox:
// pointed at the Firebase Auth emulator, accepting the redirect URL of any Chrome or Firefox
// extension (the sandboxes' builds have ids nobody chose), into a folder of its own so a
// distributor's `.output/phone-sign-in/` is never overwritten.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { EMULATOR_API_KEY } from '../sandbox/firebase-rest.ts';

/** `identity.getRedirectURL()`'s two forms: Chrome's and Firefox's, any extension. */
export const SANDBOX_PHONE_REDIRECTS = [
  'https://*.chromiumapp.org/',
  'https://*.extensions.allizom.org/',
] as const;

const PROJECT_DIR = resolve(import.meta.dirname, '../..');

/** The build variables (README "The phone sign-in page") of a sandbox build of the page. */
export function phonePageEnv(opts: {
  emulatorUrl: string;
  projectId: string;
  apiKey?: string;
  redirects?: readonly string[];
}): Record<string, string> {
  return {
    WXT_FIREBASE_API_KEY: opts.apiKey ?? EMULATOR_API_KEY,
    WXT_FIREBASE_PROJECT_ID: opts.projectId,
    WXT_PHONE_SIGNIN_REDIRECTS: (opts.redirects ?? SANDBOX_PHONE_REDIRECTS).join(','),
    WXT_FIREBASE_AUTH_EMULATOR_URL: opts.emulatorUrl,
  };
}

/** Runs the page's Vite build (about a second here); throws with Vite's message when it fails. */
export function buildPhonePage(outDir: string, env: Record<string, string>): void {
  // vite's exports hide its bin; it sits two folders above the package's entry.
  const entry = createRequire(import.meta.url).resolve('vite');
  const vite = resolve(dirname(entry), '../../bin/vite.js');
  try {
    execFileSync(
      process.execPath,
      [vite, 'build', '--config', 'phone-sign-in/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: PROJECT_DIR,
        env: { ...process.env, ...env, PHONE_PAGE_OUT_DIR: outDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
    throw new Error(`Building the phone sign-in page failed:\n${stderr || String(error)}`, {
      cause: error,
    });
  }
}
