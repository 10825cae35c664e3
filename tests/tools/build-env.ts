import { resolve } from 'node:path';

/** Where e2e and the demo build, so they never overwrite a developer's `.output`. */
export const E2E_OUT_DIR = resolve('.output/e2e');
export const DEMO_OUT_DIR = resolve('.output/demo');

/** A Google OAuth client id the sandbox accepts; real builds leave it empty or set their own. */
export const SANDBOX_CLIENT_ID = 'sandbox-client.apps.googleusercontent.com';

/** The build-time variables (README "Build-time configuration") pointing a build at the sandbox. */
export function buildEnv(opts: {
  googleUrl: string;
  cubeUrl: string;
  outDir: string;
}): Record<string, string> {
  return {
    WXT_GOOGLE_CLIENT_ID: SANDBOX_CLIENT_ID,
    WXT_GOOGLE_AUTH_URL: `${opts.googleUrl}/o/oauth2/v2/auth`,
    WXT_GOOGLE_API_URL: opts.googleUrl,
    WXT_CONNECTYCUBE_API_URL: opts.cubeUrl,
    CUBE_OUT_DIR: opts.outDir,
  };
}
