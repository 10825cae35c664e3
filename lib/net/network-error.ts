/** How the last attempt failed: no answer within the timeout, or no connection at all. */
export type NetworkFailure = 'timeout' | 'network';

/**
 * Every attempt of a request failed without an HTTP answer. The message names only the host: URLs
 * carry query strings and requests carry tokens, and error messages end up in logs and the UI.
 * The underlying error is deliberately not kept as `cause` (some fetch implementations put the
 * full URL in their messages).
 */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  readonly host: string;
  readonly failure: NetworkFailure;
  readonly attempts: number;

  constructor(host: string, failure: NetworkFailure, attempts: number) {
    super(
      failure === 'timeout'
        ? `${host} did not answer in time (${attempts} ${plural(attempts)})`
        : `Could not reach ${host} (${attempts} ${plural(attempts)})`,
    );
    this.host = host;
    this.failure = failure;
    this.attempts = attempts;
  }
}

function plural(attempts: number): string {
  return attempts === 1 ? 'attempt' : 'attempts';
}

/**
 * A server answered with a redirect (HTTP 301, 302, 303, 307 or 308, or the browser's opaque
 * redirect, whose status it hides). Redirects are never followed: a 307 or 308 would resend the
 * request, a password or a session token with it, to wherever `Location` says, possibly over
 * plain http. Not retried: the server means it. The message names the host, never the Location.
 */
export class RedirectRefusedError extends Error {
  override readonly name = 'RedirectRefusedError';
  readonly host: string;
  /** 0 when the browser hid it (an opaque redirect). */
  readonly status: number;

  constructor(host: string, status: number) {
    super(
      `${host} answered with a redirect${status ? ` (HTTP ${status})` : ''}, which is not followed: requests go only to the address given`,
    );
    this.host = host;
    this.status = status;
  }
}
