// A phone account's sign-in: a `firebase_phone` session from LIVE_FIREBASE_ID_TOKEN. Beside a login
// it is held by a client of its own (the login's session is another user's) and ended in the
// cleanup; without LIVE_LOGIN it is the check's session, which every later step uses.
import { phoneSignInConfig } from '../config.ts';
import { createCubeClient } from '../connectycube/client.ts';
import { CubeApiError } from '../connectycube/errors.ts';
import { createdBySignIn } from '../connectycube/on-the-fly.ts';
import { phoneSession, retryingSend } from '../connectycube/session.ts';
import type { CubeAccount, CubeProfile } from '../connectycube/types.ts';
import { idTokenPhone } from '../phone/firebase-token.ts';
import { describe } from './advice.ts';
import { sessionEnded } from './cleanup-steps.ts';
import { testAccount } from './input.ts';
import { memoryAccountStore } from './memory-store.ts';
import { adviseSession, app, noInput } from './session-steps.ts';
import type { CheckContext, Step, Verdict } from './types.ts';

/**
 * A user made by the very request that made the session has the session's `created_at` (Rails
 * keeps whole seconds, so give or take one). The extension's own test (`createdBySignIn`) allows a
 * minute, because it then asks the user; the check deletes without asking, so it needs this.
 */
export const SAME_REQUEST_MS = 2_000;

export const PHONE_TOKEN_HOWTO =
  'not checked: to check phone sign-in, set LIVE_FIREBASE_ID_TOKEN to the ID token of a test number signed in on your hosted page (README, "Before every store submission")';

/** Made by this check's own sign-in: the same second as its session, and a phone-only user. */
function madeByThisSignIn(user: CubeProfile, sessionCreatedAt: string | null | undefined): boolean {
  const created = Date.parse(user.created_at ?? '');
  const session = Date.parse(sessionCreatedAt ?? '');
  if (!Number.isFinite(created) || !Number.isFinite(session)) return false;
  // A firebase_phone sign-up makes a user with no login and no email: one with either was not.
  return Math.abs(created - session) <= SAME_REQUEST_MS && !user.login && !user.email;
}

const signUpAdvice = (ctx: CheckContext): string =>
  `phone sign-in is also sign-up: the number of LIVE_FIREBASE_ID_TOKEN is not a user of application ${ctx.input.config.cubeAppId}, and the application creates users for new numbers (the extension then asks "Keep it" or "Delete it"). To check a user's sign-in, give the token of a number that is already a user (signed up in the mobile app)`;

function advisePhone(error: unknown, ctx: CheckContext): string {
  const { cubeAppId, firebaseProjectId } = ctx.input.config;
  if (error instanceof CubeApiError) {
    const reasons = error.reasons.join(' ');
    if (error.status === 401 && !/signature/i.test(reasons))
      return `the Firebase project set in the ConnectyCube dashboard is not WXT_FIREBASE_PROJECT_ID (${firebaseProjectId}), or the token expired (ID tokens live an hour): sign in again for a fresh one; or the number is not a user of application ${cubeAppId} and it denies creating users (sign the number up in the mobile app first)`;
    if (error.status === 422 && /can't be blank/i.test(reasons))
      return `the server read no firebase_phone sign-in in the request and took it for a login one ("${reasons}"): set the Firebase project ${firebaseProjectId} for phone sign-in in application ${cubeAppId}'s settings in the ConnectyCube dashboard, and check WXT_CONNECTYCUBE_API_URL is the API itself (not a proxy that rewrites the JSON body)`;
    if (error.status === 422)
      return `the server refused the phone sign-in ("${reasons}"): check LIVE_FIREBASE_ID_TOKEN is the id_token of a phone sign-in of project ${firebaseProjectId}`;
  }
  return adviseSession(error, ctx);
}

/**
 * `POST /session` with `provider: "firebase_phone"`, by the extension's own adapter (`phoneSession`,
 * what `signInWithPhone` sends), rather than `signInWithPhone`: the answer's session `created_at`,
 * which the stored account does not keep, is what tells a user made by this very request. The
 * account then goes into the step's client, which ends its session (or deletes that user) as the
 * extension does.
 */
export const phoneSessionStep: Step = {
  id: 'phone-session',
  title: 'session (firebase_phone)',
  phase: 'main',
  // The build offers phone sign-in, or it is the check's only session: it must work. Else advice.
  required: (ctx) => drives(ctx) || phoneSignInConfig(ctx.input.config) !== null,
  skip: (ctx) => noInput(ctx) ?? (ctx.input.live.firebaseIdToken ? null : PHONE_TOKEN_HOWTO),
  async run(ctx) {
    const idToken = ctx.input.live.firebaseIdToken;
    const projectId = ctx.input.config.firebaseProjectId;
    if (!projectId)
      return {
        outcome: 'fail',
        detail: 'WXT_FIREBASE_PROJECT_ID is empty: nothing was sent',
        advice:
          'set WXT_FIREBASE_PROJECT_ID to the Firebase project of the mobile app, the one set for phone sign-in in the ConnectyCube dashboard (a phone session names it)',
      };
    const phone = idTokenPhone(idToken);
    if (!phone)
      return {
        outcome: 'fail',
        detail: 'LIVE_FIREBASE_ID_TOKEN names no phone number: nothing was sent',
        advice:
          'give the id_token of a Firebase phone sign-in (a JWT: three parts joined by dots), not the refresh token',
      };
    const cubeApp = app(ctx);
    const send = retryingSend(ctx.net);
    const session = await phoneSession(send, cubeApp, projectId, idToken);
    ctx.secrets.add(session.token);
    const user: CubeProfile = session.user ?? { id: session.user_id };
    const ours = madeByThisSignIn(user, session.created_at);
    const store = memoryAccountStore();
    const account: CubeAccount = {
      credentials: { ...cubeApp, method: 'phone', projectId, phone, staySignedIn: false },
      token: session.token,
      user,
      // 'confirm-new' only for a user this check made: `deleteAccount` deletes nothing else.
      state: ours ? 'confirm-new' : 'active',
    };
    await store.set(account);
    const probe = createCubeClient({ store, net: ctx.net, now: ctx.net.now });
    ctx.phoneCube = probe;
    const shown = `user ${user.id} (phone ${user.phone ?? '?'})`;
    if (ours) return deleteOurs(ctx, user.id, shown, phone);
    // A user kept (not this check's to delete) is the phone-only run's session from here on: the
    // extension's own client with it does the book, push and cleanup steps, and ends it.
    const handOver = drives(ctx);
    if (handOver) {
      ctx.cube = probe;
      ctx.account = account;
      ctx.phoneCube = null;
    }
    const uses = handOver ? ': the steps below use it' : '';
    if (createdBySignIn(user, session.created_at, ctx.net.now()))
      return {
        outcome: 'fail',
        required: false,
        detail: `${shown} looks created within a minute of this sign-in (created_at ${user.created_at ?? '?'}, the session's ${session.created_at ?? '?'}), though not by it${uses}`,
        advice: `it is kept: the check deletes only a user its own sign-in created (in the same second). If the number was signed up (in the mobile app) within the last minute, that is it: run the check again in a minute. Else ${signUpAdvice(ctx)}; delete user ${user.id} in the dashboard if it is nobody's`,
      };
    return {
      outcome: 'pass',
      detail: `a session token for user ${user.id}, phone ${user.phone ?? 'not in the answer'} (the token's number ${phone}), an existing account${uses}`,
    };
  },
  advise: advisePhone,
};

/** No LIVE_LOGIN: the phone session is the one the later steps use. */
const drives = (ctx: CheckContext): boolean => testAccount(ctx.input.live) === 'phone';

/** A phone-only run without a kept session checked nothing else: not advice then. */
const nothingRan = (ctx: CheckContext): string =>
  drives(ctx)
    ? '. Without LIVE_LOGIN this was the only session, so nothing below could run: give a number that is a user, or LIVE_LOGIN and LIVE_PASSWORD'
    : '';

/** The user this check's sign-in made, deleted as the extension's "Delete it" does. */
async function deleteOurs(
  ctx: CheckContext,
  id: number,
  shown: string,
  phone: string,
): Promise<Verdict> {
  try {
    await ctx.phoneCube?.deleteAccount(id);
  } catch (error) {
    ctx.leftUsers.push({ id, label: `phone ${phone}` });
    return {
      outcome: 'fail',
      required: drives(ctx),
      detail: `${shown} was created by this very sign-in and could not be deleted (${describe(error)})`,
      advice: `delete user ${id} in the dashboard; ${signUpAdvice(ctx)}${nothingRan(ctx)}`,
    };
  }
  // Its session went with it.
  ctx.phoneCube = null;
  return {
    outcome: 'fail',
    required: drives(ctx),
    detail: `${shown} was created by this very sign-in, and deleted again`,
    advice: `${signUpAdvice(ctx)}${nothingRan(ctx)}`,
  };
}

export const endPhoneSessionStep: Step = {
  id: 'end-phone-session',
  title: 'end the phone session',
  phase: 'cleanup',
  required: () => false,
  skip(ctx) {
    if (ctx.phoneCube) return null;
    return drives(ctx) && ctx.account
      ? 'the phone session is the session: ended below'
      : 'no phone session';
  },
  async run(ctx) {
    await ctx.phoneCube?.signOut();
    ctx.phoneCube = null;
    return sessionEnded(ctx);
  },
  advise: (error, ctx) => adviseSession(error, ctx),
};
