// Typed clients for the sandboxes' `/__control/` endpoints, for tests that reach the servers over
// HTTP (e2e with a real browser). In-process tests can call the state classes directly instead.

import type { BookEntry, UploadResult } from './cube-books.ts';
import type { JoinEvent, Subscription } from './cube-push.ts';
import type { CubeApp, CubeAppSettings } from './cube-state.ts';
import type { CubeUserProfile, RegisterUserInput } from './cube-users.ts';
import type { Fault, FaultRule } from './faults.ts';
import type { PersonInput, PersonJson, PersonPatch } from './google-people.ts';
import type { AuthMode, GrantRule } from './google-oauth.ts';
import type { LogEntry } from './request-log.ts';

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(`control request failed (${status}): ${message}`);
  }
}

export interface ControlSession {
  token: string;
  user_id: number | null;
  application_id: string;
  last_used_at: number;
  expires_at: number;
}

abstract class ControlClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  protected async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await this.fetchImpl(`${this.baseUrl}/__control/${route}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const data: unknown = text === '' ? {} : JSON.parse(text);
    if (!response.ok) {
      const error =
        typeof data === 'object' && data !== null && 'error' in data ? String(data.error) : text;
      throw new ControlError(response.status, error, data);
    }
    return data as T;
  }

  async injectFaults(path: string, faults: Fault[], method?: string): Promise<FaultRule[]> {
    const answer = await this.call<{ pending: FaultRule[] }>('POST', 'faults', {
      path,
      faults,
      ...(method ? { method } : {}),
    });
    return answer.pending;
  }

  async pendingFaults(): Promise<FaultRule[]> {
    return (await this.call<{ pending: FaultRule[] }>('GET', 'faults')).pending;
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  async log(): Promise<LogEntry[]> {
    return (await this.call<{ entries: LogEntry[] }>('GET', 'log')).entries;
  }

  async clearLog(): Promise<void> {
    await this.call('DELETE', 'log');
  }

  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  /** Loads this server's part of the sample data (see seed.ts), e.g. after a reset. */
  async seed(): Promise<void> {
    await this.call('POST', 'seed');
  }

  async now(): Promise<number> {
    return (await this.call<{ now: number }>('GET', 'clock')).now;
  }

  /** Moves the shared sandbox clock forward (both servers when started by startSandbox). */
  async advanceClock(ms: number): Promise<number> {
    return (await this.call<{ now: number }>('POST', 'clock', { advanceMs: ms })).now;
  }
}

export class GoogleControl extends ControlClient {
  async addPeople(people: PersonInput[]): Promise<string[]> {
    return (await this.call<{ resourceNames: string[] }>('POST', 'people', { people }))
      .resourceNames;
  }

  async addPerson(person: PersonInput): Promise<string> {
    const [resourceName] = await this.addPeople([person]);
    if (!resourceName) throw new ControlError(500, 'no resourceName returned', undefined);
    return resourceName;
  }

  /** `ref`: `c123…` or `people/c123…`. */
  async updatePerson(ref: string, patch: PersonPatch): Promise<void> {
    await this.call('PATCH', `people/${encodeURIComponent(ref)}`, patch);
  }

  async deletePerson(ref: string): Promise<void> {
    await this.call('DELETE', `people/${encodeURIComponent(ref)}`);
  }

  async listPeople(): Promise<PersonJson[]> {
    return (await this.call<{ people: PersonJson[] }>('GET', 'people')).people;
  }

  async addOtherContacts(people: PersonInput[]): Promise<string[]> {
    const answer = await this.call<{ resourceNames: string[] }>('POST', 'other-contacts', {
      people,
    });
    return answer.resourceNames;
  }

  async updateOtherContact(ref: string, patch: PersonPatch): Promise<void> {
    await this.call('PATCH', `other-contacts/${encodeURIComponent(ref)}`, patch);
  }

  async deleteOtherContact(ref: string): Promise<void> {
    await this.call('DELETE', `other-contacts/${encodeURIComponent(ref)}`);
  }

  async listOtherContacts(): Promise<PersonJson[]> {
    return (await this.call<{ people: PersonJson[] }>('GET', 'other-contacts')).people;
  }

  async expireSyncTokens(): Promise<void> {
    await this.call('POST', 'expire-sync-tokens');
  }

  async setAuthMode(mode: AuthMode): Promise<void> {
    await this.call('POST', 'auth-mode', { mode });
  }

  async revokeTokens(): Promise<void> {
    await this.call('POST', 'revoke-tokens');
  }

  /**
   * The consent screen grants every scope asked but these (short names like `email` work too):
   * on the next authorization only with `once`, else on every one until `grantAllScopes` or reset.
   */
  async refuseScopes(refuse: string[], options: { once?: boolean } = {}): Promise<GrantRule> {
    return this.call('POST', 'grant', { refuse, once: options.once ?? false });
  }

  async grantAllScopes(): Promise<void> {
    await this.call('POST', 'grant', { refuse: [] });
  }

  /** The signed-in Google account: its email (`people/me`, `login_hint`) and People API id. */
  async account(): Promise<{ email: string; id: string }> {
    return this.call('GET', 'account');
  }

  async setAccountEmail(email: string): Promise<{ email: string; id: string }> {
    return this.call('POST', 'account', { email });
  }

  /** An access token without the OAuth redirect dance. */
  async issueToken(scopes: string[]): Promise<{ accessToken: string; expiresIn: number }> {
    return this.call('POST', 'tokens', { scopes });
  }
}

export class CubeControl extends ControlClient {
  /** Registers an app user ("someone joins the app"). */
  async registerUser(input: RegisterUserInput): Promise<CubeUserProfile> {
    const { applicationId, ...rest } = input;
    const body = { ...rest, ...(applicationId ? { application_id: applicationId } : {}) };
    return (await this.call<{ user: CubeUserProfile }>('POST', 'users', body)).user;
  }

  /**
   * Registers a user known only by their phone (international digits, no `+`), as the mobile app's
   * phone sign-up makes them: no login, no email, no password.
   */
  async registerPhoneUser(
    phone: string,
    options: { fullName?: string; applicationId?: string } = {},
  ): Promise<CubeUserProfile> {
    const body = {
      phone,
      ...(options.fullName ? { full_name: options.fullName } : {}),
      ...(options.applicationId ? { application_id: options.applicationId } : {}),
    };
    return (await this.call<{ user: CubeUserProfile }>('POST', 'phone-users', body)).user;
  }

  async users(): Promise<CubeUserProfile[]> {
    return (await this.call<{ users: CubeUserProfile[] }>('GET', 'users')).users;
  }

  /** A user's book: the global one, or the one of `udid`. */
  async book(userId: number, udid?: string): Promise<BookEntry[]> {
    const query = new URLSearchParams({ user_id: String(userId), ...(udid ? { udid } : {}) });
    return (await this.call<{ contacts: BookEntry[] }>('GET', `address_book?${query}`)).contacts;
  }

  /** Uploads as the user's phone app would (same rules as `POST /address_book`). */
  async uploadToBook(
    userId: number,
    contacts: (BookEntry | { phone: string; destroy: 1 })[],
    options: { udid?: string; force?: boolean } = {},
  ): Promise<UploadResult> {
    return this.call('POST', 'address_book', {
      user_id: userId,
      contacts,
      ...(options.udid ? { udid: options.udid } : {}),
      ...(options.force ? { force: 1 } : {}),
    });
  }

  async sessions(): Promise<ControlSession[]> {
    return (await this.call<{ sessions: ControlSession[] }>('GET', 'sessions')).sessions;
  }

  async expireSessions(): Promise<void> {
    await this.call('POST', 'expire-sessions');
  }

  async apps(): Promise<CubeApp[]> {
    return (await this.call<{ apps: CubeApp[] }>('GET', 'apps')).apps;
  }

  async addApp(app: Partial<CubeApp> = {}): Promise<CubeApp> {
    return (await this.call<{ app: CubeApp }>('POST', 'apps', app)).app;
  }

  /**
   * Flips dashboard switches of an existing application (`PATCH apps/<id>`), `maxBatch` included
   * (null: no limit).
   */
  async updateApp(applicationId: string, settings: CubeAppSettings): Promise<CubeApp> {
    const route = `apps/${encodeURIComponent(applicationId)}`;
    return (await this.call<{ app: CubeApp }>('PATCH', route, settings)).app;
  }

  /**
   * "Create users on the fly" for an application (the default one when not given): when on, a
   * sign-in with an unknown login or email creates that user instead of failing.
   */
  async setCreateUsersOnSession(enabled: boolean, applicationId?: string): Promise<CubeApp> {
    const id = applicationId ?? (await this.apps())[0]?.applicationId;
    if (id === undefined) throw new ControlError(500, 'the sandbox has no application', undefined);
    return this.updateApp(id, { createUsersOnSession: enabled });
  }

  /**
   * At most `max` contacts per `POST /address_book` for an application (the default one when not
   * given): a larger upload answers 413 and applies nothing. null lifts the limit.
   */
  async setMaxBatch(max: number | null, applicationId?: string): Promise<CubeApp> {
    const id = applicationId ?? (await this.apps())[0]?.applicationId;
    if (id === undefined) throw new ControlError(500, 'the sandbox has no application', undefined);
    return this.updateApp(id, { maxBatch: max });
  }

  /** Every stored push subscription, or one user's. */
  async subscriptions(userId?: number): Promise<Subscription[]> {
    const route = userId === undefined ? 'subscriptions' : `subscriptions?user_id=${userId}`;
    return (await this.call<{ subscriptions: Subscription[] }>('GET', route)).subscriptions;
  }

  /** The "contact joined" pushes the service would have sent. */
  async pushEvents(): Promise<JoinEvent[]> {
    return (await this.call<{ events: JoinEvent[] }>('GET', 'push-events')).events;
  }
}
