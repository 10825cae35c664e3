// A client nobody here wrote: the official `connectycube` SDK (6.x, Node build, node-fetch) against
// the sandbox over real HTTP. `endpoints.api_url` replaces `https://${endpoints.api}` as the base
// URL (Utils.getUrl), so a plain-http sandbox works; the SDK appends `.json` to every route.

import ConnectyCube from 'connectycube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profilesQuery } from '@/lib/connectycube/profiles-query';
import { NEEDS_PRIMARY_FILTER } from '../../sandbox/cube-users-query.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';

let sandbox: Sandbox;
let demoId = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: true });
  demoId = sandbox.cubeUser?.id ?? 0;
  ConnectyCube.init(
    { appId: sandbox.cubeApp.applicationId, authKey: sandbox.cubeApp.authKey },
    {
      endpoints: { api: 'unused.invalid', chat: 'unused.invalid', api_url: sandbox.cubeUrl },
      debug: { mode: 0 },
    },
  );
});
afterAll(() => sandbox.close());

describe('the official connectycube SDK against the sandbox', () => {
  it('creates a session, uploads a book, reads it back and finds registered users', async () => {
    const session = await ConnectyCube.createSession({ login: 'demo', password: 'demo-password' });
    expect(session).toMatchObject({
      user_id: demoId,
      token: expect.stringMatching(/^[0-9a-f]{40}$/),
    });

    const uploaded = await ConnectyCube.addressbook.uploadAddressBook(
      [
        { name: 'Gordie Kann', phone: '12125550143' },
        { name: 'Halldor Kun', phone: '447700900123' },
        { name: 'Too short', phone: '555' },
      ],
      { udid: 'sdk-device', force: 1 },
    );
    expect(uploaded).toEqual({
      deleted: 0,
      rejected: { '2': ["Length of 'phone' field should be min: 10 and max: 15."] },
      created: 2,
      updated: 0,
    });

    expect(await ConnectyCube.addressbook.get('sdk-device')).toEqual([
      { phone: '12125550143', name: 'Gordie Kann' },
      { phone: '447700900123', name: 'Halldor Kun' },
    ]);
    // Without a udid: the global book the seeded "phone app" filled, untouched.
    expect(await ConnectyCube.addressbook.get()).toHaveLength(2);

    const compact = await ConnectyCube.addressbook.getRegisteredUsers({
      udid: 'sdk-device',
      compact: 1,
    });
    expect(
      compact.items.map(
        (item) =>
          (item as unknown as { user: { address_book_name: string } }).user.address_book_name,
      ),
    ).toEqual(['Gordie Kann', 'Halldor Kun']);
    const full = await ConnectyCube.addressbook.getRegisteredUsers({
      udid: 'sdk-device',
      compact: 0,
    });
    expect(full.items[0]).toMatchObject({
      user: { login: 'gordie', full_name: 'Gordie Kann', address_book_name: 'Gordie Kann' },
    });
    // The boolean form reads the global book: Dacia is there, from the demo user's phone.
    const global = await ConnectyCube.addressbook.getRegisteredUsers(true);
    expect(global.items).toEqual([
      {
        user: {
          id: expect.any(Number),
          phone: '61412675500',
          address_book_name: 'Dacia (from phone)',
        },
      },
    ]);

    const log = sandbox.cube.log.entries.map(
      (entry) => `${entry.method} ${entry.path} ${entry.status}`,
    );
    expect(log).toEqual([
      'POST /session 201',
      'POST /address_book 200',
      'GET /address_book 200',
      'GET /address_book 200',
      'GET /address_book/registered_users 200',
      'GET /address_book/registered_users 200',
      'GET /address_book/registered_users 200',
    ]);
  });

  it('reads profiles by id with users.getV2, sent exactly as the extension sends them', async () => {
    await ConnectyCube.createSession({ login: 'demo', password: 'demo-password' });
    const ids = Object.values(sandbox.seed?.registeredUserIds ?? {}).sort((a, b) => b - a);
    expect(ids.length).toBeGreaterThan(1);
    sandbox.cube.log.clear();
    const answer = await ConnectyCube.users.getV2({ id: { in: ids }, limit: 100 });
    const ascending = [...ids].sort((a, b) => a - b);
    expect(answer).toEqual({
      limit: 100,
      skip: 0,
      total_entries: ids.length,
      items: ascending.map((id) => expect.objectContaining({ id, created_at: expect.any(String) })),
    });
    const [entry] = sandbox.cube.log.entries;
    expect(entry).toMatchObject({ method: 'GET', path: '/users/v2', status: 200 });
    // The SDK's own encoding (`id[in][]=…&limit=100`, pairs sorted) is the extension's, byte for byte.
    expect(entry?.search).toBe(profilesQuery(ids));

    const page = await ConnectyCube.users.getV2({ id: { in: ids }, limit: 1, offset: 1 });
    expect(page).toMatchObject({ limit: 1, skip: 1, total_entries: ids.length });
    expect(page.items.map((user) => user.id)).toEqual([ascending[1]]);
    await expect(ConnectyCube.users.getV2({ login: { nin: ['admin19'] } })).rejects.toEqual({
      code: 422,
      info: { errors: { base: [NEEDS_PRIMARY_FILTER] } },
    });
  });

  it('sees the server errors the way the SDK reports them', async () => {
    await expect(ConnectyCube.createSession({ login: 'demo', password: 'wrong' })).rejects.toEqual({
      code: 401,
      info: { errors: { base: ['Unauthorized'] } },
    });
    await ConnectyCube.createSession({ login: 'demo', password: 'demo-password' });
    sandbox.cube.expireSessions();
    await expect(ConnectyCube.addressbook.get()).rejects.toEqual({
      code: 401,
      info: { errors: { base: ['Required session does not exist'] } },
    });
  });

  it('signs a new login up on the fly, manages web push subscriptions, deletes the account', async () => {
    const appId = sandbox.cubeApp.applicationId;
    sandbox.cube.updateApp(appId, { createUsersOnSession: true });
    try {
      const session = await ConnectyCube.createSession({ login: 'sdk-newcomer', password: 'pw-1' });
      expect(session.user).toMatchObject({ id: session.user_id, login: 'sdk-newcomer' });
      const userId = session.user_id;

      // What `PushSubscription.toJSON().keys` gives: base64url, no padding.
      const keys = {
        web_p256dh: Buffer.alloc(65, 4).toString('base64url'),
        web_auth: Buffer.alloc(16, 0xfb).toString('base64url'),
      };
      const params = {
        notification_channel: 'web',
        device: { platform: 'web', udid: 'sdk-browser' },
        push_token: { environment: 'production', web_endpoint: 'https://push.example/1', ...keys },
      };
      const subscriptions = ConnectyCube.pushnotifications.subscriptions;
      // The SDK's types promise one subscription; the server (and this sandbox) answer an array.
      const created: unknown = await subscriptions.create(params);
      const [first] = created as { subscription: { id: number } }[];
      expect(first?.subscription.id).toEqual(expect.any(Number));
      // `btoa` output (standard base64, `+/` and `=` padding) is refused with the field named.
      const standardAuth = Buffer.from(keys.web_auth, 'base64url').toString('base64');
      await expect(
        subscriptions.create({
          ...params,
          device: { platform: 'web', udid: 'sdk-browser-2' },
          push_token: { ...params.push_token, web_auth: standardAuth },
        }),
      ).rejects.toEqual({ code: 422, info: { errors: { web_auth: [expect.any(String)] } } });

      expect(await subscriptions.list()).toEqual([
        {
          subscription: {
            id: first?.subscription.id,
            notification_channel: { name: 'web' },
            device: { udid: 'sdk-browser', platform: { name: 'web' } },
          },
        },
      ]);
      await subscriptions.delete(first?.subscription.id ?? 0);
      expect(await subscriptions.list()).toEqual([]);
      await expect(subscriptions.delete(first?.subscription.id ?? 0)).rejects.toMatchObject({
        code: 404,
      });

      await subscriptions.create(params);
      await ConnectyCube.users.delete();
      expect(sandbox.cube.users.get(userId)).toBeUndefined();
      expect(sandbox.cube.subscriptions(userId)).toEqual([]);
      await expect(ConnectyCube.getSession()).rejects.toEqual({
        code: 401,
        info: { errors: { base: ['Required session does not exist'] } },
      });
      const routes = sandbox.cube.log.entries.map((entry) => `${entry.method} ${entry.path}`);
      expect(routes).toContain(`DELETE /users/${userId}`);
      expect(routes).toContain(`DELETE /subscriptions/${first?.subscription.id}`);
    } finally {
      sandbox.cube.updateApp(appId, { createUsersOnSession: false });
    }
  });

  it('reads and destroys its session', async () => {
    const session = await ConnectyCube.createSession({ login: 'demo', password: 'demo-password' });
    expect(await ConnectyCube.getSession()).toMatchObject({
      token: session.token,
      user: { login: 'demo' },
    });
    await ConnectyCube.destroySession();
    expect(sandbox.cube.sessions.list().some((item) => item.token === session.token)).toBe(false);
  });
});
