// Phone sign-in through the hosted page (phone-sign-in/, README "The phone sign-in page"), opened
// with identity.launchWebAuthFlow as Google sign-in is. The page is told where to come back
// (`redirect_uri`: identity.getRedirectURL(), the prefix Firefox requires) and a random `state`;
// it comes back with `#id_token=…&refresh_token=…&state=…`. Only the background calls this.
import type { CubeApp } from '../connectycube/types.ts';
import type { WebAuthFlow } from '../google/auth.ts';
import { idTokenPhone } from './firebase-token.ts';

/** Why a phone sign-in gave nothing; the user is told in words (lib/background/errors.ts). */
export type PhoneSignInFailure =
  /** The user closed the window. */
  | 'cancelled'
  /** The browser could not show the page, or it ended some other way (`detail`: its words). */
  | 'window-failed'
  /** The answer is not to the request made here (another `state`, another redirect URL). */
  | 'state-mismatch'
  /** A token in the query (where servers and logs see it) or no token at all: not taken. */
  | 'bad-answer';

export class PhoneSignInError extends Error {
  override name = 'PhoneSignInError';
  constructor(
    readonly reason: PhoneSignInFailure,
    readonly detail = '',
  ) {
    super(`Phone sign-in: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

/** What the page hands back, checked. */
export interface PhoneTokens {
  idToken: string;
  refreshToken: string;
  /** The number the ID token names, E.164. */
  phone: string;
}

/** `<page>?redirect_uri=…&state=…`, keeping whatever query the page's URL has. */
export function phonePageUrl(page: string, redirectUri: string, state: string): string {
  const url = new URL(page);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  return url.toString();
}

/**
 * The page's answer: the redirect URL it was sent to, with the tokens and this request's `state`
 * in the fragment. A token in the query is refused even when the fragment is right: it went
 * where a fragment never goes.
 */
export function parsePhoneRedirect(
  redirect: string,
  redirectUri: string,
  state: string,
): PhoneTokens {
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    throw new PhoneSignInError('bad-answer', 'not a URL');
  }
  if (!redirect.startsWith(redirectUri))
    throw new PhoneSignInError('state-mismatch', 'another redirect');
  const query = url.searchParams;
  if (['id_token', 'refresh_token', 'access_token'].some((key) => query.has(key)))
    throw new PhoneSignInError('bad-answer', 'a token in the query');
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  if (fragment.get('state') !== state) throw new PhoneSignInError('state-mismatch');
  const idToken = fragment.get('id_token') ?? '';
  const refreshToken = fragment.get('refresh_token') ?? '';
  if (!idToken || !refreshToken) throw new PhoneSignInError('bad-answer', 'no token');
  const phone = idTokenPhone(idToken);
  if (!phone) throw new PhoneSignInError('bad-answer', 'no phone number in the token');
  return { idToken, refreshToken, phone };
}

/** Chrome: "The user did not approve access."; Firefox: "User cancelled or denied access." */
const CLOSED = /did not approve|cancel/i;

export interface PhoneSignInFlowOptions {
  flow: WebAuthFlow;
  /** WXT_PHONE_SIGNIN_URL. */
  pageUrl: string;
  newState(): string;
}

/** Opens the page in the browser's auth window and resolves with its checked answer. */
export async function signInWithPhonePage(options: PhoneSignInFlowOptions): Promise<PhoneTokens> {
  const redirectUri = options.flow.redirectUrl();
  const state = options.newState();
  let redirect: string;
  try {
    redirect = await options.flow.launch(phonePageUrl(options.pageUrl, redirectUri, state), true);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw CLOSED.test(message)
      ? new PhoneSignInError('cancelled')
      : new PhoneSignInError('window-failed', message);
  }
  return parsePhoneRedirect(redirect, redirectUri, state);
}

/**
 * Phone sign-in as the background uses it (built in lib/background/wiring.ts from the build's
 * variables; absent where the build has no page or the browser no launchWebAuthFlow).
 */
export interface PhoneSignInPort {
  /** The built-in application: the mobile app's users are its users. */
  app: CubeApp;
  /** The Firebase project of the page and the mobile app. */
  projectId: string;
  /** Opens the page in the auth window; resolves with its checked answer. */
  launch(): Promise<PhoneTokens>;
}
