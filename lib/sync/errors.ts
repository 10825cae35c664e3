import { CubeApiError, CubeSessionEndedError, CubeSignedOutError } from '../connectycube/errors.ts';
import type { ErrorKind } from '../db/schema.ts';
import { NeedsReconnectError } from '../google/errors.ts';
import { NetworkError } from '../net/network-error.ts';

/**
 * A run's error as the user reads it in the activity list: one line, no credentials (errors from
 * the clients never carry tokens, passwords or query strings).
 */
export function describeError(error: unknown): string {
  if (error instanceof Error)
    return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

/** Sorts a run's error by what fixes it, so the UI never has to parse the text. */
export function classifyError(error: unknown): ErrorKind {
  if (error instanceof NeedsReconnectError) return 'google-reconnect';
  if (error instanceof CubeSignedOutError || error instanceof CubeSessionEndedError)
    return 'cube-auth';
  // A 401 that survived the session renewal: the stored password or app keys are refused.
  if (error instanceof CubeApiError && (error.status === 401 || error.status === 403))
    return 'cube-auth';
  if (error instanceof NetworkError) return 'network';
  return 'other';
}
