import type { CubeClient } from '../connectycube/client.ts';
import type { SubscriptionBody } from '../connectycube/push.ts';
import { udidItem } from '../settings.ts';

/** This browser's side of Web Push (wiring.ts: the service worker's PushManager and VAPID key). */
export interface BrowserPush {
  /** Subscribes (or returns the existing subscription) and builds ConnectyCube's body; null: none. */
  subscribe(udid: string): Promise<SubscriptionBody | null>;
  /** Ends the browser's subscription. */
  unsubscribe(): Promise<void>;
}

/**
 * "Contact joined" pushes are registered only once the user agreed to sync, and removed when they
 * sign out, forget, turn notifications off or remove their contacts. Everything here is best effort:
 * polling finds every join anyway, and a failure must never stop a sign-out.
 */
export function createPushSubscriptions(deps: { cube: CubeClient; push: BrowserPush }) {
  async function remove(): Promise<void> {
    const udid = await udidItem.getValue();
    await deps.cube.unsubscribe(udid).catch(() => undefined);
    await deps.push.unsubscribe().catch(() => undefined);
  }
  async function add(): Promise<void> {
    const body = await deps.push.subscribe(await udidItem.getValue()).catch(() => null);
    if (body) await deps.cube.subscribe(body).catch(() => undefined);
  }
  return {
    add,
    remove,
    /** The browser replaced the subscription (`pushsubscriptionchange`): register the new one. */
    async renew(): Promise<void> {
      await deps.cube.unsubscribe(await udidItem.getValue()).catch(() => undefined);
      await add();
    },
  };
}

export type PushSubscriptions = ReturnType<typeof createPushSubscriptions>;
