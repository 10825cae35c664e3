import type { RetryDeps, RetryPolicy } from '../net/retry.ts';
import {
  isUdid,
  MissingUdidError,
  type AddressBookPort,
  type CubeUser,
  type UploadRequest,
  type UploadResult,
} from '../sync/ports.ts';
import { list, readItems, record } from '../net/shape.ts';
import {
  CUBE,
  readBookEntry,
  readProfile,
  readRegistered,
  readSubscription,
  readUploadAnswer,
  wireContact,
} from './answers.ts';
import type { FirebaseTokens } from '../phone/firebase-token.ts';
import type { SubscriptionBody } from './push.ts';
import { createdBySignIn, sameUser, waitingFor } from './on-the-fly.ts';
import { PROFILES_PER_REQUEST, profilesQuery } from './profiles-query.ts';
import {
  CubeAccountChangedError,
  CubeApiError,
  CubeSignedOutError,
  errorReasons,
  SESSION_GONE,
} from './errors.ts';
import { passwordSession, phoneSession, readJson, renewSession, retryingSend } from './session.ts';
import type {
  CubeAccount,
  CubeAccountCredentials,
  CubeCredentials,
  CubeProfile,
  ErrorBody,
  PhoneSignIn,
  SessionAnswer,
} from './types.ts';

export interface CubeAccountStore {
  get(): Promise<CubeAccount | null>;
  set(account: CubeAccount | null): Promise<void>;
}

export interface CubeClientOptions {
  store: CubeAccountStore;
  net: RetryDeps;
  policy?: RetryPolicy;
  now(): number;
  /**
   * Renews a phone account's Firebase ID token with its refresh token (lib/phone/firebase-token.ts).
   * Absent: a phone account whose session ended waits for the user to sign in again.
   */
  firebase?: { refresh(refreshToken: string): Promise<FirebaseTokens> };
}

export interface CubeClient extends AddressBookPort {
  /**
   * Creates a session; an account created on the fly by it is stored as 'confirm-new' (and one
   * that was, signed in to again, stays so until the user answers).
   */
  signIn(credentials: CubeCredentials, staySignedIn: boolean): Promise<CubeAccount>;
  /**
   * A `firebase_phone` session from the hosted page's tokens; the refresh token is kept to renew it
   * (in storage.local only with "Stay signed in"). An account the sign-in created (an unknown
   * number) is stored as 'confirm-new', as for a login.
   */
  signInWithPhone(sign: PhoneSignIn, staySignedIn: boolean): Promise<CubeAccount>;
  /** `DELETE /session` (best effort: the local sign-out happens whatever the server says). */
  signOut(): Promise<void>;
  /**
   * The account the sign-in created, user `userId`: "Keep it". Throws CubeAccountChangedError
   * unless that account is the one stored and still waits for the answer.
   */
  keepAccount(userId: number): Promise<void>;
  /**
   * The account the sign-in created, user `userId`: "Delete it" (`DELETE /users/{id}`, then sign
   * out). Throws CubeAccountChangedError, sending nothing, unless that account is the one stored
   * and still waits for the answer.
   */
  deleteAccount(userId: number): Promise<void>;
  /** `POST /subscriptions`: this browser receives a push when a contact joins. */
  subscribe(body: SubscriptionBody): Promise<void>;
  /**
   * `GET /subscriptions` then `DELETE /subscriptions/{id}` for those of this device's udid; an item
   * whose id is not a positive integer is never sent back (`dropped`).
   */
  unsubscribe(udid: string): Promise<{ deleted: number; dropped: number }>;
}

/** A udid given must name a book: a blank one would read or write the shared book instead. */
function checkUdid(udid: string): void {
  if (!isUdid(udid)) throw new MissingUdidError();
}

function ignoreNotFound(error: unknown): null {
  if (error instanceof CubeApiError && error.status === 404) return null;
  throw error;
}

export function createCubeClient(options: CubeClientOptions): CubeClient {
  const send = retryingSend(options.net, options.policy);

  /** Stores the account a sign-in made; one it created waits for the user's answer. */
  async function signedIn(
    session: SessionAnswer['session'],
    credentials: CubeAccountCredentials,
  ): Promise<CubeAccount> {
    const user: CubeProfile = session.user ?? { id: session.user_id };
    const account: CubeAccount = {
      credentials,
      token: session.token,
      user,
      state: createdBySignIn(user, session.created_at, options.now()) ? 'confirm-new' : 'active',
    };
    // Signed in to again (its session was gone): it no longer looks just made, yet the user has
    // still not said whether to keep it.
    const previous = await options.store.get();
    if (previous?.state === 'confirm-new' && sameUser(previous, account))
      account.state = 'confirm-new';
    await options.store.set(account);
    return account;
  }

  /**
   * Calls the API with the stored session; a vanished session is renewed once, then retried.
   * `check` vets the account each time it is read, before anything is sent with it.
   */
  async function call<T>(
    method: string,
    path: string,
    body: unknown,
    signal?: AbortSignal,
    check?: (account: CubeAccount) => void,
  ): Promise<T> {
    for (let renewed = false; ; renewed = true) {
      let account = await options.store.get();
      if (!account) throw new CubeSignedOutError();
      check?.(account);
      if (!account.token) {
        account = await renewSession(account, { send, ...options }, signal);
        await options.store.set(account);
      }
      const response = await send(
        `${account.credentials.endpoint}${path}`,
        {
          method,
          headers: {
            'CB-Token': account.token ?? '',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        },
        signal,
      );
      const answer = await readJson<T & ErrorBody>(response);
      if (response.ok) return answer as T;
      const reasons = errorReasons(answer);
      if (response.status === 401 && reasons.includes(SESSION_GONE) && !renewed) {
        const { token: _stale, ...rest } = account;
        await options.store.set(rest);
        continue;
      }
      throw new CubeApiError(response.status, reasons);
    }
  }

  async function endSession(account: CubeAccount | null): Promise<void> {
    await options.store.set(null);
    if (account?.token) {
      // Best effort: the local sign-out already happened, a dead session expires by itself.
      await send(`${account.credentials.endpoint}/session`, {
        method: 'DELETE',
        headers: { 'CB-Token': account.token },
      }).catch(() => undefined);
    }
  }

  return {
    async signIn(credentials, staySignedIn) {
      const { password, ...rest } = credentials;
      const session = await passwordSession(send, credentials, credentials.login, password);
      return signedIn(session, staySignedIn ? { ...rest, password } : rest);
    },
    async signInWithPhone(sign, staySignedIn) {
      const session = await phoneSession(send, sign, sign.projectId, sign.idToken);
      const { endpoint, applicationId, authKey, projectId, phone, refreshToken } = sign;
      return signedIn(session, {
        endpoint,
        applicationId,
        authKey,
        method: 'phone',
        projectId,
        phone,
        staySignedIn,
        refreshToken,
      });
    },
    async signOut() {
      await endSession(await options.store.get());
    },
    async keepAccount(userId) {
      const account = await options.store.get();
      if (!waitingFor(account, userId)) throw new CubeAccountChangedError(userId);
      await options.store.set({ ...account, state: 'active' });
    },
    async deleteAccount(userId) {
      // Checked again on each read inside `call`: what is deleted is the account the user saw.
      const check = (account: CubeAccount | null) => {
        if (!waitingFor(account, userId)) throw new CubeAccountChangedError(userId);
      };
      check(await options.store.get());
      await call<unknown>(
        'DELETE',
        `/users/${encodeURIComponent(String(userId))}`,
        undefined,
        undefined,
        check,
      );
      // The session may have gone with the user: ending it is best effort. Only that account's:
      // whatever else may be stored by now stays signed in.
      const after = await options.store.get();
      if (after?.user.id === userId) await endSession(after);
    },
    async subscribe(body) {
      await call<unknown>('POST', '/subscriptions', body);
    },
    async unsubscribe(udid) {
      // A 404 means there is nothing (left) to delete: the outcome wanted.
      const answer = await call<unknown>('GET', '/subscriptions', undefined).catch(ignoreNotFound);
      const { items, dropped } = readItems(list(CUBE, 'subscriptions', answer), readSubscription);
      const ours = items.filter((item) => item.udid === udid);
      for (const { id } of ours) {
        await call<unknown>('DELETE', `/subscriptions/${id}`, undefined).catch(ignoreNotFound);
      }
      return { deleted: ours.length, dropped };
    },
    async upload(request: UploadRequest, signal?: AbortSignal): Promise<UploadResult> {
      // The server keeps books apart by udid alone: without one the shared book is meant, which a
      // force would replace whole.
      if (request.udid !== undefined) checkUdid(request.udid);
      if (request.force && !isUdid(request.udid))
        throw new MissingUdidError(
          'A forced upload needs a book of its own (a udid); nothing was sent',
        );
      const answer = await call<unknown>(
        'POST',
        '/address_book',
        {
          contacts: request.contacts.map(wireContact),
          ...(request.force ? { force: 1 } : {}),
          ...(request.udid ? { udid: request.udid } : {}),
        },
        signal,
      );
      return readUploadAnswer(answer, request.contacts.length);
    },
    async registeredUsers(udid, signal) {
      if (udid !== undefined) checkUdid(udid);
      // Compact: the check runs every sync, profiles are fetched apart, only when needed.
      const query = new URLSearchParams({ compact: '1', ...(udid ? { udid } : {}) });
      const answer = await call<unknown>(
        'GET',
        `/address_book/registered_users?${query}`,
        undefined,
        signal,
      );
      const items = list(CUBE, 'items', record(CUBE, 'registered users', answer).items);
      return readItems(items, readRegistered);
    },
    profilesPerRequest: PROFILES_PER_REQUEST,
    async profiles(ids, signal) {
      const unique = [...new Set(ids)];
      const found: CubeUser[] = [];
      let dropped = 0;
      // One page per request: at most PROFILES_PER_REQUEST ids with `limit` as large match them all.
      for (let start = 0; start < unique.length; start += PROFILES_PER_REQUEST) {
        const page = unique.slice(start, start + PROFILES_PER_REQUEST);
        const answer = await call<unknown>(
          'GET',
          `/users/v2?${profilesQuery(page)}`,
          undefined,
          signal,
        );
        const read = readItems(
          list(CUBE, 'items', record(CUBE, 'users', answer).items),
          readProfile,
        );
        found.push(...read.items);
        dropped += read.dropped;
      }
      return { items: found, dropped };
    },
    async book(udid, signal) {
      if (udid !== undefined) checkUdid(udid);
      const query = udid ? `?${new URLSearchParams({ udid })}` : '';
      const answer = await call<unknown>('GET', `/address_book${query}`, undefined, signal);
      return readItems(list(CUBE, 'address book', answer), readBookEntry);
    },
  };
}
