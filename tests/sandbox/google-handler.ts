// The Google sandbox as a fetch handler: OAuth implicit flow and revocation, People API listings
// and `people/me`, control routes.

import { googleControl } from './google-control.ts';
import { googleError, googleErrorForStatus } from './google-errors.ts';
import type { GoogleState } from './google-state.ts';
import { createPipeline } from './pipeline.ts';
import { realSleep, type Handler, type Sleep } from './transport.ts';

export interface GoogleHandlerOptions {
  /** How a `delay` fault waits; real timers by default. */
  sleep?: Sleep;
  /** Enables `POST /__control/clock {advanceMs}` (the sandbox clock must be adjustable). */
  advanceClock?: (ms: number) => void;
}

// Google's APIs answer CORS for any origin; browsers send Authorization, so it must be allowed.
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, WWW-Authenticate',
};
const PREFLIGHT = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Goog-Api-Client',
  'Access-Control-Max-Age': '3600',
};

export function createGoogleHandler(
  state: GoogleState,
  options: GoogleHandlerOptions = {},
): Handler {
  return createPipeline({
    faults: state.faults,
    log: state.log,
    now: state.now,
    sleep: options.sleep ?? realSleep,
    jsonContentType: 'application/json; charset=UTF-8',
    corsHeaders: CORS,
    preflightHeaders: PREFLIGHT,
    normalizePath: (pathname) => pathname,
    faultResult: (fault) =>
      fault.body === undefined
        ? googleErrorForStatus(fault.status)
        : { status: fault.status, json: fault.body },
    logRequestBodies: false,
    control: (request) => googleControl(state, request, options.advanceClock),
    api: (request) => {
      const route = `${request.method} ${request.path}`;
      const params = request.url.searchParams;
      switch (route) {
        case 'GET /o/oauth2/v2/auth':
          return state.authorize(params);
        case 'POST /revoke':
          return state.revokeRequest(request.headers.get('content-type'), request.bodyText, params);
        case 'GET /v1/people/me':
          return state.me(request.headers.get('authorization'), params);
        case 'GET /v1/people/me/connections':
          return state.connectionsList(request.headers.get('authorization'), params);
        case 'GET /v1/otherContacts':
          return state.otherContactsList(request.headers.get('authorization'), params);
        default:
          return googleError(404, 'NOT_FOUND', `Method not found: ${route}`);
      }
    },
  });
}
