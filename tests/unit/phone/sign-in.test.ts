// The extension's side of the hosted phone sign-in page: the request it opens (redirect_uri, a
// fresh state), the answer it takes (tokens in the fragment with the same state, nothing in the
// query), and a closed or failed window. The page's own side is tests/unit/phone-sign-in/.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, phoneSignInConfig, type BuildConfig } from '@/lib/config';
import type { WebAuthFlow } from '@/lib/google/auth';
import { idTokenPhone } from '@/lib/phone/firebase-token';
import {
  parsePhoneRedirect,
  phonePageUrl,
  PhoneSignInError,
  signInWithPhonePage,
} from '@/lib/phone/sign-in';
import { redirectWithTokens } from '../../../phone-sign-in/redirect.ts';
import { unsignedJwt } from '../sandbox/fixtures.ts';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const PAGE = 'https://signin.example.com/phone/';
const ID_TOKEN = unsignedJwt({
  aud: 'demo-cube-contacts',
  phone_number: '+14155550100',
  firebase: { sign_in_provider: 'phone' },
});

/** What the page sends back (its own function): the redirect with tokens and state in the fragment. */
const answer = (state: string, redirect = REDIRECT) =>
  redirectWithTokens(new URL(redirect), { idToken: ID_TOKEN, refreshToken: 'refresh-1', state });

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

describe('the page request', () => {
  it('names the redirect URL and the state, keeping the page URL as given', () => {
    const url = new URL(phonePageUrl(`${PAGE}?lang=de`, REDIRECT, 's-1'));
    expect(url.origin + url.pathname).toBe(PAGE);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      lang: 'de',
      redirect_uri: REDIRECT,
      state: 's-1',
    });
  });
});

describe('the page answer', () => {
  it('takes the tokens and the number from the fragment when the state is this request’s', () => {
    expect(parsePhoneRedirect(answer('s-1'), REDIRECT, 's-1')).toEqual({
      idToken: ID_TOKEN,
      refreshToken: 'refresh-1',
      phone: '+14155550100',
    });
  });

  it('refuses another state, a missing one, and another redirect URL', () => {
    for (const redirect of [
      answer('s-2'),
      answer('s-1').replace(/&state=[^&]*/, ''),
      answer('s-1', 'https://other.chromiumapp.org/'),
    ]) {
      const error = failure(() => parsePhoneRedirect(redirect, REDIRECT, 's-1'));
      expect(error).toBeInstanceOf(PhoneSignInError);
      expect((error as PhoneSignInError).reason).toBe('state-mismatch');
    }
  });

  it('refuses a token in the query, even with a right fragment', () => {
    const inQuery = `${REDIRECT}?id_token=${ID_TOKEN}#${new URL(answer('s-1')).hash.slice(1)}`;
    const error = failure(() => parsePhoneRedirect(inQuery, REDIRECT, 's-1'));
    expect(error).toMatchObject({ reason: 'bad-answer', detail: 'a token in the query' });
    const queryOnly = `${REDIRECT}?id_token=${ID_TOKEN}&refresh_token=r&state=s-1`;
    expect(failure(() => parsePhoneRedirect(queryOnly, REDIRECT, 's-1'))).toMatchObject({
      reason: 'bad-answer',
    });
  });

  it('refuses an answer without both tokens, or a token that names no number', () => {
    const noRefresh = `${REDIRECT}#id_token=${ID_TOKEN}&state=s-1`;
    expect(failure(() => parsePhoneRedirect(noRefresh, REDIRECT, 's-1'))).toMatchObject({
      reason: 'bad-answer',
      detail: 'no token',
    });
    const emailToken = unsignedJwt({ aud: 'p', email: 'a@example.com' });
    const noPhone = `${REDIRECT}#id_token=${emailToken}&refresh_token=r&state=s-1`;
    expect(failure(() => parsePhoneRedirect(noPhone, REDIRECT, 's-1'))).toMatchObject({
      reason: 'bad-answer',
    });
  });

  it('reads the number of an ID token only when it is E.164', () => {
    expect(idTokenPhone(ID_TOKEN)).toBe('+14155550100');
    expect(idTokenPhone(unsignedJwt({ phone_number: '4155550100' }))).toBeUndefined();
    expect(idTokenPhone('not-a-jwt')).toBeUndefined();
    expect(idTokenPhone('a.%%%.b')).toBeUndefined();
  });
});

describe('the sign-in window', () => {
  /** launchWebAuthFlow: `answer` plays the page (or the user closing it). */
  function flow(play: (url: URL) => string): WebAuthFlow & { opened: URL[] } {
    const opened: URL[] = [];
    return {
      opened,
      redirectUrl: () => REDIRECT,
      async launch(url, interactive) {
        expect(interactive).toBe(true);
        opened.push(new URL(url));
        return play(new URL(url));
      },
    };
  }
  let states = 0;
  const newState = () => `state-${++states}`;

  it('opens the page with the browser’s redirect URL and a new state each time', async () => {
    const f = flow((url) => answer(url.searchParams.get('state') ?? ''));
    const first = await signInWithPhonePage({ flow: f, pageUrl: PAGE, newState });
    await signInWithPhonePage({ flow: f, pageUrl: PAGE, newState });
    expect(first.phone).toBe('+14155550100');
    const [a, b] = f.opened;
    expect(a?.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(a?.searchParams.get('state')).not.toBe(b?.searchParams.get('state'));
  });

  it('an answer to an earlier request (its state) is refused', async () => {
    let previous = '';
    const f = flow((url) => {
      const replay = previous || (url.searchParams.get('state') ?? '');
      previous = url.searchParams.get('state') ?? '';
      return answer(replay);
    });
    await signInWithPhonePage({ flow: f, pageUrl: PAGE, newState });
    await expect(signInWithPhonePage({ flow: f, pageUrl: PAGE, newState })).rejects.toMatchObject({
      reason: 'state-mismatch',
    });
  });

  it.each([
    ['Chrome', 'The user did not approve access.'],
    ['Firefox', 'User cancelled or denied access.'],
  ])('a window closed in %s is "cancelled"', async (_browser, message) => {
    const f = flow(() => {
      throw new Error(message);
    });
    await expect(signInWithPhonePage({ flow: f, pageUrl: PAGE, newState })).rejects.toMatchObject({
      reason: 'cancelled',
    });
  });

  it('a page that could not load says so in the browser’s words', async () => {
    const f = flow(() => {
      throw new Error('Authorization page could not be loaded.');
    });
    await expect(signInWithPhonePage({ flow: f, pageUrl: PAGE, newState })).rejects.toMatchObject({
      reason: 'window-failed',
      detail: 'Authorization page could not be loaded.',
    });
  });
});

describe('what the build must have for phone sign-in', () => {
  const full: BuildConfig = {
    ...DEFAULT_CONFIG,
    cubeAppId: '7',
    cubeAuthKey: 'key',
    phoneSignInUrl: PAGE,
    firebaseProjectId: 'cube-app',
    firebaseApiKey: 'AIza-key',
  };

  it('the page, the Firebase project and key, and the built-in application', () => {
    expect(phoneSignInConfig(full)).toEqual({
      pageUrl: PAGE,
      projectId: 'cube-app',
      apiKey: 'AIza-key',
      emulatorUrl: '',
      app: { endpoint: DEFAULT_CONFIG.cubeApiUrl, applicationId: '7', authKey: 'key' },
    });
    for (const missing of [
      { phoneSignInUrl: '' },
      { firebaseProjectId: '' },
      { firebaseApiKey: '' },
      { cubeAppId: '' },
    ]) {
      expect(phoneSignInConfig({ ...full, ...missing })).toBeNull();
    }
  });

  it('an https page, or plain http on loopback only (the sandboxes)', () => {
    const loopback = 'http://127.0.0.1:4100/phone-sign-in/';
    expect(phoneSignInConfig({ ...full, phoneSignInUrl: loopback })?.pageUrl).toBe(loopback);
    expect(phoneSignInConfig({ ...full, phoneSignInUrl: 'http://signin.example.com/' })).toBeNull();
    expect(
      phoneSignInConfig({ ...full, firebaseAuthEmulatorUrl: 'http://emulator.example.com' }),
    ).toBeNull();
  });
});
