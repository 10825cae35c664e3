import { resolve } from 'node:path';
import type { PhoneSignIn } from '../sandbox/phone-sign-in.ts';

/** Where e2e and the demo build, so they never overwrite a developer's `.output`. */
export const E2E_OUT_DIR = resolve('.output/e2e');
export const DEMO_OUT_DIR = resolve('.output/demo');

/** A Google OAuth client id the sandbox accepts; real builds leave it empty or set their own. */
export const SANDBOX_CLIENT_ID = 'sandbox-client.apps.googleusercontent.com';

/**
 * The build-time variables (README "Build-time configuration") pointing a build at the sandbox,
 * with the sandbox's application built in as a distributor would build in theirs.
 */
export function buildEnv(opts: {
  googleUrl: string;
  cubeUrl: string;
  cubeApp: { applicationId: string; authKey: string };
  outDir: string;
  /** The sandbox's phone sign-in (startSandbox's `phone`): the hosted page and the Auth emulator. */
  phone?: PhoneSignIn | null;
}): Record<string, string> {
  return {
    ...(opts.phone ? phoneBuildEnv(opts.phone) : {}),
    WXT_GOOGLE_CLIENT_ID: SANDBOX_CLIENT_ID,
    WXT_GOOGLE_AUTH_URL: `${opts.googleUrl}/o/oauth2/v2/auth`,
    WXT_GOOGLE_API_URL: opts.googleUrl,
    WXT_GOOGLE_REVOKE_URL: `${opts.googleUrl}/revoke`,
    WXT_CONNECTYCUBE_API_URL: opts.cubeUrl,
    WXT_CONNECTYCUBE_APP_ID: opts.cubeApp.applicationId,
    WXT_CONNECTYCUBE_AUTH_KEY: opts.cubeApp.authKey,
    CUBE_OUT_DIR: opts.outDir,
  };
}

/**
 * ConnectyCube creates an unknown login on the fly, and the extension takes an account whose
 * `created_at` is within a minute of the sign-in for one made by it: accounts a test registers
 * just before signing in are made older first, as a real user's account would be.
 */
export const ACCOUNT_AGE_MS = 2 * 60_000;

/**
 * The phone sign-in variables (README "Phone sign-in") pointing an extension build at the sandbox:
 * the hosted page, the Firebase project and Web API key, and the Auth emulator (whose secure token
 * endpoint renews ID tokens in sandboxes).
 */
export function phoneBuildEnv(phone: PhoneSignIn): Record<string, string> {
  return {
    WXT_PHONE_SIGNIN_URL: phone.pageUrl,
    WXT_FIREBASE_API_KEY: phone.emulator.apiKey,
    WXT_FIREBASE_PROJECT_ID: phone.emulator.projectId,
    WXT_FIREBASE_AUTH_EMULATOR_URL: phone.emulator.url,
  };
}
