import { describe, expect, it } from 'vitest';
import { ControlError, CubeControl } from '../../sandbox/control.ts';
import { CUBE, cubeFixture } from './fixtures.ts';

const MISSING = { errors: { base: ['Required session does not exist'] } };
const VALID_KEYS = {
  web_p256dh: Buffer.alloc(65, 4).toString('base64url'),
  web_auth: Buffer.alloc(16, 9).toString('base64url'),
};

describe('connectycube sandbox: users created on the fly', () => {
  it('refuses an unknown login by default (401) and creates nobody', async () => {
    const { call, app, state } = cubeFixture();
    const answer = await call('POST', '/session', {
      body: {
        application_id: app.applicationId,
        auth_key: app.authKey,
        user: { login: 'typo', password: 'pw-12345' },
      },
    });
    expect(answer).toEqual({
      status: 401,
      headers: expect.anything(),
      body: { errors: { base: ['Unauthorized'] } },
    });
    expect(state.listUsers()).toEqual([]);
  });

  it('when switched on through the control API, signs an unknown login into a new account', async () => {
    const { call, app, state, fetch, clock } = cubeFixture();
    const control = new CubeControl(CUBE, fetch);
    expect(await control.setCreateUsersOnSession(true)).toMatchObject({
      applicationId: app.applicationId,
      createUsersOnSession: true,
    });
    clock.advance(90_000);
    const signIn = (user: Record<string, string>) =>
      call('POST', '/session', {
        body: { application_id: app.applicationId, auth_key: app.authKey, user },
      });

    const created = await signIn({ login: 'typo', password: 'pw-12345' });
    expect(created.status).toBe(201);
    const session = (created.body as { session: { user_id: number; user: unknown } }).session;
    expect(session.user).toMatchObject({
      id: session.user_id,
      login: 'typo',
      email: null,
      created_at: '2026-11-01T10:01:30Z',
      last_request_at: '2026-11-01T10:01:30Z',
    });
    expect(state.users.get(session.user_id)?.password).toBe('pw-12345');
    // The account exists now: its password is checked like any other.
    expect((await signIn({ login: 'TYPO', password: 'pw-12345' })).status).toBe(201);
    expect((await signIn({ login: 'typo', password: 'other' })).status).toBe(401);
    // By email as well.
    const byEmail = await signIn({ email: 'new@example.com', password: 'pw-2' });
    expect(byEmail.body).toMatchObject({ session: { user: { email: 'new@example.com' } } });

    await control.setCreateUsersOnSession(false);
    expect((await signIn({ login: 'another', password: 'pw' })).status).toBe(401);
    expect(state.listUsers().map((user) => user.login ?? user.email)).toEqual([
      'typo',
      'new@example.com',
    ]);
  });

  it('switches one application only, and 404s an unknown one', async () => {
    const { fetch, state } = cubeFixture();
    const control = new CubeControl(CUBE, fetch);
    const other = await control.addApp();
    expect(await control.updateApp(other.applicationId, { createUsersOnSession: true })).toEqual({
      ...other,
      createUsersOnSession: true,
    });
    expect(state.defaultApp.createUsersOnSession).toBe(false);
    await expect(control.updateApp('999', { createUsersOnSession: true })).rejects.toEqual(
      new ControlError(404, 'no application 999', { error: 'no application 999' }),
    );
  });
});

describe('connectycube sandbox: DELETE /users/{id}', () => {
  it('deletes the signed-in user and everything of theirs; others keep theirs', async () => {
    const { call, login, state } = cubeFixture();
    const alice = await login('alice', '12125550143');
    const bob = await login('bob');
    for (const { token } of [alice, bob]) {
      await call('POST', '/address_book', {
        token,
        body: { contacts: [{ name: 'Someone', phone: '447700900123' }] },
      });
      await call('POST', '/subscriptions', {
        token,
        body: {
          notification_channel: 'web',
          device: { platform: 'web', udid: 'browser-1' },
          push_token: {
            environment: 'production',
            web_endpoint: 'https://push.example/1',
            ...VALID_KEYS,
          },
        },
      });
    }
    await call('POST', '/address_book', {
      token: bob.token,
      body: { contacts: [{ name: 'Alice', phone: '12125550143' }] },
    });
    expect(state.registeredUsers(bob.user.id, undefined, true)).toHaveLength(1);

    const deleted = await call('DELETE', `/users/${alice.user.id}.json`, { token: alice.token });
    expect(deleted).toEqual({ status: 200, headers: expect.anything(), body: undefined });
    expect(state.users.get(alice.user.id)).toBeUndefined();
    expect(state.book(alice.user.id)).toEqual([]);
    expect(state.subscriptions(alice.user.id)).toEqual([]);
    expect(state.sessions.list().map((session) => session.userId)).toEqual([bob.user.id]);
    expect(await call('GET', '/session', { token: alice.token })).toMatchObject({
      status: 401,
      body: MISSING,
    });
    // Bob is untouched, and Alice is no longer a registered user in his book.
    expect(state.book(bob.user.id)).toHaveLength(2);
    expect(state.subscriptions(bob.user.id)).toHaveLength(1);
    expect(state.registeredUsers(bob.user.id, undefined, true)).toEqual([]);
  });

  it("refuses another user's id (403), an unknown id (404) and an application session (403)", async () => {
    const { call, login, app, state } = cubeFixture();
    const alice = await login('alice');
    const bob = await login('bob');
    expect(await call('DELETE', `/users/${bob.user.id}`, { token: alice.token })).toMatchObject({
      status: 403,
      body: {
        errors: { base: ["You don't have appropriate permissions to perform this operation"] },
      },
    });
    for (const id of ['424242', 'me']) {
      expect(await call('DELETE', `/users/${id}`, { token: alice.token })).toMatchObject({
        status: 404,
        body: { errors: { base: ['Entity you are looking for was not found.'] } },
      });
    }
    const appSession = await call('POST', '/session', {
      body: { application_id: app.applicationId, auth_key: app.authKey },
    });
    const appToken = (appSession.body as { session: { token: string } }).session.token;
    expect(await call('DELETE', `/users/${bob.user.id}`, { token: appToken })).toMatchObject({
      status: 403,
      body: { errors: { base: ['Forbidden. Need user.'] } },
    });
    expect(await call('DELETE', `/users/${bob.user.id}`)).toMatchObject({
      status: 401,
      body: MISSING,
    });
    expect(await call('GET', `/users/${bob.user.id}`, { token: bob.token })).toMatchObject({
      status: 404,
    });
    expect(state.listUsers()).toHaveLength(2);
  });
});
