// Push subscriptions (`POST /subscriptions`) and the "contact joined" pushes the service would send.
// No push is delivered (no push service is reachable from a test); they are recorded instead so an
// e2e test can deliver one itself (CDP `ServiceWorker.deliverPushMessage`).

import { isRecord } from './transport.ts';

const CHANNELS = ['apns', 'apns_voip', 'gcm', 'web'];
const PLATFORMS = ['ios', 'android', 'web'];
const ENVIRONMENTS = ['development', 'production'];

export interface SubscriptionInput {
  channel: string;
  platform: string;
  udid: string;
  pushToken: Record<string, string>;
}

export interface Subscription extends SubscriptionInput {
  id: number;
  userId: number;
  applicationId: string;
  createdAt: number;
}

/** A push the service would have sent: `toUserId` had `phone` in a book when `joinedUserId` registered. */
export interface JoinEvent {
  time: number;
  applicationId: string;
  toUserId: number;
  /** The book that matched: null for the global one. */
  udid: string | null;
  joinedUserId: number;
  phone: string;
  addressBookName: string;
  /** The recipient's subscriptions at that time (those the push would have gone to). */
  subscriptionIds: number[];
}

/** The wire form, as in the server docs. */
export function subscriptionJson(subscription: Subscription): unknown {
  return {
    subscription: {
      id: subscription.id,
      notification_channel: { name: subscription.channel },
      device: { udid: subscription.udid, platform: { name: subscription.platform } },
    },
  };
}

/** The subscription described by a request body, or Rails-like field errors. */
export function parseSubscription(body: unknown): SubscriptionInput | Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const record = isRecord(body) ? body : {};
  const channel = record.notification_channel;
  if (typeof channel !== 'string' || !CHANNELS.includes(channel)) {
    errors.notification_channel = ['is not included in the list'];
  }
  const device = isRecord(record.device) ? record.device : {};
  if (typeof device.platform !== 'string' || !PLATFORMS.includes(device.platform)) {
    errors.platform = ['is not included in the list'];
  }
  if (typeof device.udid !== 'string' || device.udid === '') errors.udid = ["can't be blank"];
  const token = isRecord(record.push_token) ? record.push_token : undefined;
  const pushToken: Record<string, string> = {};
  if (!token) {
    errors.push_token = ["can't be blank"];
  } else {
    if (typeof token.environment !== 'string' || !ENVIRONMENTS.includes(token.environment)) {
      errors.environment = ['is not included in the list'];
    }
    const required =
      channel === 'web'
        ? ['web_endpoint', 'web_auth', 'web_p256dh']
        : ['client_identification_sequence'];
    for (const field of required) {
      const value = token[field];
      if (typeof value !== 'string' || value === '') errors[field] = ["can't be blank"];
    }
    if (
      channel === 'web' &&
      typeof token.web_endpoint === 'string' &&
      !URL.canParse(token.web_endpoint)
    ) {
      errors.web_endpoint = ['is invalid'];
    }
    for (const [key, value] of Object.entries(token)) {
      if (typeof value === 'string') pushToken[key] = value;
    }
  }
  if (Object.keys(errors).length > 0) return errors;
  return {
    channel: String(channel),
    platform: String(device.platform),
    udid: String(device.udid),
    pushToken,
  };
}

export function isSubscriptionInput(
  value: SubscriptionInput | Record<string, string[]>,
): value is SubscriptionInput {
  return typeof value.channel === 'string';
}
