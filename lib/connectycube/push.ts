/**
 * "A contact joined" by Web Push: ConnectyCube pushes to a subscribed device when one of the user's
 * address-book contacts registers (enabled per application, with a VAPID key in its dashboard).
 * Without a key the extension relies on polling alone.
 */

/** The part of a service worker's PushManager used here (injected: tests and Firefox pages lack it). */
export interface PushManagerLike {
  subscribe(options: { userVisibleOnly: boolean; applicationServerKey: string }): Promise<{
    endpoint: string;
    getKey(name: 'p256dh' | 'auth'): ArrayBuffer | null;
  }>;
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

function base64(buffer: ArrayBuffer | null): string {
  if (!buffer) return '';
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
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
    if (!subscription) return null;
    return {
      notification_channel: 'web',
      device: { platform: 'web', udid },
      push_token: {
        environment: 'production',
        web_endpoint: subscription.endpoint,
        web_auth: base64(subscription.getKey('auth')),
        web_p256dh: base64(subscription.getKey('p256dh')),
      },
    };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
