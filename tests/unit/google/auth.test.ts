import { describe, expect, it } from 'vitest';
import {
  createGoogleAuth,
  parseRedirect,
  type GoogleAccount,
  type WebAuthFlow,
} from '@/lib/google/auth';
import { NeedsReconnectError } from '@/lib/google/errors';
import { GoogleState, ManualClock } from '../../sandbox/index.ts';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';

/** launchWebAuthFlow over the sandbox's authorization endpoint, recording what it was asked. */
function sandboxFlow(
  google: GoogleState,
  calls: { url: URL; interactive: boolean }[],
): WebAuthFlow {
  return {
    redirectUrl: () => REDIRECT,
    async launch(url, interactive) {
      const parsed = new URL(url);
      calls.push({ url: parsed, interactive });
      const result = google.authorize(parsed.searchParams);
      const location = result.headers?.Location;
      if (result.status !== 302 || !location)
        throw new Error('Authorization page could not be loaded.');
      return location;
    },
  };
}

function setup() {
  const clock = new ManualClock();
  const google = new GoogleState({ now: clock.now });
  let stored: GoogleAccount | null = null;
  const calls: { url: URL; interactive: boolean }[] = [];
  let states = 0;
  const auth = createGoogleAuth({
    flow: sandboxFlow(google, calls),
    clientId: 'client-1',
    authUrl: 'https://accounts.example/o/oauth2/v2/auth',
    store: { get: async () => stored, set: async (a) => void (stored = a) },
    now: clock.now,
    newState: () => `state-${++states}`,
  });
  return { clock, google, auth, calls, stored: () => stored };
}

describe('Google sign-in (implicit flow through launchWebAuthFlow)', () => {
  it('connects interactively with the contacts scope only, then serves the token', async () => {
    const { auth, calls } = setup();
    const account = await auth.connect(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.interactive).toBe(true);
    expect(calls[0]?.url.searchParams.get('scope')).toBe(
      'https://www.googleapis.com/auth/contacts.readonly',
    );
    expect(calls[0]?.url.searchParams.get('response_type')).toBe('token');
    expect(calls[0]?.url.searchParams.get('prompt')).toBeNull();
    expect(await auth.token()).toBe(account.accessToken);
    expect(calls).toHaveLength(1);
  });

  it('asks for "other contacts" only when the user opts in', async () => {
    const { auth, calls } = setup();
    await auth.connect(true);
    expect(calls[0]?.url.searchParams.get('scope')?.split(' ')).toEqual([
      'https://www.googleapis.com/auth/contacts.readonly',
      'https://www.googleapis.com/auth/contacts.other.readonly',
    ]);
  });

  it('renews silently (prompt=none, not interactive) when the token expires', async () => {
    const { auth, calls, clock } = setup();
    const first = await auth.connect(false);
    clock.advance(3_600_000);
    const renewed = await auth.token();
    expect(renewed).not.toBe(first.accessToken);
    expect(calls[1]).toMatchObject({ interactive: false });
    expect(calls[1]?.url.searchParams.get('prompt')).toBe('none');
  });

  it('marks the account "needs reconnect" when silent renewal fails, and never opens a window', async () => {
    const { auth, calls, clock, google, stored } = setup();
    await auth.connect(false);
    google.setAuthMode('deny-silent');
    clock.advance(3_600_000);
    await expect(auth.token()).rejects.toBeInstanceOf(NeedsReconnectError);
    expect(stored()?.needsReconnect).toBe(true);
    // Later calls fail at once: no more flows, interactive or not, until the user reconnects.
    await expect(auth.token()).rejects.toBeInstanceOf(NeedsReconnectError);
    expect(calls.filter((c) => c.interactive)).toHaveLength(1);
    expect(calls).toHaveLength(2);
    await auth.connect(false);
    expect(stored()?.needsReconnect).toBe(false);
  });

  it('refuses a denied consent and keeps nothing', async () => {
    const { auth, google, stored } = setup();
    google.setAuthMode('deny');
    await expect(auth.connect(false)).rejects.toThrow('access_denied');
    expect(stored()).toBeNull();
  });

  it.each([
    ['a state that is not ours', '#access_token=t&expires_in=3599&state=other', 'state_mismatch'],
    ['an error', '#error=interaction_required&state=s', 'interaction_required'],
    ['no token', '#state=s', 'no_access_token'],
  ])('rejects a redirect with %s', (_title, hash, message) => {
    expect(() => parseRedirect(`${REDIRECT}${hash}`, 's', 0)).toThrow(message);
  });
});
