import type { ErrorKind } from '../db/schema.ts';
import { NetworkError } from '../net/network-error.ts';
import { ListingQuotaError, NeedsUserError, ServiceRefusedError } from './ports.ts';

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
  if (error instanceof NeedsUserError) return error.fix;
  if (error instanceof ListingQuotaError) return 'google-quota';
  if (error instanceof ServiceRefusedError && error.fix) return error.fix;
  if (error instanceof NetworkError) return 'network';
  return 'other';
}
