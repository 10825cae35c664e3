import { browserScheduler, browserStores } from '@/lib/background/background-ports';
// The background service as the extension builds it (lib/background/wiring.ts), over the in-process
// sandboxes: the real engine, Google sign-in, People and ConnectyCube clients, storage items on
// the fake browser, Dexie on fake-indexeddb, one manual clock. Only the notifier and the browser's
// push manager are fakes. For tests of what the user's requests do to a sync going on.
import { createService } from '@/lib/background/service';
import { readSyncSettings } from '@/lib/background/sync-settings';
import { createCubeClient } from '@/lib/connectycube/client';
import { CubeDb } from '@/lib/db/schema';
import { fetchAccountIdentity, revokeToken } from '@/lib/google/account';
import { createGoogleAuth } from '@/lib/google/auth';
import { createPeopleClient } from '@/lib/google/people-client';
import type { Protocol, RequestType } from '@/lib/messaging/protocol';
import {
  cubeAccountItem,
  DEFAULT_SETTINGS,
  googleAccountItem,
  settingsItem,
  udidItem,
} from '@/lib/settings';
import { createEngine, type Engine, type RunOutcome } from '@/lib/sync/engine';
import type { WireContact } from '@/lib/connectycube/answers';
import {
  CubeState,
  GoogleState,
  ManualClock,
  createCubeHandler,
  createGoogleHandler,
  inProcessFetch,
  type PersonInput,
} from '../../sandbox/index.ts';
import type { Sleep } from '../../sandbox/transport.ts';
import { fakeNet } from '../fake-net.ts';

const GOOGLE_URL = 'https://google.live.test';
const CUBE_URL = 'https://cube.live.test';

/** A `delay` fault of this length holds its request until the test releases it. */
export const HOLD_MS = 86_400_000;

/** An upload as the client sent it, in order. */
export interface SentUpload {
  contacts: WireContact[];
  force: boolean;
}

/**
 * The sandbox's `sleep` for delay faults: a hold waits for `release()` (the request has reached
 * the server, which has not applied it yet); any other delay passes at once.
 */
function holdingSleep() {
  let reached: () => void = () => undefined;
  let held = new Promise<void>((resolve) => (reached = resolve));
  let releases: (() => void)[] = [];
  const sleep: Sleep = (ms) => {
    if (ms !== HOLD_MS) return Promise.resolve();
    reached();
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  return {
    sleep,
    /** Resolves once a held request has reached the server. */
    held: () => held,
    release() {
      releases.forEach((resolve) => resolve());
      releases = [];
      held = new Promise<void>((resolve) => (reached = resolve));
    },
  };
}

/** Every upload request the client sends, recorded when it leaves (before any answer). */
function recordingUploads(inner: typeof fetch, sent: SentUpload[]): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (init?.method === 'POST' && /\/address_book(\.json)?$/.test(url.pathname)) {
      const body = JSON.parse(String(init.body)) as { contacts: WireContact[]; force?: number };
      sent.push({ contacts: body.contacts, force: body.force === 1 });
    }
    return inner(input, init);
  };
}

export async function liveService(options: {
  people: PersonInput[];
  batchSize?: number;
  /** The Google account signed in to the browser, whose contacts `people` are (the default one). */
  account?: string;
}) {
  const clock = new ManualClock();
  const google = new GoogleState({ now: clock.now });
  const cube = new CubeState({ now: clock.now });
  if (options.account) google.setAccountEmail(options.account);
  google.addPeople(options.people);
  const owner = cube.registerUser({ login: 'owner', password: 'owner-pass' });
  // An account made a minute before its first session looks made by that sign-in (on the fly).
  clock.advance(10 * 60_000);
  const hold = holdingSleep();
  const uploads: SentUpload[] = [];
  const db = new CubeDb(`live-service-${Math.random()}`);
  const googleFetch = inProcessFetch(createGoogleHandler(google, { sleep: hold.sleep }));
  const cubeFetch = recordingUploads(
    inProcessFetch(createCubeHandler(cube, { sleep: hold.sleep })),
    uploads,
  );
  const googleNet = fakeNet(googleFetch, clock.now);
  let states = 0;
  const auth = createGoogleAuth({
    flow: {
      redirectUrl: () => 'https://abcdefghijklmnop.chromiumapp.org/',
      // launchWebAuthFlow: the sandbox's authorization endpoint answers with the redirect.
      async launch(url) {
        const location = google.authorize(new URL(url).searchParams).headers?.Location;
        if (!location) throw new Error('Authorization page could not be loaded.');
        return location;
      },
    },
    clientId: 'live-client',
    authUrl: `${GOOGLE_URL}/o/oauth2/v2/auth`,
    store: { get: () => googleAccountItem.getValue(), set: (a) => googleAccountItem.setValue(a) },
    now: clock.now,
    newState: () => `state-${++states}`,
    accountIdentity: (token) => fetchAccountIdentity(GOOGLE_URL, token, googleNet),
    revoke: (token) => revokeToken(`${GOOGLE_URL}/revoke`, token, googleNet),
  });
  const cubeClient = createCubeClient({
    store: { get: () => cubeAccountItem.getValue(), set: (a) => cubeAccountItem.setValue(a) },
    net: fakeNet(cubeFetch, clock.now),
    now: clock.now,
  });
  const runs = new Set<Promise<RunOutcome>>();
  const real = createEngine({
    db,
    people: createPeopleClient({ apiUrl: GOOGLE_URL, tokens: auth, net: googleNet }),
    cube: cubeClient,
    notifier: { show: async () => undefined, setBadge: async () => undefined },
    clock,
    settings: readSyncSettings,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  // Every run is tracked, so a test can wait for the runs its requests started in the background.
  const engine: Engine = {
    run(...args) {
      const run = real.run(...args);
      runs.add(run);
      void run.finally(() => runs.delete(run));
      return run;
    },
    stop: () => real.stop(),
    get running() {
      return real.running;
    },
  };
  const service = createService({
    stores: browserStores,
    scheduler: browserScheduler,
    db,
    engine,
    auth,
    cube: cubeClient,
    notifier: {
      show: async () => undefined,
      setBadge: async () => undefined,
      signInNeeded: async () => undefined,
      clearAll: async () => undefined,
    },
    push: {
      subscribe: async () => {
        throw new Error('no push service here');
      },
      unsubscribe: async () => undefined,
    },
    now: clock.now,
  });
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, defaultCountry: 'US', notifications: false });

  /** Sends a request as a page does; throws when the background answers with an error. */
  async function ask<T extends RequestType>(
    type: T,
    request: Protocol[T]['request'],
  ): Promise<Protocol[T]['answer']> {
    const reply = await service.handle({ type, ...request });
    if (!reply.ok) throw new Error(`${type}: ${reply.error.kind} ${reply.error.message}`);
    return reply.value as Protocol[T]['answer'];
  }

  /** Waits until no run is going on or about to start (requests start theirs without awaiting). */
  async function idle(): Promise<void> {
    for (let quiet = 0; quiet < 3;) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (runs.size > 0) {
        quiet = 0;
        await Promise.all(runs);
      } else quiet += 1;
    }
  }

  return {
    clock,
    google,
    cube,
    owner,
    db,
    service,
    engine,
    uploads,
    hold,
    ask,
    idle,
    connectGoogle: () => ask('connectGoogle', { includeOther: false }),
    signIn: () =>
      ask('cubeSignIn', {
        login: 'owner',
        password: 'owner-pass',
        staySignedIn: true,
        app: {
          endpoint: CUBE_URL,
          applicationId: cube.defaultApp.applicationId,
          authKey: cube.defaultApp.authKey,
        },
      }),
    /** This browser's own book on the server, phone -> name. */
    async serverBook(): Promise<Map<string, string>> {
      const udid = await udidItem.getValue();
      return new Map(cube.book(owner.id, udid).map((e) => [e.phone, e.name]));
    },
  };
}

/** Whether an upload carries anything but destroys (an entry, hence a name or a number, sent). */
export const sendsEntries = (upload: SentUpload): boolean =>
  upload.contacts.some((c) => !c.destroy);
