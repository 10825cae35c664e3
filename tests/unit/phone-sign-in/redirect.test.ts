import { describe, expect, it } from 'vitest';
import { allowedRedirect, readRequest, redirectWithTokens } from '@/phone-sign-in/redirect';

const ALLOWED = [
  'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  'https://*.extensions.allizom.org/',
];

describe('allowedRedirect', () => {
  it.each([
    'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
    'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/phone',
    'https://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP.chromiumapp.org/', // normalised to lower case
    'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/',
    'https://0123456789abcdef.extensions.allizom.org/cb?x=1',
  ])('accepts %s', (url) => {
    expect(allowedRedirect(url, ALLOWED)?.href).toBe(new URL(url).href);
  });

  it.each([
    ['another extension', 'https://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.chromiumapp.org/'],
    ['a look-alike host', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.example/'],
    ['user info', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org@evil.example/'],
    ['two labels for the wildcard', 'https://a.b.extensions.allizom.org/'],
    ['the wildcard domain itself', 'https://extensions.allizom.org/'],
    ['plain http', 'http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/'],
    ['a fragment of its own', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/#x'],
    ['a relative URL', '/phone'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['nothing', ''],
  ])('refuses %s', (_, url) => {
    expect(allowedRedirect(url, ALLOWED)).toBeUndefined();
  });

  it('refuses everything when built with no prefix', () => {
    expect(allowedRedirect(ALLOWED[0] ?? '', [])).toBeUndefined();
  });
});

describe('readRequest', () => {
  it('reads redirect_uri and state from the query', () => {
    const request = readRequest(
      `?redirect_uri=${encodeURIComponent(ALLOWED[0] ?? '')}&state=a%26b`,
      ALLOWED,
    );
    expect(request).toMatchObject({ kind: 'ok', state: 'a&b' });
  });

  it('refuses a redirect it was not built for before looking at the state', () => {
    expect(readRequest('?redirect_uri=https%3A%2F%2Fevil.example%2F&state=s', ALLOWED)).toEqual({
      kind: 'error',
      reason: 'bad-redirect',
    });
    expect(readRequest('?state=s', ALLOWED)).toEqual({ kind: 'error', reason: 'bad-redirect' });
  });

  it('refuses a request without a state', () => {
    const redirect = encodeURIComponent(ALLOWED[0] ?? '');
    for (const search of [`?redirect_uri=${redirect}`, `?redirect_uri=${redirect}&state=`]) {
      expect(readRequest(search, ALLOWED)).toEqual({ kind: 'error', reason: 'missing-state' });
    }
  });
});

describe('redirectWithTokens', () => {
  it('puts the tokens and the state in the fragment, URL-encoded, never in the query', () => {
    const url = redirectWithTokens(new URL('https://id.chromiumapp.org/cb?keep=1'), {
      idToken: 'eyJ.a-b_c.',
      refreshToken: 'r/t+=',
      state: 'a&b=c #d',
    });
    expect(url).toBe(
      'https://id.chromiumapp.org/cb?keep=1#id_token=eyJ.a-b_c.&refresh_token=r%2Ft%2B%3D&state=a%26b%3Dc%20%23d',
    );
    const fragment = new URLSearchParams(new URL(url).hash.slice(1));
    expect(Object.fromEntries(fragment)).toEqual({
      id_token: 'eyJ.a-b_c.',
      refresh_token: 'r/t+=',
      state: 'a&b=c #d',
    });
    expect(new URL(url).search).toBe('?keep=1');
  });
});
