import { fetchWithRetry, type RetryDeps, type RetryPolicy } from '../net/retry.ts';
import type { AddressBookPort, CubeUser, UploadRequest, UploadResult } from '../sync/ports.ts';
import type { SubscriptionBody } from './push.ts';
import type {
  CubeAccount,
  CubeCredentials,
  ErrorBody,
  RegisteredUsersAnswer,
  SessionAnswer,
  UploadAnswer,
} from './types.ts';

export const SESSION_GONE = 'Required session does not exist';

/** A refusal from ConnectyCube, with the server's own words (shown to the user as they are). */
export class CubeApiError extends Error {
  override name = 'CubeApiError';
  constructor(
    readonly status: number,
    readonly reasons: string[],
  ) {
    super(reasons.length > 0 ? reasons.join(' ') : `HTTP ${status}`);
  }
}

/** Not signed in to ConnectyCube (or signed out): syncing waits for the user. */
export class CubeSignedOutError extends Error {
  override name = 'CubeSignedOutError';
  constructor() {
    super('ConnectyCube account not signed in');
  }
}

export interface CubeAccountStore {
  get(): Promise<CubeAccount | null>;
  set(account: CubeAccount | null): Promise<void>;
}

export interface CubeClientOptions {
  store: CubeAccountStore;
  net: RetryDeps;
  policy?: RetryPolicy;
}

export interface CubeClient extends AddressBookPort {
  signIn(credentials: CubeCredentials): Promise<CubeAccount>;
  signOut(): Promise<void>;
  /** `POST /subscriptions`: this browser receives a push when a contact joins. */
  subscribe(body: SubscriptionBody): Promise<void>;
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

async function readJson<T>(response: Response): Promise<T | null> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function createCubeClient(options: CubeClientOptions): CubeClient {
  async function send(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
    signal?: AbortSignal,
  ): Promise<Response> {
    return fetchWithRetry(
      url,
      { ...init, ...(signal ? { signal } : {}) },
      options.net,
      options.policy,
    );
  }

  async function createSession(
    credentials: CubeCredentials,
    signal?: AbortSignal,
  ): Promise<SessionAnswer['session']> {
    const user = credentials.login.includes('@')
      ? { email: credentials.login, password: credentials.password }
      : { login: credentials.login, password: credentials.password };
    const response = await send(
      `${credentials.endpoint}/session`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          application_id: credentials.applicationId,
          auth_key: credentials.authKey,
          user,
        }),
      },
      signal,
    );
    const body = await readJson<SessionAnswer & ErrorBody>(response);
    if (!response.ok || !body?.session?.token)
      throw new CubeApiError(response.status, errorReasons(body));
    return body.session;
  }

  /** Calls the API with the stored session; a vanished session is renewed once, then retried. */
  async function call<T>(
    method: string,
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    for (let renewed = false; ; renewed = true) {
      let account = await options.store.get();
      if (!account) throw new CubeSignedOutError();
      if (!account.token) {
        const session = await createSession(account.credentials, signal);
        account = { ...account, token: session.token };
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

  return {
    async signIn(credentials) {
      const session = await createSession(credentials);
      const account: CubeAccount = {
        credentials,
        token: session.token,
        user: session.user ?? { id: session.user_id },
      };
      await options.store.set(account);
      return account;
    },
    async signOut() {
      const account = await options.store.get();
      await options.store.set(null);
      if (account?.token) {
        // Best effort: the local sign-out already happened, a dead session expires by itself.
        await send(`${account.credentials.endpoint}/session`, {
          method: 'DELETE',
          headers: { 'CB-Token': account.token },
        }).catch(() => undefined);
      }
    },
    async subscribe(body) {
      await call<unknown>('POST', '/subscriptions', body);
    },
    async upload(request: UploadRequest, signal?: AbortSignal): Promise<UploadResult> {
      const answer = await call<UploadAnswer>(
        'POST',
        '/address_book',
        {
          contacts: request.contacts,
          ...(request.force ? { force: 1 } : {}),
          ...(request.udid ? { udid: request.udid } : {}),
        },
        signal,
      );
      return {
        created: answer?.created ?? 0,
        updated: answer?.updated ?? 0,
        deleted: answer?.deleted ?? 0,
        rejected: answer?.rejected ?? {},
      };
    },
    async registeredUsers(udid, signal): Promise<CubeUser[]> {
      const query = new URLSearchParams({ compact: '0', ...(udid ? { udid } : {}) });
      const answer = await call<RegisteredUsersAnswer>(
        'GET',
        `/address_book/registered_users?${query}`,
        undefined,
        signal,
      );
      return (answer?.items ?? []).map(({ user }) => ({
        ...user,
        address_book_name: user.address_book_name ?? '',
      }));
    },
    async book(udid, signal) {
      const query = udid ? `?${new URLSearchParams({ udid })}` : '';
      const answer = await call<{ phone: string; name: string }[]>(
        'GET',
        `/address_book${query}`,
        undefined,
        signal,
      );
      return Array.isArray(answer) ? answer : [];
    },
  };
}
