import { fetchWithRetry, type RetryDeps } from '../net/retry.ts';

/** Who the connected Google account is, as far as Google told. */
export interface GoogleIdentity {
  /**
   * The account's People id (`people/1…`, never `people/me`): stable, whatever its email, and
   * answered with the contacts scope alone. What consent is bound to (lib/background/consent.ts).
   */
  id?: string;
  /** Its email (with the `email` scope), to name it and pin renewals to it (`login_hint`). */
  email?: string;
}

/**
 * The connected Google account (`people/me`): its id, and its email with the `email` scope.
 * Empty when Google does not say.
 */
export async function fetchAccountIdentity(
  apiUrl: string,
  token: string,
  net: RetryDeps,
): Promise<GoogleIdentity> {
  const url = new URL(`${apiUrl}/v1/people/me`);
  url.searchParams.set('personFields', 'emailAddresses');
  const response = await fetchWithRetry(
    url.toString(),
    { method: 'GET', headers: { Authorization: `Bearer ${token}` } },
    net,
  );
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return {};
  }
  const body = (await response.json().catch(() => null)) as {
    resourceName?: unknown;
    emailAddresses?: { value?: unknown; metadata?: { primary?: unknown } }[];
  } | null;
  const emails = Array.isArray(body?.emailAddresses) ? body.emailAddresses : [];
  const primary = emails.find((e) => e?.metadata?.primary === true) ?? emails[0];
  const id = body?.resourceName;
  return {
    ...(typeof id === 'string' && /^people\/[^/]+$/.test(id) && id !== 'people/me' ? { id } : {}),
    ...(typeof primary?.value === 'string' && primary.value !== '' ? { email: primary.value } : {}),
  };
}

/**
 * Revokes a token (`POST <revoke URL>` with the form body `token=…`), so disconnecting really takes
 * the extension's access away instead of only forgetting it here. Resolves whether Google agreed.
 */
export async function revokeToken(
  revokeUrl: string,
  token: string,
  net: RetryDeps,
): Promise<boolean> {
  const response = await fetchWithRetry(
    revokeUrl,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    },
    net,
  );
  await response.body?.cancel().catch(() => undefined);
  return response.ok;
}
