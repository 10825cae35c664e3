import type { GoogleIdentity } from './account.ts';
import type { TokenSource } from './people-client.ts';
import { NeedsReconnectError } from './errors.ts';

export const SCOPE_CONTACTS = 'https://www.googleapis.com/auth/contacts.readonly';
export const SCOPE_OTHER_CONTACTS = 'https://www.googleapis.com/auth/contacts.other.readonly';
/** The account's email, to name it on the options page and pin renewals to it (`login_hint`). */
export const SCOPE_EMAIL = 'email';

/** `identity.launchWebAuthFlow` behind an interface: the fake browser has no `identity`. */
export interface WebAuthFlow {
  launch(url: string, interactive: boolean): Promise<string>;
  redirectUrl(): string;
}

export interface GoogleAccount {
  accessToken?: string;
  expiresAt?: number;
  /** The scopes Google granted (the redirect's `scope`), not merely those asked for. */
  scopes: string[];
  /** Asked for at the last "Connect" and unticked by the user on Google's consent screen. */
  refusedScopes?: string[];
  email?: string;
  /**
   * The account's People id (`people/1…`): whose contacts these are, what consent is bound to.
   * Absent when Google did not say, and on accounts connected before it was asked for.
   */
  id?: string;
  /** Silent renewal failed: syncing waits until the user reconnects. */
  needsReconnect: boolean;
  connectedAt: number;
}

export interface GoogleAccountStore {
  get(): Promise<GoogleAccount | null>;
  set(account: GoogleAccount | null): Promise<void>;
}

export interface GoogleAuthOptions {
  flow: WebAuthFlow;
  clientId: string;
  authUrl: string;
  store: GoogleAccountStore;
  now(): number;
  newState(): string;
  /** Who the account of a fresh token is (empty when Google does not tell). */
  accountIdentity(token: string): Promise<GoogleIdentity>;
  /** Revokes a token at Google; resolves whether Google agreed. */
  revoke(token: string): Promise<boolean>;
}

/**
 * What disconnecting did at Google: the access withdrawn, nothing was connected, or `failed`: no
 * live token could be had silently, or Google refused to revoke it, so the access may stay granted
 * (the user is then sent to Google's permissions page). The account is forgotten here either way.
 */
export type RevokeOutcome = 'revoked' | 'not-connected' | 'failed';

export interface GoogleAuth extends TokenSource {
  /** Interactive sign-in (the user clicked "Connect Google"). */
  connect(includeOther: boolean): Promise<GoogleAccount>;
  /** Forgets the account and revokes its access at Google (renewing the token silently first). */
  disconnect(): Promise<RevokeOutcome>;
  /** The user opted out of a scope: renewals no longer ask for it. */
  dropScope(scope: string): Promise<void>;
}

/** Renew a minute early, so a token never expires in the middle of a listing. */
const EARLY_MS = 60_000;

export class GoogleAuthError extends Error {
  override name = 'GoogleAuthError';
}

function authUrl(
  options: GoogleAuthOptions,
  scopes: string[],
  state: string,
  silent: boolean,
  loginHint: string | undefined,
): string {
  const url = new URL(options.authUrl);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.flow.redirectUrl());
  url.searchParams.set('response_type', 'token');
  url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('state', state);
  if (silent) url.searchParams.set('prompt', 'none');
  // A browser signed in to several Google accounts renews the one the user connected.
  if (loginHint) url.searchParams.set('login_hint', loginHint);
  return url.toString();
}

/** Reads the implicit flow's answer from the redirect's fragment. */
export function parseRedirect(
  redirect: string,
  state: string,
  now: number,
): { accessToken: string; expiresAt: number; scopes?: string[] } {
  const params = new URLSearchParams(new URL(redirect).hash.replace(/^#/, ''));
  const error = params.get('error');
  if (error) throw new GoogleAuthError(error);
  if (params.get('state') !== state) throw new GoogleAuthError('state_mismatch');
  const accessToken = params.get('access_token');
  if (!accessToken) throw new GoogleAuthError('no_access_token');
  const expiresIn = Number(params.get('expires_in') ?? '3599');
  const scope = params.get('scope');
  return {
    accessToken,
    // Google's tokens live an hour; a lifetime out of reason is not believed.
    expiresAt:
      now +
      (Number.isFinite(expiresIn) && expiresIn > 0 && expiresIn <= 86_400 ? expiresIn : 3599) *
        1000,
    ...(scope === null ? {} : { scopes: grantedScopes(scope) }),
  };
}

/**
 * The scopes of a redirect's `scope`. Google may name `email` by its long form, so both are read as
 * the one scope asked for.
 */
export function grantedScopes(scope: string): string[] {
  return scope
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => (s === 'https://www.googleapis.com/auth/userinfo.email' ? SCOPE_EMAIL : s));
}

export function createGoogleAuth(options: GoogleAuthOptions): GoogleAuth {
  async function request(
    scopes: string[],
    interactive: boolean,
    loginHint?: string,
  ): Promise<{ accessToken: string; expiresAt: number; scopes: string[] }> {
    const state = options.newState();
    const redirect = await options.flow.launch(
      authUrl(options, scopes, state, !interactive, loginHint),
      interactive,
    );
    const token = parseRedirect(redirect, state, options.now());
    // No `scope` in the answer: what was asked for is all there is to go by.
    return { ...token, scopes: token.scopes ?? scopes };
  }

  /**
   * A new token for the connected account, with no window (the user did not ask for one). Without
   * an email there is no login_hint, and Google answers for whichever account the browser is signed
   * in to now: another account's token would read its contacts under the consent given for this
   * one, or revoke its grant. Unknown (people/me failed): the sync's own requests will tell.
   */
  async function renewSilently(account: GoogleAccount) {
    const renewed = await request(account.scopes, false, account.email);
    if (account.id && !account.email) {
      const { id } = await options
        .accountIdentity(renewed.accessToken)
        .catch((): GoogleIdentity => ({}));
      if (id && id !== account.id) throw new GoogleAuthError('another_account');
    }
    return renewed;
  }

  /** The stored token, unless it expires within a minute. */
  function live(account: GoogleAccount): account is GoogleAccount & { accessToken: string } {
    return !!account.accessToken && (account.expiresAt ?? 0) - EARLY_MS > options.now();
  }

  return {
    async connect(includeOther) {
      if (!options.clientId) throw new GoogleAuthError('no_client_id');
      const asked = [SCOPE_CONTACTS, ...(includeOther ? [SCOPE_OTHER_CONTACTS] : []), SCOPE_EMAIL];
      const token = await request(asked, true);
      if (!token.scopes.includes(SCOPE_CONTACTS)) {
        // Without the contacts themselves there is nothing to do: give the token back at once.
        await Promise.resolve(options.revoke(token.accessToken)).catch(() => false);
        throw new GoogleAuthError('contacts_not_granted');
      }
      // Asked even without the `email` scope: the id comes with the contacts scope alone.
      const { id, email } = await options
        .accountIdentity(token.accessToken)
        .catch((): GoogleIdentity => ({}));
      const account: GoogleAccount = {
        ...token,
        refusedScopes: asked.filter((s) => !token.scopes.includes(s)),
        ...(email && token.scopes.includes(SCOPE_EMAIL) ? { email } : {}),
        ...(id ? { id } : {}),
        needsReconnect: false,
        connectedAt: options.now(),
      };
      await options.store.set(account);
      return account;
    },
    async disconnect() {
      const account = await options.store.get();
      await options.store.set(null);
      if (!account) return 'not-connected';
      // An expired token revokes nothing: Google answers `invalid_token` and the grant stays. A
      // fresh one is asked for without a window (the user asked to leave, not to sign in).
      let token = live(account) ? account.accessToken : undefined;
      if (!token) {
        try {
          token = (await renewSilently(account)).accessToken;
        } catch {
          return 'failed';
        }
      }
      const revoked = await Promise.resolve(options.revoke(token)).catch(() => false);
      return revoked ? 'revoked' : 'failed';
    },
    async dropScope(scope) {
      const account = await options.store.get();
      if (!account?.scopes.includes(scope)) return;
      await options.store.set({ ...account, scopes: account.scopes.filter((s) => s !== scope) });
    },
    async token() {
      const account = await options.store.get();
      if (!account) throw new NeedsReconnectError('Google account not connected');
      if (account.needsReconnect) throw new NeedsReconnectError();
      if (live(account)) return account.accessToken;
      try {
        const renewed = await renewSilently(account);
        await options.store.set({ ...account, ...renewed, needsReconnect: false });
        return renewed.accessToken;
      } catch {
        const { accessToken: _token, expiresAt: _expires, ...rest } = account;
        await options.store.set({ ...rest, needsReconnect: true });
        throw new NeedsReconnectError();
      }
    },
    async invalidate() {
      const account = await options.store.get();
      if (account) {
        const { accessToken: _token, expiresAt: _expires, ...rest } = account;
        await options.store.set(rest);
      }
    },
  };
}
