// A small fixture for testing one phase at a time: a fresh database, a PhaseContext whose ports
// are scripted (People pages in, uploads recorded and answered), and builders for people.
import type { PersonRecord } from '@/lib/contacts/types';
import { CubeDb } from '@/lib/db/schema';
import type { PhaseContext } from '@/lib/sync/context';
import { emptyCounts } from '@/lib/sync/engine';
import type {
  CubeUser,
  PeoplePage,
  PersonChange,
  SyncSettings,
  UploadRequest,
} from '@/lib/sync/ports';

let databases = 0;

export const SETTINGS: SyncSettings = {
  defaultCountry: 'US',
  phoneFormat: 'international-digits',
  bookMode: 'own',
  udid: 'udid-1',
  notifications: true,
  includeOther: false,
  sendNames: true,
  consented: true,
  destination: 'owner',
  google: 'people/1000',
};

/** A person with a name and phones as typed; `etag` changes when anything does. */
export function person(id: number, name: string, ...phones: string[]): PersonChange {
  const record: PersonRecord = {
    resourceName: `people/c${id}`,
    etag: `${name}|${phones.join(',')}`,
    displayName: name,
    phones: phones.map((value) => ({ value })),
    source: 'contact',
  };
  return { kind: 'person', person: record };
}

export const deleted = (id: number): PersonChange => ({
  kind: 'deleted',
  resourceName: `people/c${id}`,
});

export interface Fixture {
  db: CubeDb;
  ctx: PhaseContext;
  /** The next listing's people (one page; incremental after the first). */
  nextPage(people: PersonChange[]): void;
  /** Every upload request, in order. */
  uploads: UploadRequest[];
  /** The server's book as the uploads left it: phone -> name. */
  server: Map<string, string>;
}

export function fixture(settings: Partial<SyncSettings> = {}): Fixture {
  const db = new CubeDb(`phase-${++databases}-${Math.random()}`);
  const uploads: UploadRequest[] = [];
  const server = new Map<string, string>();
  let page: PeoplePage = { people: [], dropped: 0, nextSyncToken: 'sync-0' };
  let ids = 0;
  const ctx: PhaseContext = {
    db,
    people: {
      list: async () => page,
    },
    cube: {
      profilesPerRequest: 100,
      async upload(request) {
        uploads.push(request);
        if (request.force) server.clear();
        let created = 0;
        let updated = 0;
        let removed = 0;
        for (const c of request.contacts) {
          if (c.destroy) removed += server.delete(c.phone) ? 1 : 0;
          else {
            if (server.has(c.phone)) updated += 1;
            else created += 1;
            server.set(c.phone, c.name ?? '');
          }
        }
        return { created, updated, deleted: removed, rejected: {} };
      },
      registeredUsers: async () => ({ items: [], dropped: 0 }),
      profiles: async () => ({ items: [] as CubeUser[], dropped: 0 }),
      book: async () => ({
        items: [...server].map(([phone, name]) => ({ phone, name })),
        dropped: 0,
      }),
    },
    notifier: { show: async () => undefined, setBadge: async () => undefined },
    clock: { now: () => 1_000 },
    settings: { ...SETTINGS, ...settings },
    counts: emptyCounts(),
    signal: new AbortController().signal,
    progress: () => undefined,
    newId: () => `id-${++ids}`,
    batchSize: 2,
  };
  return {
    db,
    ctx,
    uploads,
    server,
    nextPage(people) {
      page = { people, dropped: 0, nextSyncToken: `sync-${++ids}` };
    },
  };
}
