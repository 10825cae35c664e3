import { NeedsUserError, ServiceRefusedError } from '../sync/ports.ts';
import type { ErrorBody } from './types.ts';

export const SESSION_GONE = 'Required session does not exist';

/** A refusal from ConnectyCube, with the server's own words (shown to the user as they are). */
export class CubeApiError extends ServiceRefusedError {
  override name = 'CubeApiError';
  override readonly code = 'cube-refused';
  constructor(
    status: number,
    readonly reasons: string[],
  ) {
    // A 401 that survived the session renewal, or a 403: the stored password or app keys are refused.
    super(
      status,
      reasons.length > 0 ? reasons.join(' ') : `HTTP ${status}`,
      status === 401 || status === 403 ? 'cube-sign-in' : undefined,
    );
  }
}

/** Not signed in to ConnectyCube (or signed out): syncing waits for the user. */
export class CubeSignedOutError extends NeedsUserError {
  override name = 'CubeSignedOutError';
  constructor() {
    super('cube-sign-in', 'ConnectyCube account not signed in', 'cube-signed-out');
  }
}

/** The session ended and the password was not kept ("Stay signed in" off): sign in again. */
export class CubeSessionEndedError extends NeedsUserError {
  override name = 'CubeSessionEndedError';
  constructor() {
    super('cube-sign-in', 'The ConnectyCube session ended: sign in again', 'cube-session-ended');
  }
}

/**
 * "Keep it" or "Delete it" for an account that is not the one stored, or no longer waits for that
 * answer (a page left open while another tab deleted, kept or replaced it): nothing is sent.
 */
export class CubeAccountChangedError extends Error {
  override name = 'CubeAccountChangedError';
  constructor(readonly userId: number) {
    super(`The account ${userId} is no longer the one waiting to be kept or deleted`);
  }
}

/** Flattens the API's three error shapes into sentences. */
export function errorReasons(body: ErrorBody | null): string[] {
  const errors = body?.errors;
  if (!errors) return [];
  if (Array.isArray(errors)) return errors.map(String);
  return Object.entries(errors).flatMap(([field, list]) =>
    (Array.isArray(list) ? list : [String(list)]).map((m) =>
      field === 'base' ? m : `${field} ${m}`,
    ),
  );
}
