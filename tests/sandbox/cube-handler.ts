// The ConnectyCube sandbox as a fetch handler: sessions, users, books, subscriptions, control.

import {
  createSession,
  createSubscription,
  deleteSubscription,
  deleteUser,
  getAddressBook,
  getRegisteredUsers,
  listSubscriptions,
  listUsersV2,
  sessionJson,
  uploadAddressBook,
} from './cube-api.ts';
import { cubeControl } from './cube-control.ts';
import { baseError, cubeErrorForStatus, sessionMissing } from './cube-errors.ts';
import type { CubeState } from './cube-state.ts';
import { createPipeline, type SandboxRequest } from './pipeline.ts';
import { parseJsonBody, realSleep, type ApiResult, type Handler, type Sleep } from './transport.ts';

export interface CubeHandlerOptions {
  /** How a `delay` fault waits; real timers by default. */
  sleep?: Sleep;
  /** Enables `POST /__control/clock {advanceMs}` (the sandbox clock must be adjustable). */
  advanceClock?: (ms: number) => void;
}

// The JS SDK calls the API from ordinary web pages, so the API answers CORS for any origin.
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
};
const PREFLIGHT = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'CB-Token, CB-SDK, CB-AuthKey, Content-Type',
  'Access-Control-Max-Age': '86400',
};

/** The SDK appends `.json` to every route (`/session.json`); the bare path is the same route. */
export function normalizeCubePath(pathname: string): string {
  return pathname.replace(/\/+$/, '').replace(/\.json$/, '') || '/';
}

export function createCubeHandler(state: CubeState, options: CubeHandlerOptions = {}): Handler {
  return createPipeline({
    faults: state.faults,
    log: state.log,
    now: state.now,
    sleep: options.sleep ?? realSleep,
    jsonContentType: 'application/json; charset=utf-8',
    corsHeaders: CORS,
    preflightHeaders: PREFLIGHT,
    normalizePath: normalizeCubePath,
    faultResult: (fault) =>
      fault.body === undefined
        ? cubeErrorForStatus(fault.status)
        : { status: fault.status, json: fault.body },
    logRequestBodies: true,
    control: (request) => cubeControl(state, request, options.advanceClock),
    api: (request) => route(state, request),
  });
}

function route(state: CubeState, request: SandboxRequest): ApiResult {
  const { method, path } = request;
  // Routes with an id in the path answer DELETE only (`/subscriptions/501`, `/users/8101`).
  const fixed = ROUTES[path];
  const [, collection, id] = fixed ? [] : (/^\/(subscriptions|users)\/([^/]+)$/.exec(path) ?? []);
  const known = id !== undefined ? method === 'DELETE' : (fixed ?? []).includes(method);
  if (!known) return baseError(404, 'Not found');

  const body = parseJsonBody(request.bodyText);
  if (body instanceof Error) return baseError(400, `Invalid JSON in request body: ${body.message}`);
  if (method === 'POST' && path === '/session') return createSession(state, body);

  // Every other call needs a live session; each one prolongs it.
  const session = state.useSession(request.headers.get('CB-Token'));
  if (!session) return sessionMissing();
  const query = request.url.searchParams;
  if (id !== undefined) {
    return collection === 'users'
      ? deleteUser(state, session, id)
      : deleteSubscription(state, session, id);
  }
  switch (`${method} ${path}`) {
    case 'GET /session':
      return { status: 200, json: { session: sessionJson(state, session) } };
    case 'DELETE /session':
      state.sessions.destroy(session.token);
      return { status: 200, text: '' };
    case 'POST /address_book':
      return uploadAddressBook(state, session, body);
    case 'GET /address_book':
      return getAddressBook(state, session, query);
    case 'GET /address_book/registered_users':
      return getRegisteredUsers(state, session, query);
    case 'GET /users/v2':
      return listUsersV2(state, session, query);
    case 'POST /subscriptions':
      return createSubscription(state, session, body);
    default:
      return listSubscriptions(state, session);
  }
}

const ROUTES: Record<string, readonly string[]> = {
  '/session': ['POST', 'GET', 'DELETE'],
  '/address_book': ['POST', 'GET'],
  '/address_book/registered_users': ['GET'],
  '/users/v2': ['GET'],
  '/subscriptions': ['POST', 'GET'],
};
