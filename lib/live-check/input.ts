import { configFrom, type BuildEnv } from '../config.ts';
import type { LiveCredentials, LiveInput } from './types.ts';

/**
 * The check's input: the build variables from `buildEnv` (`.env` files and the environment, as a
 * build reads them) and the test account from `environment` alone, so its password never sits in
 * a file the build reads.
 */
export function liveInput(
  buildEnv: BuildEnv,
  environment: Readonly<Record<string, string | undefined>>,
): LiveInput {
  const text = (name: string): string => environment[name]?.trim() ?? '';
  return {
    config: configFrom(buildEnv),
    live: {
      login: text('LIVE_LOGIN'),
      password: environment.LIVE_PASSWORD ?? '',
      googleToken: text('LIVE_GOOGLE_TOKEN'),
      firebaseIdToken: text('LIVE_FIREBASE_ID_TOKEN'),
    },
  };
}

/**
 * Whose session the steps after sign-in use: the login's when either half of it is given (a phone
 * token is then checked besides), else a phone account's alone; 'none' when neither is given.
 */
export type TestAccount = 'login' | 'phone' | 'none';

export function testAccount(live: LiveCredentials): TestAccount {
  if (live.login || live.password) return 'login';
  return live.firebaseIdToken ? 'phone' : 'none';
}
