// The ConnectyCube REST routes as pure functions of (state, session, request data) -> ApiResult.

import { parseFlag, MAX_UDID_LENGTH } from './cube-books.ts';
import { baseError, cubeErrors, CubeValidationError } from './cube-errors.ts';
import { providerUser } from './cube-phone-session.ts';
import { isSubscriptionInput, parseSubscription, subscriptionJson } from './cube-push.ts';
import { verifySignature, type CubeSession } from './cube-sessions.ts';
import type { CubeState } from './cube-state.ts';
import { answerUsersV2, parseUsersV2Query } from './cube-users-query.ts';
import { profileOf, railsTime, type CubeUserRecord } from './cube-users.ts';
import { isRecord, type ApiResult } from './transport.ts';

const UNEXPECTED_SIGNATURE = 'Unexpected signature';

/**
 * `POST /session`: an application session, a user session from login/email + password, or one
 * from a provider's token (`firebase_phone`, cube-phone-session.ts).
 */
export function createSession(state: CubeState, body: unknown): ApiResult {
  const record = isRecord(body) ? body : {};
  const errors: Record<string, string[]> = {};
  const applicationId = scalar(record.application_id);
  const authKey = scalar(record.auth_key);
  if (!applicationId) errors.application_id = ["can't be blank"];
  if (!authKey) errors.auth_key = ["can't be blank"];
  if (Object.keys(errors).length > 0) return cubeErrors(422, errors);
  const app = applicationId ? state.findApp(applicationId) : undefined;
  if (!app || app.authKey !== authKey) return baseError(401, UNEXPECTED_SIGNATURE);
  // SDK 6.x sends no signature; older clients and the docs' example sign with the auth secret.
  if (record.signature !== undefined && !verifySignature(record, app.authSecret)) {
    return baseError(401, UNEXPECTED_SIGNATURE);
  }
  const nonce = Number(record.nonce);
  const nonceValue = Number.isFinite(nonce) && record.nonce !== undefined ? nonce : undefined;
  if (record.provider !== undefined) {
    const user = providerUser(state, app, record);
    return 'status' in user ? user : openUserSession(state, user, nonceValue);
  }
  if (record.user === undefined) {
    const session = state.sessions.create(app.applicationId, null, state.now(), nonceValue);
    return { status: 201, json: { session: sessionJson(state, session) } };
  }

  const user = isRecord(record.user) ? record.user : {};
  const login = scalar(user.login);
  const email = scalar(user.email);
  const password = scalar(user.password);
  if (!login && !email) errors.login = ["can't be blank"];
  if (!password) errors.password = ["can't be blank"];
  if (Object.keys(errors).length > 0 || !password) return cubeErrors(422, errors);

  let found: CubeUserRecord | undefined = login
    ? state.users.findByCredential(app.applicationId, 'login', login)
    : email
      ? state.users.findByCredential(app.applicationId, 'email', email)
      : undefined;
  if (!found && app.createUsersOnSession) {
    try {
      const created = state.registerUser({
        password,
        applicationId: app.applicationId,
        ...(login ? { login } : {}),
        ...(email ? { email } : {}),
      });
      found = state.users.get(created.id);
    } catch (error) {
      if (error instanceof CubeValidationError) return cubeErrors(422, error.errors);
      throw error;
    }
  }
  if (!found || found.password !== password) return baseError(401, 'Unauthorized');
  return openUserSession(state, found, nonceValue);
}

function openUserSession(state: CubeState, user: CubeUserRecord, nonce?: number): ApiResult {
  const now = state.now();
  user.lastRequestAt = now;
  const session = state.sessions.create(user.applicationId, user.id, now, nonce);
  return { status: 201, json: { session: sessionJson(state, session) } };
}

export function sessionJson(state: CubeState, session: CubeSession): Record<string, unknown> {
  const user = session.userId === null ? undefined : state.users.get(session.userId);
  const numericApp = Number(session.applicationId);
  return {
    id: session.id,
    user_id: session.userId ?? 0,
    application_id: Number.isInteger(numericApp) ? numericApp : session.applicationId,
    token: session.token,
    ts: session.ts,
    created_at: railsTime(session.createdAt),
    updated_at: railsTime(session.updatedAt),
    nonce: session.nonce,
    ...(user ? { user: profileOf(user) } : {}),
  };
}

/** The udid of a request (undefined = global book), or the 422 to answer. */
function parseUdid(value: unknown): { udid: string | undefined } | ApiResult {
  if (value === undefined || value === null || value === '') return { udid: undefined };
  if (typeof value !== 'string' && typeof value !== 'number') {
    return cubeErrors(422, { udid: ['is invalid'] });
  }
  const udid = String(value);
  if (udid.length > MAX_UDID_LENGTH) {
    return cubeErrors(422, { udid: [`is too long (maximum is ${MAX_UDID_LENGTH} characters)`] });
  }
  return { udid };
}

function userOf(session: CubeSession): number | ApiResult {
  // An application session (no user) cannot own an address book.
  return session.userId ?? baseError(403, 'Forbidden. Need user.');
}

/** `POST /address_book`. */
export function uploadAddressBook(
  state: CubeState,
  session: CubeSession,
  body: unknown,
): ApiResult {
  // Checked first, as the server or proxy in front refuses a large body before anything else.
  const maxBatch = state.findApp(session.applicationId)?.maxBatch ?? null;
  if (maxBatch !== null && isRecord(body) && Array.isArray(body.contacts)) {
    if (body.contacts.length > maxBatch) return baseError(413, 'Request Entity Too Large');
  }
  const userId = userOf(session);
  if (typeof userId !== 'number') return userId;
  if (!isRecord(body) || !Array.isArray(body.contacts)) {
    return baseError(422, 'Contacts should be an array');
  }
  const udid = parseUdid(body.udid);
  if ('status' in udid) return udid;
  const force = parseFlag(body.force);
  if (force === undefined) return cubeErrors(422, { force: ['is invalid'] });
  const result = state.upload(userId, body.contacts, {
    force,
    ...(udid.udid === undefined ? {} : { udid: udid.udid }),
  });
  return { status: 200, json: result };
}

/** `GET /address_book[?udid]`. */
export function getAddressBook(
  state: CubeState,
  session: CubeSession,
  query: URLSearchParams,
): ApiResult {
  const userId = userOf(session);
  if (typeof userId !== 'number') return userId;
  const udid = parseUdid(query.get('udid') ?? undefined);
  if ('status' in udid) return udid;
  return { status: 200, json: state.book(userId, udid.udid) };
}

/** `GET /address_book/registered_users[?udid&compact]`. */
export function getRegisteredUsers(
  state: CubeState,
  session: CubeSession,
  query: URLSearchParams,
): ApiResult {
  const userId = userOf(session);
  if (typeof userId !== 'number') return userId;
  const udid = parseUdid(query.get('udid') ?? undefined);
  if ('status' in udid) return udid;
  const compact = parseFlag(query.get('compact') ?? undefined) ?? false;
  const items = state.registeredUsers(userId, udid.udid, compact).map((user) => ({ user }));
  return { status: 200, json: { items } };
}

/**
 * `GET /users/v2`: the users of the caller's application, filtered (at least one stand-alone field
 * with a primary operator, e.g. `id[in][]=…`), sorted and paged (`limit` at most 100). Needs a
 * user session, as the docs say for all of the Users API.
 */
export function listUsersV2(
  state: CubeState,
  session: CubeSession,
  query: URLSearchParams,
): ApiResult {
  const userId = userOf(session);
  if (typeof userId !== 'number') return userId;
  const parsed = parseUsersV2Query(query);
  if (Array.isArray(parsed)) return cubeErrors(422, { base: parsed });
  return { status: 200, json: answerUsersV2(state.users.all(session.applicationId), parsed) };
}

/** `POST /subscriptions`. */
export function createSubscription(
  state: CubeState,
  session: CubeSession,
  body: unknown,
): ApiResult {
  const userId = userOf(session);
  if (typeof userId !== 'number') return userId;
  const input = parseSubscription(body);
  if (!isSubscriptionInput(input)) return cubeErrors(422, input);
  const subscription = state.subscribe(userId, session.applicationId, input);
  return { status: 201, json: [subscriptionJson(subscription)] };
}

export function listSubscriptions(state: CubeState, session: CubeSession): ApiResult {
  const userId = userOf(session);
  if (typeof userId !== 'number') return userId;
  return { status: 200, json: state.subscriptionsJson(userId) };
}

export function deleteSubscription(state: CubeState, session: CubeSession, id: string): ApiResult {
  const userId = userOf(session);
  if (typeof userId !== 'number') return userId;
  return state.unsubscribe(userId, Number(id))
    ? { status: 200, text: '' }
    : baseError(404, 'Subscription not found');
}

/**
 * `DELETE /users/{id}`: a user may delete only their own account. An unknown (or non-numeric) id
 * is a 404 whoever asks; an application session, or another user's, is a 403.
 */
export function deleteUser(state: CubeState, session: CubeSession, id: string): ApiResult {
  const callerId = userOf(session);
  if (typeof callerId !== 'number') return callerId;
  const userId = /^\d+$/.test(id) ? Number(id) : NaN;
  if (!state.users.get(userId)) return baseError(404, USER_NOT_FOUND);
  if (userId !== callerId) return baseError(403, NOT_PERMITTED);
  state.deleteUser(userId);
  return { status: 200, text: '' };
}

export const USER_NOT_FOUND = 'Entity you are looking for was not found.';
export const NOT_PERMITTED = "You don't have appropriate permissions to perform this operation";

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
