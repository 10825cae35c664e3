// Google's OAuth side, with no I/O: the implicit-flow authorization endpoint, access tokens (scopes,
// expiry, revocation), what the consent screen grants, and the account that is signed in.

import { createHash } from 'node:crypto';
import type { ApiResult } from './transport.ts';

export type AuthMode = 'approve' | 'deny' | 'deny-silent';

export const SCOPE_EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
export const SCOPE_PROFILE = 'https://www.googleapis.com/auth/userinfo.profile';
export const ACCESS_TOKEN_LIFETIME_S = 3599;
export const DEFAULT_ACCOUNT_EMAIL = 'sandbox.user@example.com';

/**
 * Google grants the short sign-in scopes under their URL names: asking for `email` yields
 * `…/userinfo.email` in the granted `scope` (what makes oauthlib warn "Scope has changed").
 */
const SCOPE_ALIASES: Record<string, string> = { email: SCOPE_EMAIL, profile: SCOPE_PROFILE };

export function normalizeScope(scope: string): string {
  return SCOPE_ALIASES[scope] ?? scope;
}

export interface IssuedToken {
  /** Normalised (URL) names. */
  scopes: string[];
  expiresAt: number;
  /** The email of the account signed in when it was issued: whose contacts it reads, for good. */
  account: string;
}

/** An account's People API id (21 digits, like Google's), derived from its email. */
export function accountIdOf(email: string): string {
  const digest = createHash('sha256').update(email.toLowerCase()).digest('hex');
  return `1${(BigInt(`0x${digest.slice(0, 24)}`) % 10n ** 20n).toString().padStart(20, '0')}`;
}

/** What the user unticks on the consent screen: for the next authorization only, or until reset. */
export interface GrantRule {
  refuse: string[];
  once: boolean;
}

export class GoogleAuth {
  mode: AuthMode = 'approve';
  /** The account signed in to the browser: the one the consent screen (and a token) is for. */
  accountEmail = DEFAULT_ACCOUNT_EMAIL;

  private rule: GrantRule | null = null;
  private tokenCounter = 0;
  private tokens = new Map<string, IssuedToken>();

  constructor(private readonly now: () => number) {}

  /** The signed-in account's People API id (see accountIdOf). */
  get accountId(): string {
    return accountIdOf(this.accountEmail);
  }

  get grantRule(): GrantRule {
    return this.rule ?? { refuse: [], once: false };
  }

  /** `refuse: []` grants everything asked again. */
  setGrantRule(rule: GrantRule): void {
    this.rule = rule.refuse.length > 0 ? { refuse: [...rule.refuse], once: rule.once } : null;
  }

  issueToken(scopes: readonly string[]): { accessToken: string; expiresIn: number } {
    this.tokenCounter += 1;
    const accessToken = `ya29.sandbox-${this.tokenCounter.toString(36)}-${(this.now() % 1e9).toString(36)}`;
    this.tokens.set(accessToken, {
      scopes: [...new Set(scopes.map(normalizeScope))],
      expiresAt: this.now() + ACCESS_TOKEN_LIFETIME_S * 1000,
      account: this.accountEmail,
    });
    return { accessToken, expiresIn: ACCESS_TOKEN_LIFETIME_S };
  }

  /** The token if it was issued, is not revoked and has not expired. */
  liveToken(value: string | null | undefined): IssuedToken | undefined {
    const token = value ? this.tokens.get(value) : undefined;
    return token && this.now() < token.expiresAt ? token : undefined;
  }

  /** What `POST /revoke` does; false when the token is unknown, revoked or expired. */
  revoke(value: string): boolean {
    const live = this.liveToken(value) !== undefined;
    this.tokens.delete(value);
    return live;
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  reset(): void {
    this.tokens.clear();
    this.mode = 'approve';
    this.accountEmail = DEFAULT_ACCOUNT_EMAIL;
    this.rule = null;
  }

  /** `GET /o/oauth2/v2/auth` (implicit flow): a redirect carrying the token or the error. */
  authorize(query: URLSearchParams): ApiResult {
    const clientId = query.get('client_id');
    const redirectUri = query.get('redirect_uri');
    const responseType = query.get('response_type');
    const asked = (query.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const problem = !clientId
      ? 'Missing required parameter: client_id'
      : !redirectUri
        ? 'Missing required parameter: redirect_uri'
        : !URL.canParse(redirectUri)
          ? `Invalid parameter value for redirect_uri: ${redirectUri}`
          : responseType !== 'token'
            ? `Invalid response_type: ${responseType ?? ''} (this sandbox supports only "token")`
            : asked.length === 0
              ? 'Missing required parameter: scope'
              : undefined;
    if (problem || !redirectUri) return errorPage(problem ?? '');

    const state = query.get('state');
    const silent = query.get('prompt') === 'none';
    const granted = this.grantedScopes(asked);
    const fragment = new URLSearchParams();
    if (this.mode === 'deny') {
      fragment.set('error', 'access_denied');
    } else if (silent && (this.mode === 'deny-silent' || !this.hintMatches(query))) {
      // No page can be shown: the Google session is gone, or the hinted account is not signed in.
      fragment.set('error', 'interaction_required');
    } else if (granted.length === 0) {
      // Unticking every scope asked for is a refusal too.
      this.useGrantRule();
      fragment.set('error', 'access_denied');
    } else {
      // An interactive request lets the user pick or sign in to the hinted account: no error.
      this.useGrantRule();
      const { accessToken, expiresIn } = this.issueToken(granted);
      fragment.set('access_token', accessToken);
      fragment.set('token_type', 'Bearer');
      fragment.set('expires_in', String(expiresIn));
      // What was actually granted, which may be less than asked (granular consent).
      fragment.set('scope', granted.join(' '));
    }
    if (state !== null) fragment.set('state', state);
    const target = new URL(redirectUri);
    target.hash = fragment.toString();
    return { status: 302, headers: { Location: target.toString() } };
  }

  /** The scopes asked for minus the refused ones (URL names, in the order asked). */
  private grantedScopes(asked: readonly string[]): string[] {
    const refused = new Set(this.grantRule.refuse.map(normalizeScope));
    return [...new Set(asked.map(normalizeScope))].filter((scope) => !refused.has(scope));
  }

  /** A one-time refusal is spent once a consent answer (token or access_denied) went out. */
  private useGrantRule(): void {
    if (this.rule?.once) this.rule = null;
  }

  /** `login_hint` may name the account by email (any case) or by its id; absent = any account. */
  private hintMatches(query: URLSearchParams): boolean {
    const hint = query.get('login_hint');
    if (hint === null || hint === '') return true;
    return hint.toLowerCase() === this.accountEmail.toLowerCase() || hint === this.accountId;
  }
}

function errorPage(problem: string): ApiResult {
  return {
    status: 400,
    text: `<!DOCTYPE html><title>Error 400 (Bad Request)</title><p>Error 400: invalid_request</p><p>${problem}</p>`,
    contentType: 'text/html; charset=utf-8',
  };
}

/**
 * `POST /revoke` as https://oauth2.googleapis.com/revoke: the token in a form body (or, as
 * Google's own curl example does, in the query string). 200 `{}`, or 400 with an OAuth error.
 */
export function revokeEndpoint(
  auth: GoogleAuth,
  contentType: string | null,
  bodyText: string,
  query: URLSearchParams,
): ApiResult {
  const form = /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')
    ? new URLSearchParams(bodyText)
    : new URLSearchParams();
  const token = form.get('token') ?? query.get('token');
  if (!token) {
    return { status: 400, json: { error: 'invalid_request', error_description: 'Bad Request' } };
  }
  if (!auth.revoke(token)) {
    return {
      status: 400,
      json: { error: 'invalid_token', error_description: 'Token expired or revoked' },
    };
  }
  return { status: 200, json: {} };
}
