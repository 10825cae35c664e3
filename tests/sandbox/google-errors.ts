// Google's error bodies (`google.rpc.Status` in JSON), word for word where the reference gives them.

import type { ApiResult } from './transport.ts';

export interface GoogleErrorDetail {
  '@type': string;
  [key: string]: unknown;
}

export function googleError(
  code: number,
  status: string,
  message: string,
  details?: GoogleErrorDetail[],
): ApiResult {
  return {
    status: code,
    json: { error: { code, message, status, ...(details ? { details } : {}) } },
  };
}

export function invalidArgument(field: string, description: string): ApiResult {
  return googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
    {
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field, description }],
    },
  ]);
}

export function unauthenticated(): ApiResult {
  const result = googleError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie ' +
      'or other valid authentication credential. See ' +
      'https://developers.google.com/identity/sign-in/web/devconsole-project.',
  );
  return {
    ...result,
    headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
  };
}

export function permissionDenied(): ApiResult {
  return googleError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.', [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      domain: 'googleapis.com',
    },
  ]);
}

/**
 * An expired sync token, exactly as the reference gives it: HTTP 400 FAILED_PRECONDITION with the
 * reason EXPIRED_SYNC_TOKEN. `code` 410: the same body under the status Google's client library
 * docs describe (a status fault of 410 on a listing answers this), so clients are tested on both.
 */
export function expiredSyncToken(code: 400 | 410 = 400): ApiResult {
  return googleError(
    code,
    'FAILED_PRECONDITION',
    'Sync token is expired. Clear local cache and retry call without the sync token.',
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'EXPIRED_SYNC_TOKEN',
        domain: 'googleapis.com',
      },
    ],
  );
}

const STATUS_NAMES: Record<number, [string, string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  409: ['ABORTED', 'The operation was aborted.'],
  429: [
    'RESOURCE_EXHAUSTED',
    "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per " +
      "user' of service 'people.googleapis.com'.",
  ],
  500: ['INTERNAL', 'Internal error encountered.'],
  502: ['UNAVAILABLE', 'Bad Gateway'],
  503: ['UNAVAILABLE', 'The service is currently unavailable.'],
  504: ['DEADLINE_EXCEEDED', 'The request timed out.'],
};

/** The usual body for an injected status fault (a 410: the expired sync token's). */
export function googleErrorForStatus(code: number): ApiResult {
  if (code === 410) return expiredSyncToken(410);
  const [status, message] = STATUS_NAMES[code] ?? ['UNKNOWN', 'Unknown error.'];
  return googleError(code, status, message);
}
