import { describe, expect, it } from 'vitest';
import { cubeFixture } from './fixtures.ts';

const WEB_SUBSCRIPTION = {
  notification_channel: 'web',
  device: { platform: 'web', udid: 'cube-contacts-ext-1' },
  push_token: {
    environment: 'production',
    web_endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def',
    web_auth: 'auth-secret',
    web_p256dh: 'BNcRd-p256dh-key',
  },
};

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
