import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN_LIFETIME_S,
  SCOPE_CONTACTS,
  SCOPE_CONTACTS_READONLY,
  type AuthMode,
} from '../../sandbox/google-state.ts';
import { GOOGLE, googleFixture } from './fixtures.ts';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const UNAUTHENTICATED = {
  error: {
    code: 401,
    message: expect.stringMatching(/^Request had invalid authentication credentials\. /),
    status: 'UNAUTHENTICATED',
  },
};

function authUrl(params: Record<string, string>): string {
  return `${GOOGLE}/o/oauth2/v2/auth?${new URLSearchParams(params)}`;
}

const VALID = {
  client_id: 'sandbox-client.apps.googleusercontent.com',
  redirect_uri: REDIRECT,
  response_type: 'token',
  scope: SCOPE_CONTACTS_READONLY,
  state: 'xyz',
};

describe('google sandbox: OAuth implicit flow', () => {
  it.each<[AuthMode, string | undefined, Record<string, string>]>([
    [
      'approve',
      undefined,
      { token_type: 'Bearer', expires_in: '3599', scope: SCOPE_CONTACTS_READONLY, state: 'xyz' },
    ],
    ['approve', 'none', { token_type: 'Bearer', state: 'xyz' }],
    ['deny', undefined, { error: 'access_denied', state: 'xyz' }],
    ['deny', 'none', { error: 'access_denied', state: 'xyz' }],
    ['deny-silent', undefined, { token_type: 'Bearer', state: 'xyz' }],
    ['deny-silent', 'none', { error: 'interaction_required', state: 'xyz' }],
  ])('mode %s, prompt=%s -> redirect fragment %o', async (mode, prompt, expected) => {
    const { state, fetch } = googleFixture();
    state.setAuthMode(mode);
    const response = await fetch(authUrl({ ...VALID, ...(prompt ? { prompt } : {}) }), {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('Location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    const fragment = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
    expect(fragment).toMatchObject(expected);
    expect('access_token' in fragment).toBe(!('error' in expected));
  });

  it('issues a token that works, with the scopes asked for, for 3599 s', async () => {
    const { fetch, get, clock } = googleFixture();
    const response = await fetch(authUrl(VALID));
    const fragment = new URLSearchParams(
      new URL(response.headers.get('Location') ?? '').hash.slice(1),
    );
    const bearer = `Bearer ${fragment.get('access_token')}`;
    const list = '/v1/people/me/connections?personFields=names';
    expect((await get(list, bearer)).status).toBe(200);
    expect((await get('/v1/otherContacts?readMask=names', bearer)).status).toBe(403);
    clock.advance(ACCESS_TOKEN_LIFETIME_S * 1000 - 1);
    expect((await get(list, bearer)).status).toBe(200);
    clock.advance(1);
    expect((await get(list, bearer)).status).toBe(401);
  });

  it.each([
    ['client_id', { client_id: '' }],
    ['redirect_uri', { redirect_uri: '' }],
    ['response_type', { response_type: 'code' }],
    ['redirect_uri (not a URL)', { redirect_uri: 'not a url' }],
  ])('refuses a request without a valid %s with a 400 page', async (_, override) => {
    const { fetch } = googleFixture();
    const response = await fetch(authUrl({ ...VALID, ...override }));
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/invalid_request/);
  });
});

describe('google sandbox: bearer tokens', () => {
  const LIST = '/v1/people/me/connections?personFields=names';

  it.each([
    ['no Authorization header', null],
    ['an unknown token', 'Bearer ya29.nope'],
    ['not a Bearer header', 'Basic dXNlcjpwYXNz'],
  ])('answers 401 UNAUTHENTICATED for %s', async (_, authorization) => {
    const { get } = googleFixture();
    const { status, body, headers } = await get(LIST, authorization);
    expect(status).toBe(401);
    expect(body).toEqual(UNAUTHENTICATED);
    expect(headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
  });

  it('answers 401 once tokens are revoked, and accepts access_token in the query', async () => {
    const { state, get, token } = googleFixture();
    expect((await get(`${LIST}&access_token=${token}`, null)).status).toBe(200);
    state.revokeTokens();
    expect((await get(LIST)).body).toEqual(UNAUTHENTICATED);
  });

  it('answers 403 PERMISSION_DENIED without a contacts scope, and accepts the full contacts scope', async () => {
    const { state, get } = googleFixture();
    const profileOnly = state.issueToken(['openid', 'email']).accessToken;
    const denied = await get(LIST, `Bearer ${profileOnly}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    const full = state.issueToken([SCOPE_CONTACTS]).accessToken;
    expect((await get(LIST, `Bearer ${full}`)).status).toBe(200);
  });
});
