import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, signSession } from '../../sandbox/cube-sessions.ts';
import { cubeFixture } from './fixtures.ts';

const MISSING = { errors: { base: ['Required session does not exist'] } };

describe('connectycube sandbox: sessions', () => {
  it('creates a user session (201) with the documented shape, by login or email', async () => {
    const { state, call, app } = cubeFixture();
    state.registerUser({
      login: 'john',
      email: 'john@example.com',
      password: 'secret-1',
      full_name: 'John Smith',
      phone: '380665787842',
    });
    for (const user of [
      { login: 'john', password: 'secret-1' },
      { email: 'JOHN@example.com', password: 'secret-1' },
    ]) {
      const { status, body } = await call('POST', '/session', {
        body: { application_id: app.applicationId, auth_key: app.authKey, user },
      });
      expect(status).toBe(201);
      expect(body).toEqual({
        session: {
          id: expect.any(Number),
          user_id: expect.any(Number),
          application_id: Number(app.applicationId),
          token: expect.stringMatching(/^[0-9a-f]{40}$/),
          ts: expect.any(Number),
          created_at: '2026-11-01T10:00:00Z',
          updated_at: '2026-11-01T10:00:00Z',
          nonce: expect.any(Number),
          user: expect.objectContaining({
            login: 'john',
            full_name: 'John Smith',
            phone: '380665787842',
            email: 'john@example.com',
          }),
        },
      });
      expect(JSON.stringify(body)).not.toContain('secret-1');
    }
  });

  it.each([
    ['wrong auth key', { auth_key: 'nope' }, 401, { errors: { base: ['Unexpected signature'] } }],
    [
      'unknown application',
      { application_id: '999' },
      401,
      { errors: { base: ['Unexpected signature'] } },
    ],
    [
      'wrong password',
      { user: { login: 'john', password: 'wrong' } },
      401,
      { errors: { base: ['Unauthorized'] } },
    ],
    [
      'unknown login',
      { user: { login: 'nobody', password: 'x' } },
      401,
      { errors: { base: ['Unauthorized'] } },
    ],
    [
      'no application_id',
      { application_id: undefined },
      422,
      { errors: { application_id: ["can't be blank"] } },
    ],
    ['no auth_key', { auth_key: '' }, 422, { errors: { auth_key: ["can't be blank"] } }],
    ['no password', { user: { login: 'john' } }, 422, { errors: { password: ["can't be blank"] } }],
    [
      'no login nor email',
      { user: { password: 'secret-1' } },
      422,
      { errors: { login: ["can't be blank"] } },
    ],
    [
      'a bad signature',
      { signature: 'deadbeef', nonce: 1, timestamp: 1 },
      401,
      { errors: { base: ['Unexpected signature'] } },
    ],
  ])('refuses %s', async (_, override, status, body) => {
    const { state, call, app } = cubeFixture();
    state.registerUser({ login: 'john', password: 'secret-1' });
    const request = {
      application_id: app.applicationId,
      auth_key: app.authKey,
      user: { login: 'john', password: 'secret-1' },
      ...override,
    };
    const answer = await call('POST', '/session', { body: request });
    expect(answer).toMatchObject({ status, body });
  });

  it('accepts the legacy signed form when the signature is right', async () => {
    const { state, call, app } = cubeFixture();
    state.registerUser({ login: 'john', password: 'secret-1' });
    const request = {
      application_id: app.applicationId,
      auth_key: app.authKey,
      nonce: 42,
      timestamp: 1700000000,
      user: { login: 'john', password: 'secret-1' },
    };
    const { status, body } = await call('POST', '/session', {
      body: { ...request, signature: signSession(request, app.authSecret) },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ session: { nonce: 42 } });
  });

  it('answers GET /session, and DELETE /session invalidates the token', async () => {
    const { call, login } = cubeFixture();
    const { token, user } = await login('alice');
    expect(await call('GET', '/session', { token })).toMatchObject({
      status: 200,
      body: { session: { token, user_id: user.id } },
    });
    expect((await call('DELETE', '/session', { token })).status).toBe(200);
    expect(await call('GET', '/session', { token })).toEqual(
      expect.objectContaining({ status: 401, body: MISSING }),
    );
  });

  it.each([
    ['no CB-Token', undefined],
    ['an unknown token', 'f'.repeat(40)],
  ])('answers 401 "Required session does not exist" with %s', async (_, token) => {
    const { call } = cubeFixture();
    for (const [method, path] of [
      ['GET', '/address_book'],
      ['POST', '/address_book'],
      ['GET', '/address_book/registered_users'],
      ['GET', '/session'],
    ]) {
      const answer = await call(method ?? 'GET', path ?? '/', {
        ...(token ? { token } : {}),
        ...(method === 'POST' ? { body: { contacts: [] } } : {}),
      });
      expect(answer).toMatchObject({ status: 401, body: MISSING });
    }
  });

  it('keeps a token alive for 2 hours after its last request (sliding window)', async () => {
    const { call, login, clock } = cubeFixture();
    const { token } = await login('alice');
    for (let i = 0; i < 5; i++) {
      clock.advance(SESSION_IDLE_MS - 1000);
      expect((await call('GET', '/address_book', { token })).status).toBe(200);
    }
    clock.advance(SESSION_IDLE_MS);
    expect(await call('GET', '/address_book', { token })).toMatchObject({
      status: 401,
      body: MISSING,
    });
  });

  it('a failed request still prolongs the session', async () => {
    const { call, login, clock } = cubeFixture();
    const { token } = await login('alice');
    clock.advance(SESSION_IDLE_MS - 1);
    expect(
      (await call('POST', '/address_book', { token, body: { contacts: 'nope' } })).status,
    ).toBe(422);
    clock.advance(SESSION_IDLE_MS - 1);
    expect((await call('GET', '/address_book', { token })).status).toBe(200);
  });

  it('expireSessions() invalidates every token', async () => {
    const { call, login, state } = cubeFixture();
    const { token } = await login('alice');
    state.expireSessions();
    expect(await call('GET', '/address_book', { token })).toMatchObject({
      status: 401,
      body: MISSING,
    });
  });

  it('an application session (no user) cannot use the address book', async () => {
    const { call, app } = cubeFixture();
    const created = await call('POST', '/session', {
      body: { application_id: app.applicationId, auth_key: app.authKey },
    });
    expect(created).toMatchObject({ status: 201, body: { session: { user_id: 0 } } });
    const token = (created.body as { session: { token: string } }).session.token;
    expect(await call('GET', '/address_book', { token })).toMatchObject({
      status: 403,
      body: { errors: { base: ['Forbidden. Need user.'] } },
    });
  });

  it('creates the user on the fly only when the application allows it', async () => {
    const { state, call } = cubeFixture();
    const open = state.addApp({ createUsersOnSession: true });
    const body = {
      application_id: open.applicationId,
      auth_key: open.authKey,
      user: { login: 'newbie', password: 'pw-12345' },
    };
    expect((await call('POST', '/session', { body })).status).toBe(201);
    expect(state.listUsers(open.applicationId).map((user) => user.login)).toEqual(['newbie']);
    // The default app denies it, as the docs recommend.
    expect(state.defaultApp.createUsersOnSession).toBe(false);
  });

  it('routes the SDK form (`.json` suffix) like the bare path, and 404s unknown routes', async () => {
    const { call, login } = cubeFixture();
    const { token } = await login('alice');
    expect((await call('GET', '/session.json', { token })).status).toBe(200);
    expect(await call('GET', '/users/me', { token })).toMatchObject({
      status: 404,
      body: { errors: { base: ['Not found'] } },
    });
    expect(await call('PUT', '/address_book', { token, body: {} })).toMatchObject({ status: 404 });
  });
});
