import { serialQueue } from '../serial.ts';
import type { CubeClient } from '../connectycube/client.ts';
import type { SubscriptionBody } from '../connectycube/push.ts';
import {
  consentItem,
  cubeAccountItem,
  googleAccountItem,
  pushRegistrationItem,
  readSettings,
  udidItem,
  type UserSettings,
} from '../settings.ts';
import { consentCovers, consentTarget } from './consent.ts';

/** This browser's side of Web Push (wiring.ts: the service worker's PushManager and VAPID key). */
export interface BrowserPush {
  /** Subscribes (or returns the existing subscription) and builds ConnectyCube's body; null: none. */
  subscribe(udid: string): Promise<SubscriptionBody | null>;
  /** Ends the browser's subscription. */
  unsubscribe(): Promise<void>;
}

/** Where a push subscription is registered: the account (endpoint, app, user) and the book. */
export interface PushDestination {
  endpoint: string;
  applicationId: string;
  userId: number;
  book: UserSettings['bookMode'];
}

/**
 * What this device registered at ConnectyCube. Absent from storage (null): not known, as after an
 * update from a version that kept no record, or after "Forget everything".
 */
export type PushRegistration =
  { state: 'none' } | { state: 'registered'; destination: PushDestination };

/**
 * Where pushes should be registered now: notifications on and consent, by the consent rule, for
 * exactly the account and book an upload would go to. Null: nowhere.
 */
export async function wantedPushDestination(): Promise<PushDestination | null> {
  const [settings, account, google, consent] = await Promise.all([
    readSettings(),
    cubeAccountItem.getValue(),
    googleAccountItem.getValue(),
    consentItem.getValue(),
  ]);
  if (!settings.notifications) return null;
  const target = consentTarget(account, google, settings);
  if (!target || !consentCovers(consent, target)) return null;
  const { endpoint, applicationId, userId, book } = target;
  return { endpoint, applicationId, userId, book };
}

function sameDestination(a: PushDestination, b: PushDestination | null): boolean {
  return (
    !!b &&
    a.endpoint === b.endpoint &&
    a.applicationId === b.applicationId &&
    a.userId === b.userId &&
    a.book === b.book
  );
}

const ignore = (): undefined => undefined;

/**
 * "Contact joined" pushes are registered only with consent for exactly the account and book in use
 * (and notifications on), and deleted when that no longer holds: sign-out, forget, notifications
 * off, removal, another account, app, server or book. Everything here is best effort: polling finds
 * every join anyway, and a failure must never stop a sign-out. One step runs at a time, so a slow
 * registration cannot finish after the deletion that should have followed it.
 */
export function createPushSubscriptions(deps: { cube: CubeClient; push: BrowserPush }) {
  const serial = serialQueue();

  /** Deletes this device's subscriptions at the account signed in now, and the browser's. */
  async function removeNow(): Promise<void> {
    const udid = await udidItem.getValue();
    await deps.cube.unsubscribe(udid).catch(ignore);
    await deps.push.unsubscribe().catch(ignore);
    await pushRegistrationItem.setValue({ state: 'none' });
  }

  async function registerNow(destination: PushDestination): Promise<void> {
    const udid = await udidItem.getValue();
    // No push service or no key (Firefox's event page): nothing to register, nothing sent.
    const body = await deps.push.subscribe(udid).catch(() => null);
    if (!body) return;
    // The browser may take seconds: consent or settings may have changed meanwhile.
    if (!sameDestination(destination, await wantedPushDestination())) {
      await deps.push.unsubscribe().catch(ignore);
      return;
    }
    // One subscription per device: one left by an ended session or a replaced browser subscription
    // names an endpoint that no longer exists.
    await deps.cube.unsubscribe(udid).catch(ignore);
    try {
      await deps.cube.subscribe(body);
      await pushRegistrationItem.setValue({ state: 'registered', destination });
    } catch {
      // Not registered: polling finds the joins.
    }
  }

  /** Deletes a registration that is not (or may not be) the wanted one; returns what is missing. */
  async function dropUnwanted(): Promise<PushDestination | null> {
    const [wanted, registered] = await Promise.all([
      wantedPushDestination(),
      pushRegistrationItem.getValue(),
    ]);
    if (registered?.state === 'registered' && sameDestination(registered.destination, wanted))
      return null;
    if (registered?.state !== 'none') await removeNow();
    return wanted;
  }

  return {
    /**
     * After anything that may change where pushes belong (consent, settings, a sign-in): resolves
     * once a registration no longer wanted is deleted; a wanted one is then registered in the
     * background (a browser without a reachable push service takes seconds to give up).
     */
    follow(): Promise<void> {
      const removal = serial(dropUnwanted);
      serial(async () => {
        const missing = await dropUnwanted();
        if (missing) await registerNow(missing);
      }).catch(ignore);
      return removal.then(ignore, ignore);
    },
    /**
     * Before the account changes (a sign-in): deletes what this device registered, while the
     * session that made it may still reach it. After the sign-in only the new account is reachable.
     */
    leave(): Promise<void> {
      return serial(async () => {
        const registered = await pushRegistrationItem.getValue();
        if (registered?.state !== 'none') await removeNow();
      }).catch(ignore);
    },
    /** Sign-out, forget, removal: deletes this device's subscriptions, whatever is recorded. */
    remove(): Promise<void> {
      return serial(removeNow).catch(ignore);
    },
    /**
     * The browser replaced the subscription (`pushsubscriptionchange`): registered again only where
     * it is wanted; otherwise the old registration and the browser's new subscription both go.
     */
    renew(): Promise<void> {
      return serial(async () => {
        const wanted = await wantedPushDestination();
        await (wanted ? registerNow(wanted) : removeNow());
      }).catch(ignore);
    },
    /** Resolves when every step asked for so far has run. */
    idle(): Promise<void> {
      return serial(async () => undefined);
    },
  };
}
