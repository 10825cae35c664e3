// The real engine with the real clients over the in-process sandbox servers and fake-indexeddb:
// for integration tests of one behaviour (the model-based test has its own, richer world).
import type { Middleware, DBCore } from 'dexie';
import type { CubeAccount } from '@/lib/connectycube/types';
import { createCubeClient } from '@/lib/connectycube/client';
import { CubeDb } from '@/lib/db/schema';
import { createPeopleClient } from '@/lib/google/people-client';
import type { RetryDeps, RetryPolicy } from '@/lib/net/retry';
import { createEngine } from '@/lib/sync/engine';
import type { SyncSettings } from '@/lib/sync/ports';
import {
  CubeState,
  GoogleState,
  ManualClock,
  createCubeHandler,
  createGoogleHandler,
  inProcessFetch,
  type PersonInput,
} from '../../sandbox/index.ts';
import { SCOPE_CONTACTS_READONLY } from '../../sandbox/google-state.ts';
import { fakeNet } from '../fake-net.ts';
import { SETTINGS } from './phase-fixture.ts';

export const UDID = 'this-browser';

export interface WorldOptions {
  people: PersonInput[];
  /** Dexie middleware (e.g. counting reads). */
  middleware?: Middleware<DBCore>;
  /** Real timers and this policy instead of virtual time (deadline tests). */
  net?: { deps: (fetch: typeof globalThis.fetch) => RetryDeps; policy: RetryPolicy };
  batchSize?: number;
}

export async function engineWorld(options: WorldOptions) {
  const clock = new ManualClock();
  const google = new GoogleState({ now: clock.now });
  const cube = new CubeState({ now: clock.now });
  const refs = google.addPeople(options.people);
  const owner = cube.registerUser({ login: 'owner', password: 'owner-pass' });
  clock.advance(10 * 60_000);
  const db = new CubeDb(`engine-world-${Math.random()}`);
  if (options.middleware) db.use(options.middleware);
  const net = (fetch: typeof globalThis.fetch) =>
    options.net ? options.net.deps(fetch) : fakeNet(fetch, clock.now);
  const policy = options.net ? { policy: options.net.policy } : {};
  let account: CubeAccount | null = null;
  const cubeClient = createCubeClient({
    store: { get: async () => account, set: async (a) => void (account = a) },
    net: net(inProcessFetch(createCubeHandler(cube))),
    now: clock.now,
    ...policy,
  });
  await cubeClient.signIn(
    {
      endpoint: 'http://cube.test',
      applicationId: cube.defaultApp.applicationId,
      authKey: cube.defaultApp.authKey,
      login: 'owner',
      password: 'owner-pass',
    },
    true,
  );
  let token = google.issueToken([SCOPE_CONTACTS_READONLY]).accessToken;
  const settings: SyncSettings = {
    ...SETTINGS,
    udid: UDID,
    google: `people/${google.auth.accountId}`,
  };
  // How many times runs read their settings, and who waits for the next read.
  let reads = 0;
  const onRead: (() => void)[] = [];
  const engine = createEngine({
    db,
    people: createPeopleClient({
      apiUrl: 'http://google.test',
      tokens: { token: async () => token, invalidate: async () => undefined },
      net: net(inProcessFetch(createGoogleHandler(google))),
      ...policy,
    }),
    cube: cubeClient,
    notifier: { show: async () => undefined, setBadge: async () => undefined },
    clock,
    settings: async () => {
      reads += 1;
      for (const wake of onRead.splice(0)) wake();
      return settings;
    },
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  /** The server's own book, phone -> name. */
  const serverBook = () => new Map(cube.book(owner.id, UDID).map((e) => [e.phone, e.name]));
  /** The book the extension means the server to hold, phone -> name. */
  const wanted = async () => new Map((await db.entries.toArray()).map((e) => [e.phone, e.name]));
  /**
   * Another Google account signs in and is connected: the next runs read its contacts, with its
   * token, and their settings name it.
   */
  const connectGoogle = (email: string) => {
    google.setAccountEmail(email);
    token = google.issueToken([SCOPE_CONTACTS_READONLY]).accessToken;
    settings.google = `people/${google.auth.accountId}`;
  };
  /**
   * Resolves once runs have read their settings `count` times in all, and the run that read them
   * has gone on past it (a macrotask later: every continuation queued by the read has run).
   */
  const settingsRead = async (count = 1): Promise<void> => {
    while (reads < count) await new Promise<void>((wake) => onRead.push(wake));
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return {
    clock,
    google,
    cube,
    owner,
    db,
    engine,
    refs,
    settings,
    serverBook,
    wanted,
    connectGoogle,
    settingsRead,
  };
}
