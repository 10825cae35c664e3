// The real engine and clients over the in-process sandbox servers and fake-indexeddb: what the
// benchmarks measure (no sockets, no browser; real IndexedDB is measured by the browser layer).
import 'fake-indexeddb/auto';
import { createCubeClient } from '../../lib/connectycube/client.ts';
import type { CubeAccount } from '../../lib/connectycube/types.ts';
import { CubeDb } from '../../lib/db/schema.ts';
import { createPeopleClient } from '../../lib/google/people-client.ts';
import type { RetryDeps } from '../../lib/net/retry.ts';
import { defaultRetryDeps } from '../../lib/net/sleep.ts';
import { createEngine, type Engine } from '../../lib/sync/engine.ts';
import type { JoinNotification, SyncSettings } from '../../lib/sync/ports.ts';
import {
  CubeState,
  GoogleState,
  ManualClock,
  SCOPE_CONTACTS_READONLY,
  createCubeHandler,
  createGoogleHandler,
  inProcessFetch,
} from '../sandbox/index.ts';

export interface World {
  google: GoogleState;
  cube: CubeState;
  clock: ManualClock;
  db: CubeDb;
  engine: Engine;
  ownerId: number;
  settings: SyncSettings;
  shown: JoinNotification[];
}

let worlds = 0;

export async function createWorld(): Promise<World> {
  const clock = new ManualClock();
  const google = new GoogleState({ now: clock.now });
  const cube = new CubeState({ now: clock.now });
  const owner = cube.registerUser({
    login: 'owner',
    password: 'owner-password',
    phone: '19995550000',
  });
  const googleFetch = inProcessFetch(createGoogleHandler(google));
  const cubeFetch = inProcessFetch(createCubeHandler(cube));
  // Real timers: the per-attempt timeout is a sleep too, so an instant sleep would time out at once.
  const net = (fetchImpl: typeof fetch): RetryDeps => ({ ...defaultRetryDeps(), fetch: fetchImpl });
  let account: CubeAccount | null = null;
  const cubeClient = createCubeClient({
    store: { get: async () => account, set: async (a) => void (account = a) },
    net: net(cubeFetch),
  });
  await cubeClient.signIn({
    endpoint: 'http://cube.sandbox',
    applicationId: cube.defaultApp.applicationId,
    authKey: cube.defaultApp.authKey,
    login: 'owner',
    password: 'owner-password',
  });
  let token = '';
  const people = createPeopleClient({
    apiUrl: 'http://google.sandbox',
    tokens: {
      token: async () => (token ||= google.issueToken([SCOPE_CONTACTS_READONLY]).accessToken),
      invalidate: async () => void (token = ''),
    },
    net: net(googleFetch),
  });
  const db = new CubeDb(`bench-${++worlds}-${Date.now()}`);
  const shown: JoinNotification[] = [];
  const settings: SyncSettings = {
    defaultCountry: 'US',
    phoneFormat: 'international-digits',
    bookMode: 'own',
    udid: 'bench-udid',
    notifications: true,
    includeOther: false,
    consented: true,
  };
  const engine = createEngine({
    db,
    people,
    cube: cubeClient,
    notifier: { show: async (n) => void shown.push(n), setBadge: async () => undefined },
    clock,
    settings: async () => settings,
  });
  return { google, cube, clock, db, engine, ownerId: owner.id, settings, shown };
}
