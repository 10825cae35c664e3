// "A contact joined" by Web Push: a subscription made and deleted as the extension does it.
import { CubeApiError } from '../connectycube/errors.ts';
import { commonAdvice, describe } from './advice.ts';
import { malformed, needsSession } from './book-steps.ts';
import { testSubscription } from './test-data.ts';
import type { CheckContext, Step } from './types.ts';

/** Needed only by a build with a VAPID key: without one the extension never subscribes. */
const pushNeeded = (ctx: CheckContext): boolean => ctx.input.config.cubeVapidKey !== '';

const unneeded = (ctx: CheckContext): string =>
  pushNeeded(ctx) ? '' : ' (this build polls: WXT_CONNECTYCUBE_VAPID_KEY is empty)';

function advisePush(error: unknown): string {
  if (error instanceof CubeApiError && error.status < 500)
    return `the server refused a well-formed Web Push subscription ("${error.reasons.join(' ') || `HTTP ${error.status}`}"): set up Web Push for the application in the dashboard (its VAPID keys), or build without WXT_CONNECTYCUBE_VAPID_KEY to rely on polling`;
  return commonAdvice(error, 'cube') ?? `unexpected: ${describe(error)}`;
}

export const subscribeStep: Step = {
  id: 'push-subscribe',
  title: 'Web Push subscribe',
  phase: 'main',
  required: pushNeeded,
  skip: needsSession,
  async run(ctx) {
    await ctx.cube.subscribe(await testSubscription(ctx.udid, ctx.deps.crypto));
    return {
      outcome: 'pass',
      detail: `a web subscription with a test key (p256dh 65 bytes, auth 16)${unneeded(ctx)}`,
    };
  },
  advise: advisePush,
};

export const unsubscribeStep: Step = {
  id: 'push-unsubscribe',
  title: 'Web Push unsubscribe',
  phase: 'main',
  required: pushNeeded,
  skip: (ctx) => (ctx.passed.has('push-subscribe') ? null : 'needs the subscription'),
  async run(ctx) {
    const { deleted, dropped } = await ctx.cube.unsubscribe(ctx.udid);
    const detail = `listed and deleted ${deleted}${malformed(dropped)}`;
    if (deleted === 0)
      return {
        outcome: 'fail',
        detail,
        advice:
          'GET /subscriptions does not list the subscription just made (by its device udid): the extension could not delete it on sign-out',
      };
    return { outcome: 'pass', detail };
  },
  advise: advisePush,
};
