import { describe, expect, it } from 'vitest';
import { createCubeClient } from '@/lib/connectycube/client';
import { profilesQuery } from '@/lib/connectycube/profiles-query';
import { createdBySignIn } from '@/lib/connectycube/on-the-fly';
import {
  CubeAccountChangedError,
  CubeApiError,
  CubeSessionEndedError,
  CubeSignedOutError,
} from '@/lib/connectycube/errors';
import type { CubeAccount } from '@/lib/connectycube/types';
import { MissingUdidError } from '@/lib/sync/ports';
import { CubeState, ManualClock, createCubeHandler, inProcessFetch } from '../../sandbox/index.ts';
import { fakeNet } from '../fake-net.ts';

function setup() {
  const clock = new ManualClock();
  const cube = new CubeState({ now: clock.now });
  const owner = cube.registerUser({ login: 'owner', password: 'owner-pass', phone: '19995550000' });
  // An account made just before the sign-in would look made by it (on the fly).
  clock.advance(5 * 60_000);
  let stored: CubeAccount | null = null;
  const net = fakeNet(inProcessFetch(createCubeHandler(cube)), clock.now);
  const client = createCubeClient({
    store: { get: async () => stored, set: async (a) => void (stored = a) },
    net,
    now: clock.now,
  });
  const credentials = {
    endpoint: 'https://cube.example',
    applicationId: cube.defaultApp.applicationId,
    authKey: cube.defaultApp.authKey,
    login: 'owner',
    password: 'owner-pass',
  };
  return { clock, cube, owner, client, credentials, stored: () => stored };
}

describe('ConnectyCube client', () => {
  it('signs in, uploads, reads the book and the registered users', async () => {
    const { client, credentials, cube, owner } = setup();
    const account = await client.signIn(credentials, true);
    expect(account.user.login).toBe('owner');
    cube.registerUser({
      login: 'amy',
      password: 'amy-pass-1',
      full_name: 'Amy',
      phone: '12125550101',
    });
    const result = await client.upload({
      udid: 'device-1',
      contacts: [
        { phone: '12125550101', name: 'Amy Pond' },
        { phone: '123', name: 'Too short' },
      ],
    });
    expect(result).toMatchObject({ created: 1, updated: 0, deleted: 0 });
    expect(result.rejected['1']?.[0]).toMatch(/Length of 'phone'/);
    expect(await client.book('device-1')).toEqual({
      items: [{ phone: '12125550101', name: 'Amy Pond' }],
      dropped: 0,
    });
    expect(cube.book(owner.id)).toEqual([]);
    const amy = cube.listUsers().find((u) => u.login === 'amy');
    // Compact: the check downloads ids and names only.
    expect(await client.registeredUsers('device-1')).toEqual({
      items: [{ id: amy?.id, phone: '12125550101', addressBookName: 'Amy Pond' }],
      dropped: 0,
    });
    expect(cube.log.entries.at(-1)).toMatchObject({
      path: '/address_book/registered_users',
      query: { compact: '1', udid: 'device-1' },
    });
    expect((await client.profiles([amy?.id ?? 0])).items).toEqual([
      { id: amy?.id, fullName: 'Amy', login: 'amy', avatar: null, createdAt: amy?.created_at },
    ]);
  });

  it('fetches profiles by id in requests of at most 100, as the SDK encodes getV2', async () => {
    const { client, credentials, cube } = setup();
    await client.signIn(credentials, true);
    const ids = Array.from(
      { length: 230 },
      (_, i) => cube.registerUser({ login: `user${i}`, password: 'pw', full_name: `User ${i}` }).id,
    );
    cube.log.clear();
    // Duplicates asked once; an id the server does not have is simply absent.
    const { items: profiles } = await client.profiles([...ids, ids[0] ?? 0, 999_999]);
    expect(profiles.map((p) => p.id)).toEqual(ids);
    expect(profiles[5]).toMatchObject({ login: 'user5', fullName: 'User 5' });
    const requests = cube.log.entries.map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(requests).toEqual(Array(3).fill('GET /users/v2 200'));
    const asked = cube.log.entries.map((e) => e.search.split('&'));
    expect(asked.map((pairs) => pairs.filter((p) => p.startsWith('id[in][]=')).length)).toEqual([
      100, 100, 31,
    ]);
    expect(asked.every((pairs) => pairs.includes('limit=100'))).toBe(true);
    expect(profilesQuery([10, 9, 100])).toBe('id[in][]=10&id[in][]=100&id[in][]=9&limit=100');

    cube.log.clear();
    expect(await client.profiles([])).toEqual({ items: [], dropped: 0 });
    expect(cube.log.entries).toEqual([]);
  });

  it('a failed profile request fails the call (after its retries)', async () => {
    const { client, credentials, cube } = setup();
    await client.signIn(credentials, true);
    cube.injectFault('/users/v2', Array(10).fill({ kind: 'drop' }), 'GET');
    await expect(client.profiles([1, 2])).rejects.toThrow();
  });

  it('never forces a book without a udid, and refuses a blank udid (it would name the shared book)', async () => {
    const { client, credentials, cube, owner } = setup();
    await client.signIn(credentials, true);
    cube.upload(owner.id, [{ phone: '12125550101', name: 'The phone app put me here' }], {});
    cube.log.clear();
    const contacts = [{ phone: '12125550102', name: 'Ada' }];
    await expect(client.upload({ force: true, contacts })).rejects.toBeInstanceOf(MissingUdidError);
    await expect(client.upload({ udid: ' ', force: true, contacts })).rejects.toBeInstanceOf(
      MissingUdidError,
    );
    await expect(client.upload({ udid: '', contacts })).rejects.toBeInstanceOf(MissingUdidError);
    await expect(client.book('')).rejects.toBeInstanceOf(MissingUdidError);
    await expect(client.registeredUsers(' ')).rejects.toBeInstanceOf(MissingUdidError);
    expect(cube.log.entries).toEqual([]);
    expect(cube.book(owner.id)).toEqual([
      { phone: '12125550101', name: 'The phone app put me here' },
    ]);
  });

  it('renews an expired session once and retries the call', async () => {
    const { client, credentials, cube, clock, stored } = setup();
    await client.signIn(credentials, true);
    const firstToken = stored()?.token;
    clock.advance(2 * 60 * 60 * 1000 + 1);
    await client.upload({ contacts: [{ phone: '12125550102', name: 'Rory' }] });
    expect(stored()?.token).not.toBe(firstToken);
    expect(cube.log.entries.map((e) => `${e.method} ${e.path} ${e.status}`).slice(-3)).toEqual([
      'POST /address_book 401',
      'POST /session 201',
      'POST /address_book 200',
    ]);
  });

  it('shows the server message for a wrong password and stores nothing', async () => {
    const { client, credentials, stored } = setup();
    const error = await client
      .signIn({ ...credentials, password: 'nope' }, true)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CubeApiError);
    expect((error as CubeApiError).status).toBe(401);
    expect((error as CubeApiError).message.length).toBeGreaterThan(0);
    expect(stored()).toBeNull();
  });

  it('renews only once: a second "session does not exist" is an error, not a loop', async () => {
    const { client, credentials, cube } = setup();
    await client.signIn(credentials, true);
    const gone = { errors: { base: ['Required session does not exist'] } };
    cube.injectFault('/address_book/registered_users', [
      { kind: 'status', status: 401, body: gone },
      { kind: 'status', status: 401, body: gone },
    ]);
    cube.log.clear();
    await expect(client.registeredUsers(undefined)).rejects.toMatchObject({
      name: 'CubeApiError',
      status: 401,
      message: 'Required session does not exist',
    });
    expect(cube.log.entries.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'GET /address_book/registered_users 401',
      'POST /session 201',
      'GET /address_book/registered_users 401',
    ]);
  });

  it('refuses to work signed out, and signing out destroys the session', async () => {
    const { client, credentials, cube } = setup();
    await expect(client.registeredUsers(undefined)).rejects.toBeInstanceOf(CubeSignedOutError);
    await client.signIn(credentials, true);
    await client.signOut();
    expect(cube.log.entries.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/session',
      status: 200,
    });
  });

  it('detects an account the sign-in created on the fly, and deletes it on request', async () => {
    const { client, credentials, cube, stored } = setup();
    cube.updateApp(cube.defaultApp.applicationId, { createUsersOnSession: true });
    const account = await client.signIn({ ...credentials, login: 'ownr' }, true);
    expect(account.state).toBe('confirm-new');
    expect(cube.listUsers().map((u) => u.login)).toContain('ownr');
    await client.deleteAccount(account.user.id);
    expect(cube.listUsers().map((u) => u.login)).not.toContain('ownr');
    expect(stored()).toBeNull();
    expect(cube.log.entries.slice(-2).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      `DELETE /users/${account.user.id} 200`,
      'DELETE /session 401',
    ]);
    // An existing account is just signed in to.
    expect((await client.signIn(credentials, true)).state).toBe('active');
  });

  it('keeps or deletes only the account asked about, and only while it waits for that answer', async () => {
    const { client, credentials, cube, owner, stored } = setup();
    cube.updateApp(cube.defaultApp.applicationId, { createUsersOnSession: true });
    const created = await client.signIn({ ...credentials, login: 'ownr' }, true);
    cube.log.clear();
    await expect(client.deleteAccount(owner.id)).rejects.toBeInstanceOf(CubeAccountChangedError);
    await expect(client.keepAccount(owner.id)).rejects.toBeInstanceOf(CubeAccountChangedError);
    expect(stored()?.state).toBe('confirm-new');
    await client.keepAccount(created.user.id);
    // Kept: no longer waiting, so a late "Delete it" for it sends nothing.
    await expect(client.deleteAccount(created.user.id)).rejects.toBeInstanceOf(
      CubeAccountChangedError,
    );
    // Signed in to the real account: the id of the one created before deletes nothing.
    await client.signIn(credentials, true);
    cube.log.clear();
    await expect(client.deleteAccount(created.user.id)).rejects.toBeInstanceOf(
      CubeAccountChangedError,
    );
    await client.signOut();
    await expect(client.deleteAccount(created.user.id)).rejects.toBeInstanceOf(
      CubeAccountChangedError,
    );
    expect(cube.log.entries.map((e) => `${e.method} ${e.path}`)).toEqual(['DELETE /session']);
    expect(cube.listUsers().map((u) => u.login)).toEqual(['owner', 'ownr']);
  });

  it('the on-the-fly rule: created within a minute of the session', () => {
    const session = '2026-12-01T08:00:30Z';
    expect(createdBySignIn({ created_at: '2026-12-01T08:00:30Z' }, session, 0)).toBe(true);
    expect(createdBySignIn({ created_at: '2026-12-01T07:59:45Z' }, session, 0)).toBe(true);
    expect(createdBySignIn({ created_at: '2026-12-01T07:58:00Z' }, session, 0)).toBe(false);
    expect(createdBySignIn({ created_at: null }, session, 0)).toBe(false);
    // No session time in the answer: the sign-in's own clock.
    const now = Date.parse('2026-12-01T08:00:40Z');
    expect(createdBySignIn({ created_at: '2026-12-01T08:00:30Z' }, undefined, now)).toBe(true);
  });

  it('without a kept password, an ended session asks the user instead of renewing', async () => {
    const { client, credentials, clock, stored } = setup();
    const account = await client.signIn(credentials, false);
    expect(account.credentials).not.toHaveProperty('password');
    expect(JSON.stringify(stored())).not.toContain(credentials.password);
    clock.advance(2 * 60 * 60 * 1000 + 1);
    await expect(client.registeredUsers(undefined)).rejects.toBeInstanceOf(CubeSessionEndedError);
    expect(stored()?.token).toBeUndefined();
  });

  const pushBody = (udid: string) => ({
    notification_channel: 'web' as const,
    device: { platform: 'web' as const, udid },
    push_token: {
      environment: 'production' as const,
      web_endpoint: `https://push.example/${udid}`,
      web_auth: 'AAAAAAAAAAAAAAAAAAAAAA',
      web_p256dh: `B${'A'.repeat(86)}`,
    },
  });

  it("deletes this device's push subscriptions, and only those", async () => {
    const { client, credentials, cube, owner } = setup();
    await client.signIn(credentials, true);
    await client.subscribe(pushBody('this-browser'));
    await client.subscribe(pushBody('the-phone'));
    expect(await client.unsubscribe('this-browser')).toEqual({ deleted: 1, dropped: 0 });
    const left = cube.subscriptions().filter((s) => s.userId === owner.id);
    expect(left.map((s) => s.udid)).toEqual(['the-phone']);
    // Nothing left of ours: nothing to do, no error.
    await expect(client.unsubscribe('this-browser')).resolves.toEqual({ deleted: 0, dropped: 0 });
  });

  it('puts only positive integer ids in a DELETE path: a hostile list deletes nothing else', async () => {
    const { client, credentials, cube, owner } = setup();
    await client.signIn(credentials, true);
    await client.subscribe(pushBody('this-browser'));
    const [ours] = cube.subscriptions(owner.id);
    const device = { udid: 'this-browser' };
    const hostile = [
      // Resolved as a URL, `/subscriptions/1/../../users/<id>` is `DELETE /users/<id>`: the account.
      { subscription: { id: `1/../../users/${owner.id}`, device } },
      { subscription: { id: `${ours?.id}?x=1`, device } },
      { subscription: { id: String(ours?.id), device } },
      { subscription: { id: -5, device } },
      { subscription: { id: 0, device } },
      { subscription: { id: 1.5, device } },
      { subscription: { id: 2 ** 53, device } },
      { subscription: { id: null, device } },
      { subscription: 'oops' },
      null,
      { subscription: { id: ours?.id, device } },
    ];
    cube.injectFault('/subscriptions', [{ kind: 'json', body: hostile }], 'GET');
    cube.log.clear();
    expect(await client.unsubscribe('this-browser')).toEqual({ deleted: 1, dropped: 10 });
    expect(cube.log.entries.filter((e) => e.method === 'DELETE').map((e) => e.path)).toEqual([
      `/subscriptions/${ours?.id}`,
    ]);
    expect(cube.listUsers().map((u) => u.id)).toContain(owner.id);
    expect(cube.subscriptions(owner.id)).toEqual([]);
  });

  it('a subscriptions answer that is not a list fails, deleting nothing', async () => {
    const { client, credentials, cube } = setup();
    await client.signIn(credentials, true);
    cube.injectFault('/subscriptions', [{ kind: 'json', body: { items: [] } }], 'GET');
    await expect(client.unsubscribe('this-browser')).rejects.toThrow(/subscriptions is not a list/);
  });
});
