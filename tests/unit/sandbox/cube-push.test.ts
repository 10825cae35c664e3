import { describe, expect, it } from 'vitest';
import { CubeControl } from '../../sandbox/control.ts';
import { CUBE, cubeFixture } from './fixtures.ts';

// What `PushSubscription.toJSON().keys` holds: base64url without padding (65 and 16 bytes).
const P256DH =
  'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
const AUTH = 'tBHItJI5svbpez7KI4CCXg';

const WEB_SUBSCRIPTION = {
  notification_channel: 'web',
  device: { platform: 'web', udid: 'cube-contacts-ext-1' },
  push_token: {
    environment: 'production',
    web_endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def',
    web_auth: AUTH,
    web_p256dh: P256DH,
  },
};

/** The same bytes as `btoa` gives them: standard base64, with `+`, `/` and `=` padding. */
const standard = (base64url: string): string =>
  Buffer.from(base64url, 'base64url').toString('base64');

describe('connectycube sandbox: push subscriptions', () => {
  it('stores a web push subscription and answers as the docs show', async () => {
    const { call, login, state } = cubeFixture();
    const { token, user } = await login('alice');
    const created = await call('POST', '/subscriptions', { token, body: WEB_SUBSCRIPTION });
    expect(created).toMatchObject({
      status: 201,
      body: [
        {
          subscription: {
            id: expect.any(Number),
            notification_channel: { name: 'web' },
            device: { udid: 'cube-contacts-ext-1', platform: { name: 'web' } },
          },
        },
      ],
    });
    expect(state.subscriptions(user.id)).toMatchObject([
      { pushToken: WEB_SUBSCRIPTION.push_token },
    ]);
    // Subscribing the same device again replaces the subscription.
    await call('POST', '/subscriptions', { token, body: WEB_SUBSCRIPTION });
    const listed = await call('GET', '/subscriptions', { token });
    expect(listed.body).toHaveLength(1);
    const id = (listed.body as { subscription: { id: number } }[])[0]?.subscription.id;
    expect((await call('DELETE', `/subscriptions/${id}`, { token })).status).toBe(200);
    expect((await call('DELETE', `/subscriptions/${id}`, { token })).status).toBe(404);
    expect(state.subscriptions()).toEqual([]);
  });

  it.each([
    ['an unknown channel', { notification_channel: 'pigeon' }, 'notification_channel'],
    ['no push_token', { push_token: undefined }, 'push_token'],
    [
      'a web token without keys',
      { push_token: { environment: 'production', web_endpoint: 'https://x.test/1' } },
      'web_auth',
    ],
    [
      'a bad environment',
      { push_token: { ...WEB_SUBSCRIPTION.push_token, environment: 'staging' } },
      'environment',
    ],
    ['no device udid', { device: { platform: 'web' } }, 'udid'],
    [
      'a standard-base64 p256dh (with + / and = padding)',
      { push_token: { ...WEB_SUBSCRIPTION.push_token, web_p256dh: standard(P256DH) } },
      'web_p256dh',
    ],
    [
      'a standard-base64 auth (with = padding)',
      { push_token: { ...WEB_SUBSCRIPTION.push_token, web_auth: standard(AUTH) } },
      'web_auth',
    ],
    [
      'a p256dh of the wrong size',
      { push_token: { ...WEB_SUBSCRIPTION.push_token, web_p256dh: P256DH.slice(0, 86) } },
      'web_p256dh',
    ],
    [
      'an auth of the wrong size',
      { push_token: { ...WEB_SUBSCRIPTION.push_token, web_auth: `${AUTH}AA` } },
      'web_auth',
    ],
    [
      'a p256dh wrapped over two lines',
      {
        push_token: {
          ...WEB_SUBSCRIPTION.push_token,
          web_p256dh: `${P256DH.slice(0, 40)}\n${P256DH.slice(40)}`,
        },
      },
      'web_p256dh',
    ],
    [
      'an endpoint that is not a URL',
      { push_token: { ...WEB_SUBSCRIPTION.push_token, web_endpoint: 'nope' } },
      'web_endpoint',
    ],
  ])('refuses %s with 422', async (_, override, field) => {
    const { call, login } = cubeFixture();
    const { token } = await login('alice');
    const answer = await call('POST', '/subscriptions', {
      token,
      body: { ...WEB_SUBSCRIPTION, ...override },
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ errors: { [field]: [expect.any(String)] } });
  });

  it('checks the Web Push keys: base64url without padding, 65-byte p256dh, 16-byte auth', async () => {
    const { call, login, state } = cubeFixture();
    const { token } = await login('alice');
    expect(standard(P256DH)).toMatch(/[+/]/);
    expect(standard(AUTH)).toMatch(/=$/);
    const answer = await call('POST', '/subscriptions', {
      token,
      body: {
        ...WEB_SUBSCRIPTION,
        push_token: {
          ...WEB_SUBSCRIPTION.push_token,
          web_auth: standard(AUTH),
          web_p256dh: standard(P256DH),
        },
      },
    });
    expect(answer).toMatchObject({
      status: 422,
      body: {
        errors: {
          web_auth: ['is invalid: must be base64url without padding (only A-Z, a-z, 0-9, - and _)'],
          web_p256dh: [
            'is invalid: must be base64url without padding (only A-Z, a-z, 0-9, - and _)',
          ],
        },
      },
    });
    const short = await call('POST', '/subscriptions', {
      token,
      body: {
        ...WEB_SUBSCRIPTION,
        push_token: { ...WEB_SUBSCRIPTION.push_token, web_p256dh: P256DH.slice(0, 86) },
      },
    });
    expect(short.body).toEqual({
      errors: { web_p256dh: ['is invalid: must decode to 65 bytes (got 64)'] },
    });
    expect(state.subscriptions()).toEqual([]);
    // Mobile channels carry no Web Push keys: nothing to check there.
    const mobile = await call('POST', '/subscriptions', {
      token,
      body: {
        notification_channel: 'gcm',
        device: { platform: 'android', udid: 'phone-1' },
        push_token: { environment: 'production', client_identification_sequence: 'fcm-token' },
      },
    });
    expect(mobile.status).toBe(201);
  });

  it("lists and deletes only the session user's subscriptions; the control API sees the rest", async () => {
    const { call, login, state, fetch } = cubeFixture();
    const alice = await login('alice');
    const bob = await login('bob');
    const subscribe = async (token: string, udid: string) => {
      const answer = await call('POST', '/subscriptions', {
        token,
        body: { ...WEB_SUBSCRIPTION, device: { platform: 'web', udid } },
      });
      return (answer.body as { subscription: { id: number } }[])[0]?.subscription.id ?? 0;
    };
    const aliceFirst = await subscribe(alice.token, 'browser-1');
    const aliceSecond = await subscribe(alice.token, 'browser-2');
    const bobs = await subscribe(bob.token, 'browser-1');

    const listed = await call('GET', '/subscriptions.json', { token: alice.token });
    expect(listed).toMatchObject({ status: 200 });
    expect(listed.body).toEqual(
      [
        [aliceFirst, 'browser-1'],
        [aliceSecond, 'browser-2'],
      ].map(([id, udid]) => ({
        subscription: {
          id,
          notification_channel: { name: 'web' },
          device: { udid, platform: { name: 'web' } },
        },
      })),
    );
    // Someone else's subscription is as unknown as a made-up id.
    for (const id of [bobs, 999_999, 'nope']) {
      expect(await call('DELETE', `/subscriptions/${id}`, { token: alice.token })).toMatchObject({
        status: 404,
        body: { errors: { base: ['Subscription not found'] } },
      });
    }
    const deleted = await call('DELETE', `/subscriptions/${aliceFirst}.json`, {
      token: alice.token,
    });
    expect(deleted).toEqual({ status: 200, headers: expect.anything(), body: undefined });

    const control = new CubeControl(CUBE, fetch);
    expect((await control.subscriptions()).map((item) => item.id)).toEqual([aliceSecond, bobs]);
    expect(await control.subscriptions(alice.user.id)).toEqual([
      expect.objectContaining({
        id: aliceSecond,
        udid: 'browser-2',
        pushToken: WEB_SUBSCRIPTION.push_token,
      }),
    ]);
    expect(state.subscriptions(bob.user.id)).toHaveLength(1);
  });

  it('records a "contact joined" push for every book holding the new user phone', async () => {
    const { call, login, state } = cubeFixture();
    const { token, user } = await login('alice');
    await call('POST', '/subscriptions', { token, body: WEB_SUBSCRIPTION });
    await call('POST', '/address_book', {
      token,
      body: { udid: 'ext', contacts: [{ name: 'Bob', phone: '12125550143' }] },
    });
    const bob = state.registerUser({ login: 'bob', password: 'pw', phone: '12125550143' });
    expect(state.joinEvents).toEqual([
      {
        time: expect.any(Number),
        applicationId: state.defaultApp.applicationId,
        toUserId: user.id,
        udid: 'ext',
        joinedUserId: bob.id,
        phone: '12125550143',
        addressBookName: 'Bob',
        subscriptionIds: [state.subscriptions(user.id)[0]?.id],
      },
    ]);
  });
});
