import { describe, expect, it } from 'vitest';
import {
  subscriptionBody,
  unsubscribeBrowser,
  webPushSubscription,
  type PushManagerLike,
  type PushSubscriptionLike,
} from '@/lib/connectycube/push';
import { CubeState, createCubeHandler, inProcessFetch } from '../../sandbox/index.ts';

/** The Push API's encoding of subscription keys: base64url, no padding. */
const base64url = (bytes: Uint8Array): string =>
  Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

// Bytes chosen so standard base64 would need '+', '/' and '=' (the encoding the service refuses).
const P256DH = new Uint8Array(65).map((_, i) => (i === 0 ? 4 : 250 + (i % 6)));
const AUTH = new Uint8Array(16).map((_, i) => 251 + (i % 5));

function subscription(): PushSubscriptionLike & { unsubscribed: boolean } {
  const sub = {
    unsubscribed: false,
    endpoint: 'https://push.example/send/abc',
    toJSON: () => ({
      endpoint: 'https://push.example/send/abc',
      keys: { p256dh: base64url(P256DH), auth: base64url(AUTH) },
    }),
    unsubscribe: async () => {
      sub.unsubscribed = true;
      return true;
    },
  };
  return sub;
}

const manager = (settles: boolean) => {
  const asked: unknown[] = [];
  const current = subscription();
  const push: PushManagerLike & { asked: unknown[]; current: typeof current } = {
    asked,
    current,
    subscribe(options) {
      asked.push(options);
      if (!settles) return new Promise(() => undefined);
      return Promise.resolve(current);
    },
    getSubscription: async () => current,
  };
  return push;
};

describe('Web Push subscription for "contact joined"', () => {
  it('sends the keys of subscription.toJSON() as they are (base64url, no padding)', async () => {
    const push = manager(true);
    const body = await webPushSubscription(push, 'BVapidKey', 'udid-1');
    expect(push.asked).toEqual([{ userVisibleOnly: false, applicationServerKey: 'BVapidKey' }]);
    expect(body).toEqual({
      notification_channel: 'web',
      device: { platform: 'web', udid: 'udid-1' },
      push_token: {
        environment: 'production',
        web_endpoint: 'https://push.example/send/abc',
        web_auth: base64url(AUTH),
        web_p256dh: base64url(P256DH),
      },
    });
    expect(body?.push_token.web_p256dh).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(body?.push_token.web_p256dh ?? '', 'base64url')).toHaveLength(65);
    expect(Buffer.from(body?.push_token.web_auth ?? '', 'base64url')).toHaveLength(16);
  });

  it('is accepted by the sandbox, which checks the keys as the service does', async () => {
    const body = subscriptionBody(subscription(), 'udid-1');
    const cube = new CubeState();
    cube.registerUser({ login: 'owner', password: 'owner-pass' });
    const fetch = inProcessFetch(createCubeHandler(cube));
    const session = (await (
      await fetch('http://cube/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          application_id: cube.defaultApp.applicationId,
          auth_key: cube.defaultApp.authKey,
          user: { login: 'owner', password: 'owner-pass' },
        }),
      })
    ).json()) as { session: { token: string } };
    const answer = await fetch('http://cube/subscriptions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CB-Token': session.session.token },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBeLessThan(300);
    expect(cube.subscriptions()).toHaveLength(1);
  });

  it('gives up quietly without a key, without a push manager, or when subscribe never settles', async () => {
    expect(await webPushSubscription(manager(true), '', 'u')).toBeNull();
    expect(await webPushSubscription(undefined, 'key', 'u')).toBeNull();
    expect(await webPushSubscription(manager(false), 'key', 'u', 20)).toBeNull();
  });

  it('ends the browser subscription, and does nothing without one', async () => {
    const push = manager(true);
    await unsubscribeBrowser(push);
    expect(push.current.unsubscribed).toBe(true);
    await expect(unsubscribeBrowser(undefined)).resolves.toBeUndefined();
  });
});
