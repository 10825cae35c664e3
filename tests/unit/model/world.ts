// The system under test for the model-based test: the real engine with the real clients, whose
// fetch is the in-process sandbox servers, Dexie on fake-indexeddb, one manual clock for all.
// Only the edges are fakes: the retry sleep (virtual time), the token source, the account store
// and the notifier (which records). Each "incarnation" is one service-worker lifetime: its own
// database connection, clients and engine over the same database and storage.

import type { CubeAccount } from '@/lib/connectycube/types';
import { createCubeClient } from '@/lib/connectycube/client';
import type { PhoneFormat } from '@/lib/contacts/types';
import { CubeDb } from '@/lib/db/schema';
import { createPeopleClient, type TokenSource } from '@/lib/google/people-client';
import { DEFAULT_RETRY_POLICY, type RetryDeps } from '@/lib/net/retry';
import { createEngine, type Engine, type RunOutcome } from '@/lib/sync/engine';
import type { SyncSettings } from '@/lib/sync/ports';
import { GLOBAL_BOOK } from '@/lib/sync/upload';
import { ManualClock } from '../../sandbox/clock.ts';
import { createCubeHandler } from '../../sandbox/cube-handler.ts';
import { CubeState } from '../../sandbox/cube-state.ts';
import { createGoogleHandler } from '../../sandbox/google-handler.ts';
import {
  GoogleState,
  SCOPE_CONTACTS_READONLY,
  SCOPE_OTHER_READONLY,
} from '../../sandbox/google-state.ts';
import { inProcessFetch } from '../../sandbox/transport.ts';
import { KillSwitch, writeGuard, type StepKind } from './kill.ts';

export const GOOGLE_URL = 'http://google.model.test';
export const CUBE_URL = 'http://cube.model.test';
export const UDID = 'model-installation';
export const RETRIES = DEFAULT_RETRY_POLICY.retries;
/** Entries the user's phone app put in the shared global book: the extension must not touch them. */
export const PHONE_APP_ENTRIES = [
  { phone: '12125550101', name: 'Phone App Ada' },
  { phone: '19995550999', name: 'Phone App Stranger' },
];

export interface ModelSettings {
  defaultCountry: string;
  phoneFormat: PhoneFormat;
  bookMode: 'own' | 'global';
  /** Join notifications are shown; off, joins are still recorded (and counted by the badge). */
  notifications: boolean;
  /** Google's "Other contacts" count as contacts too. */
  includeOther: boolean;
  /** Names are uploaded; off, every entry goes under its number. */
  sendNames: boolean;
  /** Whose books the engine believes in (another account signed in); 'model-owner' if absent. */
  destination?: string;
}

export interface Shown {
  id: string;
  userIds: number[];
}

/** Whether a worker is still alive: a dead one must never do I/O again. */
export interface Life {
  dead: boolean;
}

export interface Incarnation {
  db: CubeDb;
  engine: Engine;
  life: Life;
}

/**
 * Virtual time for fetchWithRetry. A pause advances the clock and returns at once. The per-attempt
 * timeout (the one sleep of `timeoutMs`) never fires: the in-process servers always answer, and a
 * request applied but unanswered is what `drop-after-apply` and the kill switch model instead.
 */
function virtualSleep(clock: ManualClock): RetryDeps['sleep'] {
  return (ms, signal) => {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (ms >= DEFAULT_RETRY_POLICY.timeoutMs) {
      return new Promise((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      });
    }
    clock.advance(ms);
    return Promise.resolve();
  };
}

/** People per page, whatever the client asks: listings span pages, so kills land between them. */
export const PAGE_SIZE = 3;

/**
 * Google may return fewer people than `pageSize` asks for; this server always does. The page
 * token stays valid because every request of a listing is rewritten the same way.
 */
function smallPages(inner: typeof fetch): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.searchParams.has('pageSize')) url.searchParams.set('pageSize', String(PAGE_SIZE));
    return inner(url.toString(), init);
  };
}

/**
 * Contacts per upload request (the engine's default is 500): with a handful of contacts, uploads
 * span several batches, so partial acknowledgements and kills between batches happen constantly.
 */
export const MODEL_BATCH_SIZE = 2;

export class World {
  readonly clock = new ManualClock();
  readonly google = new GoogleState({ now: this.clock.now });
  readonly cube = new CubeState({ now: this.clock.now });
  readonly kill = new KillSwitch();
  readonly shown: Shown[] = [];
  badge = 0;
  settings: ModelSettings = {
    defaultCountry: 'US',
    phoneFormat: 'international-digits',
    bookMode: 'own',
    notifications: true,
    includeOther: false,
    sendNames: true,
  };
  ownerId = 0;
  current!: Incarnation;
  restarts = 0;
  private account: CubeAccount | null = null;
  private token: { value: string; expiresAt: number } | undefined;
  private ids = 0;
  private readonly googleFetch = smallPages(inProcessFetch(createGoogleHandler(this.google)));
  private readonly cubeFetch = inProcessFetch(createCubeHandler(this.cube));

  private constructor(readonly dbName: string) {}

  static async create(dbName: string): Promise<World> {
    const world = new World(dbName);
    const owner = world.cube.registerUser({ login: 'owner', password: 'owner-secret' });
    world.ownerId = owner.id;
    world.cube.addToBook(owner.id, PHONE_APP_ENTRIES);
    world.current = world.incarnation();
    await world.client(world.current.life).signIn(
      {
        endpoint: CUBE_URL,
        applicationId: world.cube.defaultApp.applicationId,
        authKey: world.cube.defaultApp.authKey,
        login: 'owner',
        password: 'owner-secret',
      },
      true,
    );
    return world;
  }

  /** The key of the book in use, as the engine stores it ('global' or the udid). */
  get bookKey(): string {
    return this.settings.bookMode === 'own' ? UDID : GLOBAL_BOOK;
  }

  /** The server's book for a key, phone -> name. */
  serverBook(key: string = this.bookKey): Map<string, string> {
    const udid = key === GLOBAL_BOOK ? undefined : key;
    return new Map(this.cube.book(this.ownerId, udid).map((e) => [e.phone, e.name]));
  }

  run(signal?: AbortSignal): Promise<RunOutcome> {
    return this.current.engine.run('manual', signal);
  }

  /** The worker died: its connection closes, and a new one starts over the same storage. */
  async restart(): Promise<void> {
    const old = this.current;
    old.life.dead = true;
    old.db.close();
    this.restarts += 1;
    this.current = this.incarnation();
    await this.current.db.open();
  }

  async dispose(): Promise<void> {
    this.current.life.dead = true;
    await this.current.db.delete();
  }

  private tokens(): TokenSource {
    return {
      token: async () => {
        // Renewed a minute early, as lib/google/auth.ts does.
        if (!this.token || this.token.expiresAt - 60_000 <= this.clock.now()) {
          // Both scopes, as when the user connected with "Other contacts" ticked: the setting decides.
          const issued = this.google.issueToken([SCOPE_CONTACTS_READONLY, SCOPE_OTHER_READONLY]);
          this.token = {
            value: issued.accessToken,
            expiresAt: this.clock.now() + issued.expiresIn * 1000,
          };
        }
        return this.token.value;
      },
      invalidate: async () => {
        this.token = undefined;
      },
    };
  }

  /** One worker's I/O step: refused once the worker is dead, and subject to the kill switch. */
  private step<T>(life: Life, kind: StepKind, label: string, op: () => Promise<T>): Promise<T> {
    if (life.dead) return Promise.reject(new Error(`dead worker did I/O: ${label}`));
    return this.kill.step(kind, label, op);
  }

  private net(life: Life, inner: typeof fetch): RetryDeps {
    const fetch: typeof globalThis.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const label = `${init?.method ?? 'GET'} ${url.pathname}`;
      return this.step(life, 'fetch', label, () => inner(input, init));
    };
    return { fetch, sleep: virtualSleep(this.clock), random: () => 0.5, now: this.clock.now };
  }

  private client(life: Life) {
    return createCubeClient({
      store: {
        get: async () => this.account,
        set: async (account) => {
          this.account = account;
        },
      },
      net: this.net(life, this.cubeFetch),
      now: this.clock.now,
    });
  }

  private incarnation(): Incarnation {
    const life: Life = { dead: false };
    const db = new CubeDb(this.dbName);
    db.use(writeGuard((label, op) => this.step(life, 'db', label, op)));
    const notify = <T>(label: string, op: () => Promise<T>) => this.step(life, 'notify', label, op);
    const engine = createEngine({
      db,
      people: createPeopleClient({
        apiUrl: GOOGLE_URL,
        tokens: this.tokens(),
        net: this.net(life, this.googleFetch),
      }),
      cube: this.client(life),
      notifier: {
        show: (n) =>
          notify(`show ${n.id}`, async () => {
            this.shown.push({ id: n.id, userIds: n.users.map((u) => u.userId) });
          }),
        setBadge: (count) =>
          notify('badge', async () => {
            this.badge = count;
          }),
      },
      clock: { now: this.clock.now },
      settings: async (): Promise<SyncSettings> => ({
        ...this.settings,
        udid: UDID,
        consented: true,
        destination: this.settings.destination ?? 'model-owner',
        google: 'people/model',
      }),
      newId: () => `id-${++this.ids}`,
      owner: `worker-${this.restarts}`,
      batchSize: MODEL_BATCH_SIZE,
    });
    return { db, engine, life };
  }
}
