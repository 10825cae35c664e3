import type { Table } from 'dexie';
import type { RunError, RunErrorCode, RunErrorKind } from '../domain/errors.ts';

/** A run as versions 1 to 3 stored it: its end told by optional fields, its error an English line. */
interface RunV3 {
  endedAt?: number;
  error?: string | RunError;
  errorKind?: 'cube-auth' | Exclude<RunErrorKind, 'cube-sign-in'>;
  status?: string;
}

/** The error classes whose line carries no more than their words say (describeError's prefix). */
const FIXED: Record<string, RunErrorCode> = {
  NeedsReconnectError: 'google-reconnect',
  CubeSignedOutError: 'cube-signed-out',
  CubeSessionEndedError: 'cube-session-ended',
  PeopleQuotaError: 'google-quota',
  ListingQuotaError: 'google-quota',
  MissingUdidError: 'missing-udid',
};

/** The refusals whose line is the service's own words. */
const REFUSED: Record<string, RunErrorCode> = {
  CubeApiError: 'cube-refused',
  GoogleApiError: 'google-refused',
  ServiceRefusedError: 'service-refused',
};

/** An English line of versions 1 to 3 ("CubeApiError: Unauthorized") as a typed error. */
export function legacyRunError(line: string, legacyKind: RunV3['errorKind']): RunError {
  const kind: RunErrorKind = legacyKind === 'cube-auth' ? 'cube-sign-in' : (legacyKind ?? 'other');
  const match = /^([A-Z]\w*Error): ([\s\S]*)$/.exec(line);
  const [name, message] = match ? [match[1]!, match[2]!] : ['', line];
  const fixed = FIXED[name];
  if (fixed) return { kind, code: fixed, params: [] };
  const refused = REFUSED[name];
  if (refused) return { kind, code: refused, params: [message] };
  if (name === 'NetworkError') {
    const timeout = /^(.+) did not answer in time/.exec(message);
    if (timeout) return { kind: 'network', code: 'network-timeout', params: [timeout[1]!] };
    const unreachable = /^Could not reach (.+?) \(/.exec(message);
    if (unreachable)
      return { kind: 'network', code: 'network-unreachable', params: [unreachable[1]!] };
  }
  return { kind, code: 'other', params: [message] };
}

/**
 * Version 4: each run gets its status from the optional fields, and a failed run's English line
 * becomes a typed error (the pages render it in the user's language from then on).
 */
export async function upgradeRunsToV4(runs: Table<RunV3>): Promise<void> {
  await runs.toCollection().modify((run) => {
    const line = run.error;
    const kind = run.errorKind;
    delete run.errorKind;
    if (run.endedAt === undefined) {
      run.status = 'running';
      delete run.error;
    } else if (typeof line !== 'string') {
      run.status = 'ok';
      delete run.error;
    } else if (line.startsWith('interrupted')) {
      run.status = 'interrupted';
      delete run.error;
    } else {
      run.status = 'failed';
      run.error = legacyRunError(line, kind);
    }
  });
}
