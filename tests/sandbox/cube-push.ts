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

/**
 * Byte sizes of the Web Push keys once decoded: p256dh is an uncompressed P-256 point, auth a
 * 16-byte secret (RFC 8291). The push service encrypts with them, so wrong ones mean no push.
 */
const WEB_KEY_BYTES: Record<'web_p256dh' | 'web_auth', number> = { web_p256dh: 65, web_auth: 16 };
const BASE64URL_UNPADDED = /^[A-Za-z0-9_-]+$/;

/**
 * Why a Web Push key is refused, or undefined when it is fine. The Push API hands the keys out
 * (`PushSubscription.toJSON()`) as base64url without padding, and that is what the ConnectyCube
 * guide registers; standard base64 (`+`, `/`, `=`) from `btoa` is refused rather than guessed at.
 */
export function webKeyProblem(value: string, bytes: number): string | undefined {
  if (!BASE64URL_UNPADDED.test(value)) {
    return 'is invalid: must be base64url without padding (only A-Z, a-z, 0-9, - and _)';
  }
  // The decoded size pins the text's length too (87 characters for p256dh, 22 for auth).
  const decoded = Buffer.from(value, 'base64url').length;
  if (decoded !== bytes) {
    return `is invalid: must decode to ${bytes} bytes (got ${decoded})`;
  }
  return undefined;
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
    if (channel === 'web') {
      for (const [field, bytes] of Object.entries(WEB_KEY_BYTES)) {
        const value = token[field];
        const problem = typeof value === 'string' && value !== '' && webKeyProblem(value, bytes);
        if (problem) errors[field] = [problem];
      }
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

/**
 * Every user's subscriptions. One per user, channel and device udid: subscribing the same device
 * again replaces the old one (its id changes), as the real service does for a refreshed token.
 */
export class SubscriptionStore {
  private items: Subscription[] = [];
  // Not reset with the rest: an id a test saw before a reset never names a new subscription.
  private nextId = 501;

  add(userId: number, applicationId: string, input: SubscriptionInput, now: number): Subscription {
    this.items = this.items.filter(
      (old) => !(old.userId === userId && old.udid === input.udid && old.channel === input.channel),
    );
    const subscription: Subscription = {
      ...input,
      id: this.nextId++,
      userId,
      applicationId,
      createdAt: now,
    };
    this.items.push(subscription);
    return subscription;
  }

  list(userId?: number): Subscription[] {
    return this.items.filter((item) => userId === undefined || item.userId === userId);
  }

  /** false when the user has no such subscription (someone else's counts as unknown). */
  remove(userId: number, id: number): boolean {
    const before = this.items.length;
    this.items = this.items.filter((item) => !(item.userId === userId && item.id === id));
    return this.items.length < before;
  }

  removeUser(userId: number): void {
    this.items = this.items.filter((item) => item.userId !== userId);
  }

  clear(): void {
    this.items = [];
  }
}
