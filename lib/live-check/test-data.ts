/**
 * What the live check puts on the server, all of it recognisable and removed again: a scratch book
 * of its own (a fresh udid: never the user's own book, never the shared one, which has no udid),
 * two contacts with fictional numbers (555-0100…0199 are reserved for fiction in the North
 * American plan), and a Web Push subscription whose keys are well formed but belong to no browser.
 */
import type { UpsertContact } from '../domain/upload.ts';
import { subscriptionBody, type SubscriptionBody } from '../connectycube/push.ts';

export const SCRATCH_PREFIX = 'cube-contacts-live-check-';

export const TEST_CONTACTS: readonly UpsertContact[] = [
  { phone: '+12025550142', name: 'Live check Ada' },
  { phone: '+12025550143', name: 'Live check Ben' },
];

/** `bytes` random bytes as hex. */
export function randomHex(bytes: number, random: () => number): string {
  return Array.from({ length: bytes }, () =>
    Math.floor(random() * 256)
      .toString(16)
      .padStart(2, '0'),
  ).join('');
}

export function scratchUdid(random: () => number): string {
  return `${SCRATCH_PREFIX}${randomHex(12, random)}`;
}

export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * Why a VAPID public key would not subscribe a browser, or null: `PushManager.subscribe` takes it
 * as base64url of an uncompressed P-256 point (65 bytes, the first 0x04).
 */
export function vapidKeyProblem(key: string): string | null {
  const bytes = fromBase64url(key);
  if (!bytes) return 'is not base64url';
  if (bytes.length !== 65 || bytes[0] !== 4)
    return `is not an uncompressed P-256 public key (65 bytes starting 0x04; got ${bytes.length})`;
  return null;
}

/**
 * The body of `POST /subscriptions` for a test subscription, built by the extension's own
 * `subscriptionBody` from what a browser's `PushSubscription.toJSON()` gives: a fresh P-256 key,
 * a random 16-byte auth secret, and an endpoint under `.invalid` (reserved: it never resolves, so
 * nothing is ever pushed anywhere).
 */
export async function testSubscription(udid: string, crypto: Crypto): Promise<SubscriptionBody> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  const p256dh = base64url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const auth = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const endpoint = `https://push.invalid/cube-contacts-live-check/${udid}`;
  const body = subscriptionBody(
    {
      endpoint,
      toJSON: () => ({ endpoint, keys: { p256dh, auth } }),
      unsubscribe: async () => true,
    },
    udid,
  );
  if (!body) throw new Error('the test subscription has no keys');
  return body;
}
