import { describe, expect, it } from 'vitest';
import { GoogleControl } from '../../sandbox/control.ts';
import {
  DEFAULT_ACCOUNT_EMAIL,
  SCOPE_CONTACTS_READONLY,
  SCOPE_EMAIL,
  SCOPE_OTHER_READONLY,
} from '../../sandbox/google-state.ts';
import { GOOGLE, googleFixture } from './fixtures.ts';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const ME = '/v1/people/me?personFields=emailAddresses';
const CONNECTIONS = '/v1/people/me/connections?personFields=names';
const OTHERS = '/v1/otherContacts?readMask=names';

/** Runs the implicit flow and returns the redirect fragment's parameters. */
async function authorize(
  fetch: typeof globalThis.fetch,
  params: Record<string, string>,
): Promise<Record<string, string>> {
  const query = new URLSearchParams({
    client_id: 'sandbox-client.apps.googleusercontent.com',
    redirect_uri: REDIRECT,
    response_type: 'token',
    state: 's1',
    ...params,
  });
  const response = await fetch(`${GOOGLE}/o/oauth2/v2/auth?${query}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('Location') ?? '');
  return Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
}

function revoke(fetch: typeof globalThis.fetch, token: string) {
  return fetch(`${GOOGLE}/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
}

describe('google sandbox: POST /revoke', () => {
  it('revokes a token (200 {}), after which the People API answers 401 for it', async () => {
    const { fetch, get, token, state } = googleFixture();
    const other = state.issueToken([SCOPE_CONTACTS_READONLY]).accessToken;
    const response = await revoke(fetch, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(await response.json()).toEqual({});
    const after = await get(CONNECTIONS);
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    // Only that token: another one still works.
    expect((await get(CONNECTIONS, `Bearer ${other}`)).status).toBe(200);
    expect(state.log.entries.find((entry) => entry.path === '/revoke')).toMatchObject({
      method: 'POST',
      status: 200,
    });
  });

  it('answers 400 invalid_token for an unknown, already revoked or expired token', async () => {
    const { fetch, token, state, clock } = googleFixture();
    const expired = state.issueToken([SCOPE_CONTACTS_READONLY]).accessToken;
    await revoke(fetch, token);
    clock.advance(3_600_000);
    for (const value of ['ya29.never-issued', token, expired]) {
      const response = await revoke(fetch, value);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: 'invalid_token',
        error_description: 'Token expired or revoked',
      });
    }
  });

  it('takes the token from the query string too, and 400s a request without one', async () => {
    const { fetch, token, get } = googleFixture();
    const json = await fetch(`${GOOGLE}/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Bad Request',
    });
    expect((await get(CONNECTIONS)).status).toBe(200);
    const byQuery = await fetch(`${GOOGLE}/revoke?token=${encodeURIComponent(token)}`, {
      method: 'POST',
    });
    expect(byQuery.status).toBe(200);
    expect((await get(CONNECTIONS)).status).toBe(401);
  });
});

describe('google sandbox: granted scopes', () => {
  it('grants a subset when the user unticks a scope, and the token carries only that', async () => {
    const { fetch, get, state } = googleFixture();
    const control = new GoogleControl(GOOGLE, fetch);
    expect(await control.refuseScopes([SCOPE_OTHER_READONLY])).toEqual({
      refuse: [SCOPE_OTHER_READONLY],
      once: false,
    });
    const asked = `${SCOPE_CONTACTS_READONLY} ${SCOPE_OTHER_READONLY}`;
    const fragment = await authorize(fetch, { scope: asked });
    expect(fragment).toMatchObject({ scope: SCOPE_CONTACTS_READONLY, state: 's1' });
    const bearer = `Bearer ${fragment.access_token}`;
    expect((await get(CONNECTIONS, bearer)).status).toBe(200);
    const others = await get(OTHERS, bearer);
    expect(others.status).toBe(403);
    expect(others.body.error).toMatchObject({
      code: 403,
      status: 'PERMISSION_DENIED',
      details: [{ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }],
    });
    // Until told otherwise, every authorization is answered that way.
    expect((await authorize(fetch, { scope: asked })).scope).toBe(SCOPE_CONTACTS_READONLY);
    await control.grantAllScopes();
    expect((await authorize(fetch, { scope: asked })).scope).toBe(asked);
    expect(state.auth.grantRule).toEqual({ refuse: [], once: false });
  });

  it('with `once`, refuses on the next consent only; refusing everything is access_denied', async () => {
    const { fetch, state } = googleFixture();
    state.refuseScopes([SCOPE_CONTACTS_READONLY], { once: true });
    expect(await authorize(fetch, { scope: SCOPE_CONTACTS_READONLY })).toEqual({
      error: 'access_denied',
      state: 's1',
    });
    expect((await authorize(fetch, { scope: SCOPE_CONTACTS_READONLY })).scope).toBe(
      SCOPE_CONTACTS_READONLY,
    );
  });

  it('refuses an authorization URL without a scope with the 400 page', async () => {
    const { fetch } = googleFixture();
    const response = await fetch(
      `${GOOGLE}/o/oauth2/v2/auth?client_id=c&redirect_uri=${REDIRECT}&response_type=token`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Missing required parameter: scope/);
  });
});

describe('google sandbox: the connected account (people/me, login_hint)', () => {
  it('accepts the `email` scope, grants it under its URL name, and people/me shows the email', async () => {
    const { fetch, get } = googleFixture();
    const fragment = await authorize(fetch, { scope: `${SCOPE_CONTACTS_READONLY} email` });
    expect(fragment.scope).toBe(`${SCOPE_CONTACTS_READONLY} ${SCOPE_EMAIL}`);
    const me = await get(ME, `Bearer ${fragment.access_token}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      resourceName: expect.stringMatching(/^people\/1\d{20}$/),
      etag: expect.stringMatching(/^%Eg/),
      emailAddresses: [
        {
          metadata: expect.objectContaining({ primary: true, verified: true }),
          value: DEFAULT_ACCOUNT_EMAIL,
        },
      ],
    });
  });

  it('leaves the email out without the email scope, 403s without any profile scope', async () => {
    const { get, state } = googleFixture();
    // The fixture's default token has contacts.readonly only: people.get works, no email.
    const contactsOnly = await get(ME);
    expect(contactsOnly.status).toBe(200);
    expect(contactsOnly.body).toEqual({
      resourceName: expect.stringMatching(/^people\/1\d{20}$/),
      etag: expect.any(String),
    });
    const otherOnly = state.issueToken([SCOPE_OTHER_READONLY]).accessToken;
    const denied = await get(ME, `Bearer ${otherOnly}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ status: 'PERMISSION_DENIED' });
    expect((await get(ME, 'Bearer ya29.nope')).status).toBe(401);
    const missingMask = await get(
      '/v1/people/me',
      `Bearer ${state.issueToken(['email']).accessToken}`,
    );
    expect(missingMask.status).toBe(400);
    expect(missingMask.body.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
  });

  it('reports the email set through the control API', async () => {
    const { fetch, get, state } = googleFixture();
    const control = new GoogleControl(GOOGLE, fetch);
    const before = await control.account();
    expect(before.email).toBe(DEFAULT_ACCOUNT_EMAIL);
    const after = await control.setAccountEmail('someone.else@example.org');
    expect(after).toEqual({ email: 'someone.else@example.org', id: expect.any(String) });
    expect(after.id).not.toBe(before.id);
    const token = state.issueToken([SCOPE_EMAIL]).accessToken;
    const me = await get(ME, `Bearer ${token}`);
    expect(me.body).toMatchObject({
      resourceName: `people/${after.id}`,
      emailAddresses: [{ value: 'someone.else@example.org' }],
    });
  });

  it('login_hint: a silent request for another account is interaction_required', async () => {
    const { fetch, state } = googleFixture();
    const scope = SCOPE_CONTACTS_READONLY;
    const silent = { scope, prompt: 'none' };
    expect(await authorize(fetch, { ...silent, login_hint: 'other@example.com' })).toEqual({
      error: 'interaction_required',
      state: 's1',
    });
    // The connected account (any case) renews silently; an interactive request always goes on.
    const hinted = await authorize(fetch, { ...silent, login_hint: 'Sandbox.User@example.com' });
    expect(hinted.access_token).toEqual(expect.any(String));
    const interactive = await authorize(fetch, { scope, login_hint: 'other@example.com' });
    expect(interactive.access_token).toEqual(expect.any(String));
    // The request log keeps the authorization URL's query, so a test can see the hint was sent.
    expect(
      state.log.entries
        .filter((entry) => entry.path === '/o/oauth2/v2/auth')
        .map((entry) => [entry.query.login_hint, entry.query.prompt]),
    ).toEqual([
      ['other@example.com', 'none'],
      ['Sandbox.User@example.com', 'none'],
      ['other@example.com', undefined],
    ]);
  });
});

describe('google sandbox: several accounts', () => {
  const people = async (get: ReturnType<typeof googleFixture>['get'], token: string) => {
    const { status, body } = await get(`${CONNECTIONS}&requestSyncToken=true`, `Bearer ${token}`);
    expect(status).toBe(200);
    const names = ((body.connections ?? []) as { names: { displayName: string }[] }[]).map(
      (person) => person.names[0]?.displayName,
    );
    return { names, syncToken: String(body.nextSyncToken) };
  };

  it("each account has its own contacts, and a token reads its own account's", async () => {
    const { get, state, token: home } = googleFixture();
    const homeId = state.auth.accountId;
    state.addPerson({ displayName: 'Alice Home' });
    state.addOtherContact({ displayName: 'Carol Mailed' });
    state.setAccountEmail('ana@work.example');
    // The work account has nobody yet; what is added now is its own.
    expect(state.listPeople()).toEqual([]);
    state.addPerson({ displayName: 'Bob Work' });
    const work = state.issueToken([
      SCOPE_CONTACTS_READONLY,
      SCOPE_OTHER_READONLY,
      SCOPE_EMAIL,
    ]).accessToken;
    expect((await people(get, work)).names).toEqual(['Bob Work']);
    // The token issued before is still the first account's.
    expect((await people(get, home)).names).toEqual(['Alice Home']);
    expect((await get(OTHERS, `Bearer ${work}`)).body.otherContacts).toBeUndefined();
    expect((await get(ME, `Bearer ${home}`)).body.resourceName).toBe(`people/${homeId}`);
    expect((await get(ME, `Bearer ${work}`)).body).toMatchObject({
      resourceName: `people/${state.auth.accountId}`,
      emailAddresses: [{ value: 'ana@work.example' }],
    });
    expect(state.auth.accountId).not.toBe(homeId);
    // Signing the first account in again finds its contacts.
    state.setAccountEmail(DEFAULT_ACCOUNT_EMAIL);
    expect(state.listPeople().map((p) => p.names?.[0]?.displayName)).toEqual(['Alice Home']);
  });

  it("refuses another account's sync and page tokens as invalid", async () => {
    const { get, state, token: home } = googleFixture();
    state.addPeople([{ displayName: 'Alice Home' }, { displayName: 'Alan Home' }]);
    const { syncToken } = await people(get, home);
    const paged = await get(`${CONNECTIONS}&pageSize=1`, `Bearer ${home}`);
    const pageToken = String(paged.body.nextPageToken);
    state.setAccountEmail('ana@work.example');
    const work = state.issueToken([SCOPE_CONTACTS_READONLY]).accessToken;
    const bySync = await get(`${CONNECTIONS}&syncToken=${syncToken}`, `Bearer ${work}`);
    expect(bySync.status).toBe(400);
    expect(bySync.body.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
    const byPage = await get(`${CONNECTIONS}&pageSize=1&pageToken=${pageToken}`, `Bearer ${work}`);
    expect(byPage.status).toBe(400);
    expect(byPage.body.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
    // Its own account still takes them.
    expect((await get(`${CONNECTIONS}&syncToken=${syncToken}`, `Bearer ${home}`)).status).toBe(200);
  });
});
