// The phone sign-in side of the sandboxes: the Firebase Auth emulator, the hosted page built
// against it, and a loopback web server hosting that page at `/phone-sign-in/` as a distributor
// would. Started by `startSandbox({phoneSignIn})` for `npm run sandbox`, `npm start` and e2e.

import { buildPhonePage, phonePageEnv } from '../tools/phone-page.ts';
import {
  FIREBASE_PROJECT_ID,
  startAuthEmulator,
  type AuthEmulator,
  type AuthEmulatorOptions,
} from './firebase-emulator.ts';
import { serveHandler } from './http-adapter.ts';
import { createStaticHandler } from './static-files.ts';

export interface PhoneSignInOptions {
  /** Where the page is built (a folder of its own: it is emptied first). */
  outDir: string;
  /** The Auth emulator's port; 0 (default) = a free one. */
  emulatorPort?: number;
  /** The page server's port; 0 (default) = a free one. */
  pagePort?: number;
  host?: string;
  /** Every line the Firebase CLI prints. */
  onEmulatorOutput?: AuthEmulatorOptions['onOutput'];
}

export interface PhoneSignIn {
  emulator: AuthEmulator;
  /** The page: `http://127.0.0.1:<port>/phone-sign-in/` (add `?redirect_uri=…&state=…`). */
  pageUrl: string;
  /** The build variables the page was built with (WXT_FIREBASE_*, WXT_PHONE_SIGNIN_REDIRECTS). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export const PHONE_PAGE_PATH = '/phone-sign-in/';

/**
 * Starts the emulator, builds the page against it and serves it. Any failure stops what was
 * started and rethrows with what went wrong (the emulator's own output when it would not start).
 */
export async function startPhoneSignIn(options: PhoneSignInOptions): Promise<PhoneSignIn> {
  const emulator = await startAuthEmulator({
    projectId: FIREBASE_PROJECT_ID,
    ...(options.emulatorPort ? { port: options.emulatorPort } : {}),
    ...(options.onEmulatorOutput ? { onOutput: options.onEmulatorOutput } : {}),
  });
  try {
    const env = phonePageEnv({
      emulatorUrl: emulator.url,
      projectId: emulator.projectId,
      apiKey: emulator.apiKey,
    });
    buildPhonePage(options.outDir, env);
    const server = await serveHandler(createStaticHandler(options.outDir, PHONE_PAGE_PATH), {
      port: options.pagePort ?? 0,
      host: options.host ?? '127.0.0.1',
    });
    return {
      emulator,
      pageUrl: `${server.url}${PHONE_PAGE_PATH}`,
      env,
      close: async () => {
        await Promise.all([server.close(), emulator.stop()]);
      },
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
