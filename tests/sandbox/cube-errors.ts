// ConnectyCube's error bodies: `{"errors": {"base": ["…"]}}` or `{"errors": {"field": ["…"]}}`.

import type { ApiResult } from './transport.ts';

export function cubeErrors(status: number, errors: Record<string, string[]>): ApiResult {
  return { status, json: { errors } };
}

export function baseError(status: number, message: string): ApiResult {
  return cubeErrors(status, { base: [message] });
}

/** What the SDK recognises as "create a new session and retry" (Proxy.isExpiredSessionError). */
export const SESSION_MISSING = 'Required session does not exist';

export function sessionMissing(): ApiResult {
  return baseError(401, SESSION_MISSING);
}

const MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: SESSION_MISSING,
  403: 'Forbidden',
  404: 'Not found',
  413: 'Request entity too large',
  422: 'Unprocessable entity',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** The usual body for an injected status fault (a 401 looks like an expired session). */
export function cubeErrorForStatus(status: number): ApiResult {
  return baseError(status, MESSAGES[status] ?? 'Unexpected error');
}

/** Rails-style "validation failed" carried by exceptions from the state class. */
export class CubeValidationError extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super(
      Object.entries(errors)
        .map(([field, messages]) => `${field} ${messages.join(', ')}`)
        .join('; '),
    );
  }
}
