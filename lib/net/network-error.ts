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
