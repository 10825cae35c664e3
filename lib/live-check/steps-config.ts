// The first step: the build variables and the test account's, checked before anything is sent.
import { builtInApp, checkEndpoint } from '../config.ts';
import { testAccount } from './input.ts';
import { vapidKeyProblem } from './test-data.ts';
import type { Step } from './types.ts';

/**
 * What is wrong with the build variables, each with what to change. Without any, the steps that
 * need only the application (the made-up login's probe) run, whatever the test account.
 */
export function buildProblems(ctx: Parameters<Step['run']>[0]): string[] {
  const { config } = ctx.input;
  const problems: string[] = [];
  if (!builtInApp(config))
    problems.push(
      'WXT_CONNECTYCUBE_APP_ID and WXT_CONNECTYCUBE_AUTH_KEY must both be set: copy them from the ConnectyCube dashboard (your application, Overview)',
    );
  for (const [name, url] of [
    ['WXT_CONNECTYCUBE_API_URL', config.cubeApiUrl],
    ['WXT_GOOGLE_API_URL', config.googleApiUrl],
    ['WXT_GOOGLE_AUTH_URL', config.googleAuthUrl],
    ['WXT_GOOGLE_REVOKE_URL', config.googleRevokeUrl],
  ] as const) {
    const checked = checkEndpoint(url);
    if (!checked.ok)
      problems.push(
        `${name} ${checked.reason === 'not-https' ? 'is not https (only loopback may be http)' : 'is not a URL'}`,
      );
  }
  if (!config.googleClientId)
    problems.push(
      'WXT_GOOGLE_CLIENT_ID is empty: the extension cannot connect Google (README, "A real Google OAuth client")',
    );
  const vapid = config.cubeVapidKey ? vapidKeyProblem(config.cubeVapidKey) : null;
  if (vapid)
    problems.push(
      `WXT_CONNECTYCUBE_VAPID_KEY ${vapid}: copy the application's Web Push public key from the dashboard, or leave it empty to find joins by polling`,
    );
  return problems;
}

/** What is wrong with the test account's variables, or null. */
export function accountProblem(ctx: Parameters<Step['run']>[0]): string | null {
  const { live } = ctx.input;
  const account = testAccount(live);
  if (account === 'none')
    return 'set a test account in the environment: LIVE_LOGIN and LIVE_PASSWORD (a test user of the application: create one in the dashboard, Users), or LIVE_FIREBASE_ID_TOKEN (a phone account\'s ID token, with WXT_FIREBASE_PROJECT_ID; README, "Before every store submission")';
  if (account === 'login' && (!live.login || !live.password))
    return 'LIVE_LOGIN and LIVE_PASSWORD must both be set in the environment: a test user of the application (create one in the dashboard, Users); or leave both unset to check with LIVE_FIREBASE_ID_TOKEN alone';
  return null;
}

/** Everything to fix before the check may use the test account. */
export function inputProblems(ctx: Parameters<Step['run']>[0]): string[] {
  const account = accountProblem(ctx);
  return [...buildProblems(ctx), ...(account ? [account] : [])];
}

export const configStep: Step = {
  id: 'config',
  title: 'build variables',
  phase: 'main',
  required: () => true,
  async run(ctx) {
    const problems = inputProblems(ctx);
    if (problems.length > 0)
      return {
        outcome: 'fail',
        detail: `${problems.length} to fix`,
        advice: problems.join('\n'),
      };
    const { config } = ctx.input;
    return {
      outcome: 'pass',
      detail: [
        `application ${config.cubeAppId} with its auth key`,
        'endpoints https (or loopback)',
        'Google client id set',
        config.cubeVapidKey ? 'VAPID key a P-256 public key' : 'no VAPID key (joins by polling)',
      ].join(', '),
    };
  },
  advise: () => 'an unexpected error in the check itself: please report it',
};
