// The first step: the build variables and the test account's, checked before anything is sent.
import { builtInApp, checkEndpoint } from '../config.ts';
import { vapidKeyProblem } from './test-data.ts';
import type { Step } from './types.ts';

/** What is wrong with the input, each with what to change. */
export function inputProblems(ctx: Parameters<Step['run']>[0]): string[] {
  const { config, live } = ctx.input;
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
  if (!live.login || !live.password)
    problems.push(
      'LIVE_LOGIN and LIVE_PASSWORD must be set in the environment: a test user of the application (create one in the dashboard, Users)',
    );
  return problems;
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
