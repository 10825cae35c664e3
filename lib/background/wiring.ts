import { browser } from 'wxt/browser';
import { buildConfig, phoneSignInConfig } from '../config.ts';
import { createCubeClient } from '../connectycube/client.ts';
import {
  unsubscribeBrowser,
  webPushSubscription,
  type PushManagerLike,
} from '../connectycube/push.ts';
import { CubeDb } from '../db/schema.ts';
import { fetchAccountIdentity, revokeToken } from '../google/account.ts';
import { createGoogleAuth, type WebAuthFlow } from '../google/auth.ts';
import { createPeopleClient } from '../google/people-client.ts';
import { defaultRetryDeps } from '../net/sleep.ts';
import { refreshIdToken, secureTokenEndpoint } from '../phone/firebase-token.ts';
import { signInWithPhonePage, type PhoneSignInPort } from '../phone/sign-in.ts';
import { cubeAccountItem, googleAccountItem } from '../settings.ts';
import { createEngine } from '../sync/engine.ts';
import { browserScheduler, browserStores } from './background-ports.ts';
import { createNotifier } from './notifier.ts';
import type { BrowserPush } from './push-subscription.ts';
import { createService, type Service } from './service.ts';
import { readSyncSettings } from './sync-settings.ts';

/** Only a service worker has a push manager (Firefox's MV2 event page has none). */
function pushManager(): PushManagerLike | undefined {
  const scope = globalThis as { registration?: { pushManager?: PushManagerLike } };
  return scope.registration?.pushManager;
}

/**
 * Phone sign-in, where the build has its page and the browser can show it: Firefox for Android has
 * no launchWebAuthFlow, so the choice is not offered there.
 */
function phoneSignIn(flow: WebAuthFlow): PhoneSignInPort | undefined {
  const config = phoneSignInConfig(buildConfig);
  const identity = (browser as { identity?: Partial<typeof browser.identity> }).identity;
  if (!config || typeof identity?.launchWebAuthFlow !== 'function') return undefined;
  return {
    app: config.app,
    projectId: config.projectId,
    launch: () =>
      signInWithPhonePage({ flow, pageUrl: config.pageUrl, newState: () => crypto.randomUUID() }),
  };
}

/** Builds the real objects for the background: browser APIs, fetch, the database. */
export function buildBackground(): Service {
  const db = new CubeDb();
  const net = defaultRetryDeps();
  const now = () => Date.now();
  const flow: WebAuthFlow = {
    launch: async (url, interactive) =>
      (await browser.identity.launchWebAuthFlow({ url, interactive })) ?? '',
    redirectUrl: () => browser.identity.getRedirectURL(),
  };
  const auth = createGoogleAuth({
    flow,
    clientId: buildConfig.googleClientId,
    authUrl: buildConfig.googleAuthUrl,
    store: { get: () => googleAccountItem.getValue(), set: (a) => googleAccountItem.setValue(a) },
    now,
    newState: () => crypto.randomUUID(),
    accountIdentity: (token) => fetchAccountIdentity(buildConfig.googleApiUrl, token, net),
    revoke: (token) => revokeToken(buildConfig.googleRevokeUrl, token, net),
  });
  const phoneConfig = phoneSignInConfig(buildConfig);
  const tokenEndpoint = phoneConfig
    ? secureTokenEndpoint(phoneConfig.apiKey, phoneConfig.emulatorUrl)
    : undefined;
  const cube = createCubeClient({
    store: { get: () => cubeAccountItem.getValue(), set: (a) => cubeAccountItem.setValue(a) },
    net,
    now,
    ...(tokenEndpoint
      ? { firebase: { refresh: (token: string) => refreshIdToken(tokenEndpoint, token, net) } }
      : {}),
  });
  const phone = phoneSignIn(flow);
  const people = createPeopleClient({ apiUrl: buildConfig.googleApiUrl, tokens: auth, net });
  const notifier = createNotifier();

  let service: Service | undefined = undefined;
  const engine = createEngine({
    db,
    people,
    cube,
    notifier,
    clock: { now },
    settings: readSyncSettings,
    onProgress: (progress) => service?.setProgress(progress),
  });
  const push: BrowserPush = {
    subscribe: (udid) => webPushSubscription(pushManager(), buildConfig.cubeVapidKey, udid),
    unsubscribe: () => unsubscribeBrowser(pushManager()),
  };

  service = createService({
    db,
    engine,
    auth,
    cube,
    notifier,
    push,
    stores: browserStores,
    scheduler: browserScheduler,
    now,
    ...(phone ? { phone } : {}),
  });
  return service;
}
