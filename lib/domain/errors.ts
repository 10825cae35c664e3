/**
 * The one error vocabulary, from the engine's run record to the page's words. Dependency-free: the
 * database, the protocol and the pages import it; the adapters' errors map into it.
 */

/** What fixes a failed run; the UI offers "Sign in again" or "Reconnect Google" from it. */
export const RUN_ERROR_KINDS = [
  'cube-sign-in',
  'google-reconnect',
  /** Google's per-minute read quota: only waiting fixes it. */
  'google-quota',
  'network',
  'other',
] as const;
export type RunErrorKind = (typeof RUN_ERROR_KINDS)[number];

/**
 * Why a request failed, so the UI never parses text: a run's kinds, and the request's own.
 * - `invalid-request`: the page sent something the background refuses (a bug or a stale page).
 * - `invalid-input`: what the user typed is refused (`message` names the field's problem).
 * - `cube-refused`: ConnectyCube refused (its own words in `message`).
 * - `cube-sign-in`, `google-reconnect`: only the user can fix it.
 * - `cube-unconfirmed`: an account a sign-in created waits for "Keep it" or "Delete it"; the
 *   request (a sign-in, a sign-out) was refused until then, and the page should ask that first.
 * - `cube-changed`: the account the page showed is not the one the request was meant for any more
 *   (another tab changed it): nothing was done, the page should show the current state.
 * - `network`: try again later.
 * - `sync-failed`: the run the request started failed (`message`: the run's error, in words).
 * - `other`: anything else.
 */
export type ErrorKind =
  | RunErrorKind
  | 'invalid-request'
  | 'invalid-input'
  | 'cube-refused'
  | 'cube-unconfirmed'
  | 'cube-changed'
  | 'sync-failed';

/**
 * What went wrong, each with its words in every locale (lib/run-error-text.ts); `params` fill them:
 * - `cube-refused`, `google-refused`, `service-refused`: [the service's own words].
 * - `network-timeout`, `network-unreachable`: [the host].
 * - `other`: [the error's own line, untranslated].
 */
export const RUN_ERROR_CODES = [
  'cube-signed-out',
  'cube-session-ended',
  'cube-refused',
  'google-reconnect',
  'google-quota',
  'google-refused',
  'service-refused',
  'missing-udid',
  'network-timeout',
  'network-unreachable',
  'other',
] as const;
export type RunErrorCode = (typeof RUN_ERROR_CODES)[number];

/** A failed run's error as stored: what fixes it, what it was, and the words' parameters. */
export interface RunError {
  kind: RunErrorKind;
  code: RunErrorCode;
  params: string[];
}
