import { browser } from 'wxt/browser';
import { buildConfig } from '../config.ts';
import { createCubeClient } from '../connectycube/client.ts';
import { webPushSubscription, type PushManagerLike } from '../connectycube/push.ts';
import { defaultCountryFromLocale } from '../contacts/locale.ts';
import { CubeDb } from '../db/schema.ts';
import { createGoogleAuth } from '../google/auth.ts';
import { createPeopleClient } from '../google/people-client.ts';
import { defaultRetryDeps } from '../net/sleep.ts';
import {
  consentItem,
  cubeAccountItem,
  googleAccountItem,
  readSettings,
  udidItem,
} from '../settings.ts';
import { createEngine } from '../sync/engine.ts';
import type { SyncSettings } from '../sync/ports.ts';
import { createNotifier } from './notifier.ts';
import { createService, type Service } from './service.ts';

/** Builds the real objects for the background: browser APIs, fetch, the database. */
export function buildBackground(): Service {
  const db = new CubeDb();
  const net = defaultRetryDeps();
  const now = () => Date.now();
  const auth = createGoogleAuth({
    flow: {
      launch: async (url, interactive) =>
        (await browser.identity.launchWebAuthFlow({ url, interactive })) ?? '',
      redirectUrl: () => browser.identity.getRedirectURL(),
    },
    clientId: buildConfig.googleClientId,
    authUrl: buildConfig.googleAuthUrl,
    store: { get: () => googleAccountItem.getValue(), set: (a) => googleAccountItem.setValue(a) },
    now,
    newState: () => crypto.randomUUID(),
  });
  const cube = createCubeClient({
    store: { get: () => cubeAccountItem.getValue(), set: (a) => cubeAccountItem.setValue(a) },
    net,
  });
  const people = createPeopleClient({ apiUrl: buildConfig.googleApiUrl, tokens: auth, net });
  const notifier = createNotifier();

  async function syncSettings(): Promise<SyncSettings> {
    const [settings, udid, consent, account] = await Promise.all([
      readSettings(),
      udidItem.getValue(),
      consentItem.getValue(),
      cubeAccountItem.getValue(),
    ]);
    return {
      defaultCountry:
        settings.defaultCountry || defaultCountryFromLocale(browser.i18n.getUILanguage()),
      phoneFormat: settings.phoneFormat,
      bookMode: settings.bookMode,
      udid,
      notifications: settings.notifications,
      includeOther: settings.includeOther,
      consented: !!consent && !!account,
    };
  }

  let service: Service | undefined = undefined;
  const engine = createEngine({
    db,
    people,
    cube,
    notifier,
    clock: { now },
    settings: syncSettings,
    onProgress: (progress) => service?.setProgress(progress),
  });
  async function subscribePush(): Promise<void> {
    // Only a service worker has a push manager (Firefox's MV2 event page has none).
    const scope = globalThis as { registration?: { pushManager?: PushManagerLike } };
    const body = await webPushSubscription(
      scope.registration?.pushManager,
      buildConfig.cubeVapidKey,
      await udidItem.getValue(),
    );
    if (body) await cube.subscribe(body).catch(() => undefined);
  }

  service = createService({ db, engine, auth, cube, notifier, now, subscribePush });
  return service;
}
