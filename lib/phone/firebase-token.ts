// The Firebase side of a phone account: what the ID token says, and its renewal with no window.
// Firebase ID tokens live an hour; the refresh token renews them at Google's secure token service
// (`POST /v1/token?key=<Web API key>`, `grant_type=refresh_token`), or at the Auth emulator's copy
// of it in sandboxes.
import { fetchWithRetry, type RetryDeps, type RetryPolicy } from '../net/retry.ts';
import { isRecord, isString } from '../net/shape.ts';
import { ServiceRefusedError } from '../sync/ports.ts';

export const SECURE_TOKEN_URL = 'https://securetoken.googleapis.com';

/** A fresh ID token and the refresh token to keep (Firebase may hand a new one back). */
export interface FirebaseTokens {
  idToken: string;
  refreshToken: string;
}

/**
 * Firebase refused the refresh token (revoked, the user disabled or deleted, another project's):
 * only a new sign-in with the phone helps. The reason is Firebase's code (`TOKEN_EXPIRED`).
 */
export class FirebaseRefreshRefusedError extends Error {
  override name = 'FirebaseRefreshRefusedError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`Firebase refused the refresh token: ${reason}`);
  }
}

/**
 * The secure token endpoint for this Web API key: Google's, or under the Auth emulator's address
 * (`{emulator}/securetoken.googleapis.com/v1/token`) when the build names one.
 */
export function secureTokenEndpoint(apiKey: string, emulatorUrl = ''): string {
  const base = emulatorUrl
    ? `${emulatorUrl.replace(/\/+$/, '')}/securetoken.googleapis.com`
    : SECURE_TOKEN_URL;
  return `${base}/v1/token?key=${encodeURIComponent(apiKey)}`;
}

/** Renews the ID token. Throws FirebaseRefreshRefusedError when only a new sign-in helps. */
export async function refreshIdToken(
  endpoint: string,
  refreshToken: string,
  net: RetryDeps,
  policy?: RetryPolicy,
): Promise<FirebaseTokens> {
  const response = await fetchWithRetry(
    endpoint,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      }).toString(),
    },
    net,
    policy,
  );
  let body: unknown = null;
  try {
    body = JSON.parse(await response.text());
  } catch {
    // An answer that is not JSON is judged by its status alone.
  }
  if (response.ok && isRecord(body) && isString(body.id_token) && body.id_token !== '') {
    const next =
      isString(body.refresh_token) && body.refresh_token !== '' ? body.refresh_token : refreshToken;
    return { idToken: body.id_token, refreshToken: next };
  }
  const reason = errorCode(body) ?? `HTTP ${response.status}`;
  // 400 is Firebase's answer for a refresh token it will never take again; 401/403 a key or
  // project that refuses it. Anything else (a 5xx that outlived the retries, a 200 without a
  // token) may pass: the run fails and is tried again later.
  if ([400, 401, 403].includes(response.status))
    throw new FirebaseRefreshRefusedError(response.status, reason);
  throw new ServiceRefusedError(response.status, `Firebase secure token service: ${reason}`);
}

/** `{"error": {"message": "TOKEN_EXPIRED"}}` (Google's) or `{"error": "invalid_grant"}` (OAuth's). */
function errorCode(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (isString(error)) return error;
  if (isRecord(error) && isString(error.message)) return error.message;
  return undefined;
}

/**
 * The phone number an ID token names (`phone_number`, E.164), read without checking the token:
 * the server checks it; this only says which number the page signed in, to show and to compare.
 */
export function idTokenPhone(idToken: string): string | undefined {
  const payload = idToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) =>
        c.charCodeAt(0),
      ),
    );
    const claims: unknown = JSON.parse(json);
    const phone = isRecord(claims) ? claims.phone_number : undefined;
    return isString(phone) && /^\+[1-9]\d{5,14}$/.test(phone) ? phone : undefined;
  } catch {
    return undefined;
  }
}
