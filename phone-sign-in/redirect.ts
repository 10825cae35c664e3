// Where the page may send the tokens: only to a redirect URL it was built for, and only in the
// fragment (never the query: a fragment is not sent to any server, nor kept in its logs).

/** What the page was asked to do, read from its own query; `error` when it must not go on. */
export type SignInRequest =
  | { kind: 'ok'; redirect: URL; state: string }
  | { kind: 'error'; reason: 'bad-redirect' | 'missing-state' };

export function readRequest(search: string, allowed: readonly string[]): SignInRequest {
  const query = new URLSearchParams(search);
  const redirect = allowedRedirect(query.get('redirect_uri'), allowed);
  if (!redirect) return { kind: 'error', reason: 'bad-redirect' };
  const state = query.get('state') ?? '';
  // The caller checks the state it gets back; a request without one could not be checked.
  if (state === '') return { kind: 'error', reason: 'missing-state' };
  return { kind: 'ok', redirect, state };
}

/**
 * The redirect URL when it starts with one of the allowed prefixes. A prefix whose host begins with
 * `*.` accepts exactly one DNS label there (`https://*.chromiumapp.org/` takes any Chrome
 * extension's redirect, for sandboxes). The URL is compared in its parsed, normalised form, must be
 * https with no user info, and must have no fragment of its own.
 */
export function allowedRedirect(raw: string | null, allowed: readonly string[]): URL | undefined {
  if (!raw || raw.includes('#')) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return undefined;
  const href = url.href;
  return allowed.some((prefix) => matches(href, prefix)) ? url : undefined;
}

function matches(href: string, prefix: string): boolean {
  const wildcard = 'https://*.';
  if (!prefix.startsWith(wildcard)) return href.startsWith(prefix);
  const rest = prefix.slice(wildcard.length).toLowerCase();
  const label = /^https:\/\/([a-z0-9-]+)\./.exec(href);
  return label !== null && href.slice(label[0].length).startsWith(rest);
}

/** `redirect#id_token=…&refresh_token=…&state=…`, each value URL-encoded. */
export function redirectWithTokens(
  redirect: URL,
  tokens: { idToken: string; refreshToken: string; state: string },
): string {
  const fragment = [
    ['id_token', tokens.idToken],
    ['refresh_token', tokens.refreshToken],
    ['state', tokens.state],
  ]
    .map(([key, value]) => `${key}=${encodeURIComponent(value ?? '')}`)
    .join('&');
  return `${redirect.href}#${fragment}`;
}
