// Signing in: the test account's session, and whether the application creates users on the fly.
import { builtInApp, checkEndpoint } from '../config.ts';
import { createCubeClient } from '../connectycube/client.ts';
import { CubeApiError } from '../connectycube/errors.ts';
import type { CubeAccount } from '../connectycube/types.ts';
import { commonAdvice, describe } from './advice.ts';
import { testAccount } from './input.ts';
import { memoryAccountStore } from './memory-store.ts';
import { accountProblem, buildProblems } from './steps-config.ts';
import { randomHex } from './test-data.ts';
import type { CheckContext, Step } from './types.ts';

/** The built-in application, at the endpoint as the extension normalises it; null when unset. */
export function app(ctx: CheckContext): {
  endpoint: string;
  applicationId: string;
  authKey: string;
} {
  const built = builtInApp(ctx.input.config);
  const endpoint = checkEndpoint(ctx.input.config.cubeApiUrl);
  if (!built || !endpoint.ok) throw new Error('the build variables are incomplete');
  return { ...built, endpoint: endpoint.url };
}

/** Skips a step that sends anything while the build variables are incomplete. */
export const noInput = (ctx: CheckContext): string | null =>
  buildProblems(ctx).length === 0 ? null : 'needs the build variables above';

export const PHONE_DRIVES =
  'no LIVE_LOGIN: the phone session below is the session of the steps after it';

export function adviseSession(error: unknown, ctx: CheckContext): string {
  if (error instanceof CubeApiError) {
    const reasons = error.reasons.join(' ');
    if (error.status === 401 && /signature/i.test(reasons))
      return `the server does not know application ${ctx.input.config.cubeAppId} with this auth key ("${reasons}"): copy WXT_CONNECTYCUBE_APP_ID and WXT_CONNECTYCUBE_AUTH_KEY from the dashboard, and check WXT_CONNECTYCUBE_API_URL is that application's server`;
    if (error.status === 401)
      return `the test account is refused ("${reasons || 'HTTP 401'}"): check LIVE_LOGIN and LIVE_PASSWORD, and that the user belongs to application ${ctx.input.config.cubeAppId}`;
    if (error.status === 403)
      return `the application refuses sessions ("${reasons || 'HTTP 403'}"): check it is active in the dashboard`;
    if (error.status === 422)
      return `the server refused the sign-in's fields ("${reasons}"): check LIVE_LOGIN (an "@" makes it an email)`;
  }
  return commonAdvice(error, 'cube') ?? `unexpected: ${describe(error)}`;
}

export const ON_THE_FLY_ADVICE =
  'the app creates users on the fly: the extension will ask users who mistype their login; deny creation in the dashboard to avoid it';

export const sessionStep: Step = {
  id: 'session',
  title: 'session (login)',
  phase: 'main',
  required: () => true,
  skip(ctx) {
    const missing = noInput(ctx);
    if (missing) return missing;
    if (testAccount(ctx.input.live) === 'phone') return PHONE_DRIVES;
    return accountProblem(ctx) ? 'needs a test account' : null;
  },
  async run(ctx) {
    const { login, password } = ctx.input.live;
    const account = await ctx.cube.signIn({ ...app(ctx), login, password }, true);
    if (account.token) ctx.secrets.add(account.token);
    ctx.account = account;
    if (account.state === 'confirm-new')
      return {
        outcome: 'fail',
        detail: `user ${account.user.id} was created by this very sign-in (created_at ${account.user.created_at ?? '?'})`,
        advice: `LIVE_LOGIN names no user and the application made one for it (on the fly). If you created the test user less than a minute ago, wait a minute and run again; else fix LIVE_LOGIN and delete user ${account.user.id} in the dashboard`,
      };
    return {
      outcome: 'pass',
      detail: `a session token for user ${account.user.id}${account.user.created_at ? ` (created ${account.user.created_at})` : ''}`,
    };
  },
  advise: adviseSession,
};

/**
 * Signs in with a login nobody has (a made-up one, and password): refused means the application
 * does not create users on the fly. It needs only the application's variables, so it runs whatever
 * the test account (a login, a phone token, or none yet). A user it creates is deleted at once with its own session, by
 * the extension's own "Delete it" (`DELETE /users/{id}`, then `DELETE /session`).
 */
export const onTheFlyStep: Step = {
  id: 'on-the-fly',
  title: 'users on the fly',
  phase: 'main',
  required: () => false,
  skip: noInput,
  async run(ctx) {
    const store = memoryAccountStore();
    const probe = createCubeClient({ store, net: ctx.net, now: ctx.net.now });
    const login = `live-check-${randomHex(8, ctx.net.random)}`;
    const password = randomHex(16, ctx.net.random);
    ctx.secrets.add(password);
    let account: CubeAccount;
    try {
      account = await probe.signIn({ ...app(ctx), login, password }, true);
    } catch (error) {
      if (error instanceof CubeApiError && error.status === 401)
        return {
          outcome: 'pass',
          detail: 'an unknown login is refused: no user is created by a typo',
        };
      throw error;
    }
    if (account.token) ctx.secrets.add(account.token);
    const { id } = account.user;
    // The extension's guard is what a user would meet: whether it saw this account as just made.
    const noticed = account.state === 'confirm-new';
    // Ours to delete whatever the guard said: its login was made up a moment ago.
    if (!noticed) await store.set({ ...account, state: 'confirm-new' });
    try {
      await probe.deleteAccount(id);
    } catch (error) {
      ctx.leftUsers.push({ id, label: `login ${login}` });
      return {
        outcome: 'fail',
        detail: `an unknown login signed in and created user ${id}, which could not be deleted (${describe(error)})`,
        advice: `delete user ${id} (login ${login}) in the dashboard; ${ON_THE_FLY_ADVICE}`,
      };
    }
    const unnoticed = noticed
      ? ''
      : `; and its created_at (${account.user.created_at ?? 'absent'}) is not within a minute of the session, so the extension cannot tell such an account from the user's: fix the server's clock or deny creation`;
    return {
      outcome: 'fail',
      detail: `an unknown login signed in: user ${id} was created, and deleted again with its own session`,
      advice: `${ON_THE_FLY_ADVICE}${unnoticed}`,
      ...(noticed ? {} : { required: true }),
    };
  },
  advise(error, ctx) {
    if (error instanceof CubeApiError && error.status === 422)
      return `the server refused a made-up login's fields ("${error.reasons.join(' ')}"), so whether it creates users on the fly is unknown: check "create users on the fly" in the dashboard`;
    return adviseSession(error, ctx);
  },
};
