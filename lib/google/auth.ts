import type { TokenSource } from './people-client.ts';
import { NeedsReconnectError } from './errors.ts';

export const SCOPE_CONTACTS = 'https://www.googleapis.com/auth/contacts.readonly';
export const SCOPE_OTHER_CONTACTS = 'https://www.googleapis.com/auth/contacts.other.readonly';

/** `identity.launchWebAuthFlow` behind an interface: the fake browser has no `identity`. */
export interface WebAuthFlow {
  launch(url: string, interactive: boolean): Promise<string>;
  redirectUrl(): string;
}

export interface GoogleAccount {
  accessToken?: string;
  expiresAt?: number;
  scopes: string[];
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
}

export interface GoogleAuth extends TokenSource {
  /** Interactive sign-in (the user clicked "Connect Google"). */
  connect(includeOther: boolean): Promise<GoogleAccount>;
  disconnect(): Promise<void>;
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
): string {
  const url = new URL(options.authUrl);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.flow.redirectUrl());
  url.searchParams.set('response_type', 'token');
  url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('state', state);
  if (silent) url.searchParams.set('prompt', 'none');
  return url.toString();
}

/** Reads the implicit flow's answer from the redirect's fragment. */
export function parseRedirect(
  redirect: string,
  state: string,
  now: number,
): { accessToken: string; expiresAt: number; scopes: string[] } {
  const params = new URLSearchParams(new URL(redirect).hash.replace(/^#/, ''));
  const error = params.get('error');
  if (error) throw new GoogleAuthError(error);
  if (params.get('state') !== state) throw new GoogleAuthError('state_mismatch');
  const accessToken = params.get('access_token');
  if (!accessToken) throw new GoogleAuthError('no_access_token');
  const expiresIn = Number(params.get('expires_in') ?? '3599');
  return {
    accessToken,
    expiresAt: now + (Number.isFinite(expiresIn) ? expiresIn : 3599) * 1000,
    scopes: (params.get('scope') ?? '').split(/\s+/).filter(Boolean),
  };
}

export function createGoogleAuth(options: GoogleAuthOptions): GoogleAuth {
  async function request(scopes: string[], interactive: boolean): Promise<GoogleAccount> {
    const state = options.newState();
    const redirect = await options.flow.launch(
      authUrl(options, scopes, state, !interactive),
      interactive,
    );
    const token = parseRedirect(redirect, state, options.now());
    return { ...token, scopes, needsReconnect: false, connectedAt: options.now() };
  }

  return {
    async connect(includeOther) {
      if (!options.clientId) throw new GoogleAuthError('no_client_id');
      const scopes = includeOther ? [SCOPE_CONTACTS, SCOPE_OTHER_CONTACTS] : [SCOPE_CONTACTS];
      const account = await request(scopes, true);
      await options.store.set(account);
      return account;
    },
    async disconnect() {
      await options.store.set(null);
    },
    async token() {
      const account = await options.store.get();
      if (!account) throw new NeedsReconnectError('Google account not connected');
      if (account.needsReconnect) throw new NeedsReconnectError();
      if (account.accessToken && (account.expiresAt ?? 0) - EARLY_MS > options.now())
        return account.accessToken;
      try {
        // Silent renewal never opens a window: the user did not ask for one.
        const renewed = await request(account.scopes, false);
        await options.store.set({ ...renewed, connectedAt: account.connectedAt });
        return renewed.accessToken ?? '';
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
