// `POST /session`: the two ways the extension makes a user session (connectycube-api.md,
// phone-sign-in.md). A login or an email with its password; or a Firebase phone sign-in,
// `{"provider": "firebase_phone", "firebase_phone": {"project_id", "access_token"}}` — a nested
// object: the flat `firebase_phone[project_id]` keys of older docs are refused.
import { fetchWithRetry, type RetryDeps, type RetryPolicy } from '../net/retry.ts';
import { FirebaseRefreshRefusedError, type FirebaseTokens } from '../phone/firebase-token.ts';
import { readSession } from './answers.ts';
import { CubeApiError, CubeSessionEndedError, errorReasons } from './errors.ts';
import type {
  CubeAccount,
  CubeAccountCredentials,
  CubeApp,
  ErrorBody,
  SessionAnswer,
} from './types.ts';

/** Sends one request (the client's retrying fetch). */
export type Send = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  signal?: AbortSignal,
) => Promise<Response>;

/** `Send` over the retrying fetch, with its deadline and retries (and the caller's signal). */
export function retryingSend(net: RetryDeps, policy?: RetryPolicy): Send {
  return (url, init, signal) =>
    fetchWithRetry(url, { ...init, ...(signal ? { signal } : {}) }, net, policy);
}

export async function readJson<T>(response: Response): Promise<T | null> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

async function createSession(
  send: Send,
  app: CubeApp,
  how: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<SessionAnswer['session']> {
  const response = await send(
    `${app.endpoint}/session`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ application_id: app.applicationId, auth_key: app.authKey, ...how }),
    },
    signal,
  );
  const body = await readJson<SessionAnswer & ErrorBody>(response);
  if (!response.ok) throw new CubeApiError(response.status, errorReasons(body));
  return readSession(body);
}

/** A session for a login (an `@` makes it an email) and its password. */
export function passwordSession(
  send: Send,
  app: CubeApp,
  login: string,
  password: string,
  signal?: AbortSignal,
): Promise<SessionAnswer['session']> {
  const user = login.includes('@') ? { email: login, password } : { login, password };
  return createSession(send, app, { user }, signal);
}

/** A session for the user a Firebase ID token of `projectId` proves (created if unknown). */
export function phoneSession(
  send: Send,
  app: CubeApp,
  projectId: string,
  idToken: string,
  signal?: AbortSignal,
): Promise<SessionAnswer['session']> {
  return createSession(
    send,
    app,
    {
      provider: 'firebase_phone',
      firebase_phone: { project_id: projectId, access_token: idToken },
    },
    signal,
  );
}

export interface RenewDeps {
  send: Send;
  store: { set(account: CubeAccount | null): Promise<void> };
  firebase?: { refresh(refreshToken: string): Promise<FirebaseTokens> };
}

/**
 * The account with a new session: made with the kept password, or with an ID token renewed from
 * the kept refresh token. Throws CubeSessionEndedError when only the user can sign in again (the
 * refresh token, refused, is then forgotten, so no later run asks Firebase again).
 */
export async function renewSession(
  account: CubeAccount,
  deps: RenewDeps,
  signal?: AbortSignal,
): Promise<CubeAccount> {
  const c = account.credentials;
  if (c.method !== 'phone') {
    if (c.password === undefined) throw new CubeSessionEndedError();
    const session = await passwordSession(deps.send, c, c.login, c.password, signal);
    return { ...account, token: session.token };
  }
  if (c.refreshToken === undefined || !deps.firebase) throw new CubeSessionEndedError();
  const forget = async (): Promise<never> => {
    await deps.store.set({ ...account, credentials: withoutRefreshToken(c) });
    throw new CubeSessionEndedError();
  };
  let tokens: FirebaseTokens;
  try {
    tokens = await deps.firebase.refresh(c.refreshToken);
  } catch (error) {
    if (error instanceof FirebaseRefreshRefusedError) return forget();
    throw error;
  }
  const session = await phoneSession(deps.send, c, c.projectId, tokens.idToken, signal);
  // The number now leads to another user (the account was deleted and one made anew on the fly):
  // nothing may be sent there under this account's consent. The user signs in again, and is shown
  // which account that is.
  if (session.user_id !== account.user.id) return forget();
  return {
    ...account,
    credentials: { ...c, refreshToken: tokens.refreshToken },
    token: session.token,
  };
}

/** The credentials without the refresh token: the account then waits for a sign-in. */
function withoutRefreshToken(
  credentials: CubeAccountCredentials & { method: 'phone' },
): CubeAccountCredentials {
  const { refreshToken: _gone, ...rest } = credentials;
  return rest;
}
