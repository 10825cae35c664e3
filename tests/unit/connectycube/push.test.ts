import { describe, expect, it } from 'vitest';
import { webPushSubscription, type PushManagerLike } from '@/lib/connectycube/push';
import { CubeState, createCubeHandler, inProcessFetch } from '../../sandbox/index.ts';

const keyBytes = (values: number[]): ArrayBuffer => new Uint8Array(values).buffer;

const manager = (settles: boolean): PushManagerLike & { asked: unknown[] } => {
  const asked: unknown[] = [];
  return {
    asked,
    subscribe(options) {
      asked.push(options);
      if (!settles) return new Promise(() => undefined);
      return Promise.resolve({
        endpoint: 'https://push.example/send/abc',
        getKey: (name: 'p256dh' | 'auth') =>
          name === 'auth' ? keyBytes([1, 2, 3]) : keyBytes([250, 251]),
      });
    },
  };
};

describe('Web Push subscription for "contact joined"', () => {
  it('builds the body ConnectyCube expects, which the sandbox accepts', async () => {
    const push = manager(true);
    const body = await webPushSubscription(push, 'BVapidKey', 'udid-1');
    expect(push.asked).toEqual([{ userVisibleOnly: false, applicationServerKey: 'BVapidKey' }]);
    expect(body).toEqual({
      notification_channel: 'web',
      device: { platform: 'web', udid: 'udid-1' },
      push_token: {
        environment: 'production',
        web_endpoint: 'https://push.example/send/abc',
        web_auth: 'AQID',
        web_p256dh: '+vs=',
      },
    });
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
});
