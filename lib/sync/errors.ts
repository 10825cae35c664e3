import type { RunError } from '../domain/errors.ts';
import { NetworkError } from '../net/network-error.ts';
import { MissingUdidError, NeedsUserError, ServiceRefusedError } from './ports.ts';

/**
 * An error as one line for a log or an untranslated detail: no credentials (errors from the
 * clients never carry tokens, passwords or query strings).
 */
export function describeError(error: unknown): string {
  if (error instanceof Error)
    return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

/**
 * A run's error as the run record stores it: what fixes it and which words say it, so the UI
 * never parses text and shows it in the user's language (lib/run-error-text.ts).
 */
export function toRunError(error: unknown): RunError {
  if (error instanceof NeedsUserError) return { kind: error.fix, code: error.code, params: [] };
  if (error instanceof ServiceRefusedError) {
    if (error.code === 'google-quota')
      return { kind: 'google-quota', code: error.code, params: [] };
    return { kind: error.fix ?? 'other', code: error.code, params: [error.message] };
  }
  if (error instanceof NetworkError) {
    const code = error.failure === 'timeout' ? 'network-timeout' : 'network-unreachable';
    return { kind: 'network', code, params: [error.host] };
  }
  if (error instanceof MissingUdidError) return { kind: 'other', code: 'missing-udid', params: [] };
  return {
    kind: 'other',
    code: 'other',
    params: [error instanceof Error ? error.message : String(error)],
  };
}
