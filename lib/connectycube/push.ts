/**
 * "A contact joined" by Web Push: ConnectyCube pushes to a subscribed device when one of the user's
 * address-book contacts registers (enabled per application, with a VAPID key in its dashboard).
 * Without a key the extension relies on polling alone.
 */

/** A browser push subscription: the part used here (`PushSubscription` in a service worker). */
export interface PushSubscriptionLike {
  endpoint: string;
  /** The Push API's JSON form: `keys.p256dh` and `keys.auth` are base64url without padding. */
  toJSON(): { endpoint?: string; keys?: Record<string, string> };
  unsubscribe(): Promise<boolean>;
}

/** The part of a service worker's PushManager used here (injected: tests and Firefox pages lack it). */
export interface PushManagerLike {
  subscribe(options: {
    userVisibleOnly: boolean;
    applicationServerKey: string;
  }): Promise<PushSubscriptionLike>;
  getSubscription(): Promise<PushSubscriptionLike | null>;
}

export interface SubscriptionBody {
  notification_channel: 'web';
  device: { platform: 'web'; udid: string };
  push_token: {
    environment: 'production';
    web_endpoint: string;
    web_auth: string;
    web_p256dh: string;
  };
}

/** A browser without a reachable push service never settles `subscribe()`: bound the wait. */
export const SUBSCRIBE_TIMEOUT_MS = 10_000;

/**
 * The body of `POST /subscriptions` as the ConnectyCube push guide builds it: the values of
 * `subscription.toJSON()`, whose keys the Push API already encodes as base64url without padding
 * (re-encoding the raw keys as standard base64 is refused by the service). Null without keys.
 */
export function subscriptionBody(
  subscription: PushSubscriptionLike,
  udid: string,
): SubscriptionBody | null {
  const { keys } = subscription.toJSON();
  if (!keys?.auth || !keys.p256dh) return null;
  return {
    notification_channel: 'web',
    device: { platform: 'web', udid },
    push_token: {
      environment: 'production',
      web_endpoint: subscription.endpoint,
      web_auth: keys.auth,
      web_p256dh: keys.p256dh,
    },
  };
}

/**
 * Subscribes this browser to pushes and returns the body of `POST /subscriptions`, or null when
 * there is no key or no answer in time (polling still finds every join).
 */
export async function webPushSubscription(
  pushManager: PushManagerLike | undefined,
  vapidKey: string,
  udid: string,
  timeoutMs: number = SUBSCRIBE_TIMEOUT_MS,
): Promise<SubscriptionBody | null> {
  if (!pushManager || !vapidKey) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const subscription = await Promise.race([
      // Extension workers may receive silent pushes: the join notification is ours to show.
      pushManager.subscribe({ userVisibleOnly: false, applicationServerKey: vapidKey }),
      timeout,
    ]);
    return subscription ? subscriptionBody(subscription, udid) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Ends this browser's push subscription, if it has one (best effort: the server side is gone). */
export async function unsubscribeBrowser(pushManager: PushManagerLike | undefined): Promise<void> {
  const subscription = await pushManager?.getSubscription().catch(() => null);
  await subscription?.unsubscribe().catch(() => false);
}
