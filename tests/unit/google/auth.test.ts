import { describe, expect, it } from 'vitest';
import {
  createGoogleAuth,
  grantedScopes,
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
  const revoked: string[] = [];
  const auth = createGoogleAuth({
    flow: sandboxFlow(google, calls),
    clientId: 'client-1',
    authUrl: 'https://accounts.example/o/oauth2/v2/auth',
    store: { get: async () => stored, set: async (a) => void (stored = a) },
    now: clock.now,
    newState: () => `state-${++states}`,
    // people/me at the sandbox: the token's own account.
    accountIdentity: async (token) => {
      const me = google.me(`Bearer ${token}`, new URLSearchParams('personFields=emailAddresses'));
      const id = (me.json as { resourceName?: string } | undefined)?.resourceName;
      return id ? { id } : {};
    },
    // POST /revoke at the sandbox: whether Google agreed (an expired token is a 400).
    revoke: async (token) => {
      revoked.push(token);
      return google.revokeToken(token);
    },
  });
  return { clock, google, auth, calls, revoked, stored: () => stored };
}

describe('Google sign-in (implicit flow through launchWebAuthFlow)', () => {
  it('connects interactively with the contacts scope only, then serves the token', async () => {
    const { auth, calls } = setup();
    const account = await auth.connect(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.interactive).toBe(true);
    expect(calls[0]?.url.searchParams.get('scope')).toBe(
      'https://www.googleapis.com/auth/contacts.readonly email',
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
      'email',
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

  // A renewal without the email scope has no login_hint: Google answers for whichever account the
  // browser is signed in to, maybe another one than the user connected.
  it('a silent renewal that answers for another Google account is not used: it needs a reconnect', async () => {
    const { auth, calls, clock, google, stored } = setup();
    google.refuseScopes(['email']);
    const first = await auth.connect(false);
    expect(first.email).toBeUndefined();
    google.setAccountEmail('work@example.com');
    clock.advance(3_600_000);
    await expect(auth.token()).rejects.toBeInstanceOf(NeedsReconnectError);
    expect(calls[1]?.url.searchParams.get('login_hint')).toBeNull();
    expect(stored()).toMatchObject({ id: first.id, needsReconnect: true });
    expect(stored()?.accessToken).toBeUndefined();
  });

  it('a disconnect never revokes the grant of another account a silent renewal answered for', async () => {
    const { auth, clock, google, revoked } = setup();
    google.refuseScopes(['email']);
    await auth.connect(false);
    google.setAccountEmail('work@example.com');
    clock.advance(3_600_000);
    expect(await auth.disconnect()).toBe('failed');
    expect(revoked).toEqual([]);
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

  it('disconnects with a live token: revokes it, opens no flow', async () => {
    const { auth, calls, revoked, stored, google } = setup();
    const account = await auth.connect(false);
    expect(await auth.disconnect()).toBe('revoked');
    expect(revoked).toEqual([account.accessToken]);
    expect(google.auth.liveToken(account.accessToken)).toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(stored()).toBeNull();
    expect(await auth.disconnect()).toBe('not-connected');
  });

  it('disconnects with an expired token: renews it silently, then revokes the fresh one', async () => {
    const { auth, calls, clock, revoked, stored, google } = setup();
    const first = await auth.connect(false);
    clock.advance(3_600_000);
    expect(await auth.disconnect()).toBe('revoked');
    // An expired token revoked nothing at Google: a fresh one, asked for without a window, did.
    expect(calls[1]).toMatchObject({ interactive: false });
    expect(calls[1]?.url.searchParams.get('prompt')).toBe('none');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).not.toBe(first.accessToken);
    expect(google.auth.liveToken(revoked[0])).toBeUndefined();
    expect(stored()).toBeNull();
  });

  it('says when the access may stay at Google: no silent renewal, or Google refused', async () => {
    const { auth, calls, clock, google, revoked, stored } = setup();
    await auth.connect(false);
    clock.advance(3_600_000);
    google.setAuthMode('deny-silent');
    expect(await auth.disconnect()).toBe('failed');
    expect(revoked).toEqual([]);
    expect(calls.filter((c) => c.interactive)).toHaveLength(1);
    expect(stored()).toBeNull();

    // A token Google no longer knows (revoked elsewhere) is refused: the user is told too.
    google.setAuthMode('approve');
    const again = await auth.connect(false);
    google.revokeToken(again.accessToken!);
    expect(await auth.disconnect()).toBe('failed');
  });

  it('an account waiting for a reconnect (no token) is renewed silently to be revoked', async () => {
    const { auth, clock, google, revoked, stored } = setup();
    await auth.connect(false);
    google.setAuthMode('deny-silent');
    clock.advance(3_600_000);
    await expect(auth.token()).rejects.toBeInstanceOf(NeedsReconnectError);
    expect(stored()?.accessToken).toBeUndefined();
    google.setAuthMode('approve');
    expect(await auth.disconnect()).toBe('revoked');
    expect(revoked).toHaveLength(1);
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

/** A consent screen on which the user granted only `granted` (Google's granular consent). */
function grantingFlow(granted: string, calls: URL[]): WebAuthFlow {
  return {
    redirectUrl: () => REDIRECT,
    async launch(url) {
      const parsed = new URL(url);
      calls.push(parsed);
      const state = parsed.searchParams.get('state') ?? '';
      const scope = encodeURIComponent(granted);
      return `${REDIRECT}#access_token=tok-${calls.length}&expires_in=3599&scope=${scope}&state=${state}`;
    },
  };
}

function grantingSetup(granted: string) {
  let stored: GoogleAccount | null = null;
  const calls: URL[] = [];
  const revoked: string[] = [];
  let now = 0;
  const auth = createGoogleAuth({
    flow: grantingFlow(granted, calls),
    clientId: 'client-1',
    authUrl: 'https://accounts.example/o/oauth2/v2/auth',
    store: { get: async () => stored, set: async (a) => void (stored = a) },
    now: () => now,
    newState: () => `s-${calls.length}`,
    accountIdentity: async () => ({ id: 'people/1001', email: 'ana@example.com' }),
    revoke: async (token) => {
      revoked.push(token);
      return true;
    },
  });
  return { auth, calls, revoked, stored: () => stored, advance: (ms: number) => (now += ms) };
}

describe('Google scopes as granted, the account, and revocation', () => {
  const CONTACTS = 'https://www.googleapis.com/auth/contacts.readonly';
  const OTHER = 'https://www.googleapis.com/auth/contacts.other.readonly';

  it('reads the scopes Google granted, not those asked for', () => {
    expect(grantedScopes(`${CONTACTS}  https://www.googleapis.com/auth/userinfo.email`)).toEqual([
      CONTACTS,
      'email',
    ]);
    const parsed = parseRedirect(`${REDIRECT}#access_token=t&state=s&scope=${CONTACTS}`, 's', 0);
    expect(parsed.scopes).toEqual([CONTACTS]);
  });

  it('records "other contacts" as refused when unticked, and renews without it for that email', async () => {
    const { auth, calls, stored, advance } = grantingSetup(`${CONTACTS} email`);
    const account = await auth.connect(true);
    expect(account.scopes).toEqual([CONTACTS, 'email']);
    expect(account.refusedScopes).toEqual([OTHER]);
    expect(account.email).toBe('ana@example.com');
    expect(account.id).toBe('people/1001');
    advance(3_600_000);
    await auth.token();
    const renewal = calls[1];
    expect(renewal?.searchParams.get('scope')).toBe(`${CONTACTS} email`);
    expect(renewal?.searchParams.get('login_hint')).toBe('ana@example.com');
    expect(renewal?.searchParams.get('prompt')).toBe('none');
    expect(stored()?.email).toBe('ana@example.com');
  });

  it('without the email scope, the account is still known by its id, never by an email', async () => {
    const { auth, stored } = grantingSetup(CONTACTS);
    const account = await auth.connect(false);
    expect(account.id).toBe('people/1001');
    expect(account.email).toBeUndefined();
    expect(stored()?.id).toBe('people/1001');
  });

  it('after opting out of a scope, renewals no longer ask for it', async () => {
    const { auth, calls, advance } = grantingSetup(`${CONTACTS} ${OTHER} email`);
    await auth.connect(true);
    await auth.dropScope(OTHER);
    advance(3_600_000);
    await auth.token();
    expect(calls[1]?.searchParams.get('scope')).toBe(`${CONTACTS} email`);
  });

  it('refuses a grant without the contacts themselves, and gives that token back', async () => {
    const { auth, revoked, stored } = grantingSetup('email');
    await expect(auth.connect(false)).rejects.toThrow('contacts_not_granted');
    expect(revoked).toEqual(['tok-1']);
    expect(stored()).toBeNull();
  });

  it('disconnect revokes the token and forgets the account', async () => {
    const { auth, revoked, stored } = grantingSetup(`${CONTACTS} email`);
    await auth.connect(false);
    await auth.disconnect();
    expect(revoked).toEqual(['tok-1']);
    expect(stored()).toBeNull();
  });
});
