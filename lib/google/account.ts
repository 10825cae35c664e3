import { fetchWithRetry, type RetryDeps } from '../net/retry.ts';

/**
 * The connected Google account's email (`people/me` with the `email` scope), so the options page can
 * name it and a silent renewal can pin it with `login_hint`. Undefined when Google does not say.
 */
export async function fetchAccountEmail(
  apiUrl: string,
  token: string,
  net: RetryDeps,
): Promise<string | undefined> {
  const url = new URL(`${apiUrl}/v1/people/me`);
  url.searchParams.set('personFields', 'emailAddresses');
  const response = await fetchWithRetry(
    url.toString(),
    { method: 'GET', headers: { Authorization: `Bearer ${token}` } },
    net,
  );
  if (!response.ok) return undefined;
  const body = (await response.json().catch(() => null)) as {
    emailAddresses?: { value?: unknown; metadata?: { primary?: unknown } }[];
  } | null;
  const emails = Array.isArray(body?.emailAddresses) ? body.emailAddresses : [];
  const primary = emails.find((e) => e?.metadata?.primary === true) ?? emails[0];
  return typeof primary?.value === 'string' && primary.value !== '' ? primary.value : undefined;
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
