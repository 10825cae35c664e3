// A deterministic budget instead of a timing: the rows the engine reads from the database in a
// one-change sync of a 5,000-contact book. It must follow the change, never the size of the book.
import { describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import type { CubeAccount } from '@/lib/connectycube/types';
import { createCubeClient } from '@/lib/connectycube/client';
import { CubeDb } from '@/lib/db/schema';
import { createPeopleClient } from '@/lib/google/people-client';
import { createEngine } from '@/lib/sync/engine';
import type { SyncSettings } from '@/lib/sync/ports';
import {
  CubeState,
  GoogleState,
  ManualClock,
  createCubeHandler,
  createGoogleHandler,
  generatePeople,
  inProcessFetch,
} from '../../sandbox/index.ts';
import { SCOPE_CONTACTS_READONLY } from '../../sandbox/google-state.ts';
import { fakeNet } from '../fake-net.ts';

const CONTACTS = 5_000;

/** Counts the rows (values or keys) every read of the database returns, table by table. */
function countingReads(counts: Map<string, number>): Middleware<DBCore> {
  const add = (table: string, n: number) => counts.set(table, (counts.get(table) ?? 0) + n);
  return {
    stack: 'dbcore',
    name: 'count-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          get: async (req) => {
            const row = await table.get(req);
            add(name, row === undefined ? 0 : 1);
            return row;
          },
          getMany: async (req) => {
            const rows = await table.getMany(req);
            add(name, rows.filter((r) => r !== undefined).length);
            return rows;
          },
          query: async (req) => {
            const result = await table.query(req);
            add(name, result.result.length);
            return result;
          },
          openCursor: async (req) => {
            const cursor = await table.openCursor(req);
            if (!cursor) return cursor;
            // Every row a cursor stops at is read, whether the caller keeps it or skips it.
            const start = cursor.start.bind(cursor);
            cursor.start = (onNext) =>
              start(() => {
                add(name, 1);
                onNext();
              });
            return cursor;
          },
        };
      },
    }),
  };
}

async function world() {
  const clock = new ManualClock();
  const google = new GoogleState({ now: clock.now });
  const cube = new CubeState({ now: clock.now });
  google.addPeople(generatePeople(CONTACTS, 11));
  cube.registerUser({ login: 'owner', password: 'owner-pass' });
  clock.advance(10 * 60_000);
  const reads = new Map<string, number>();
  const db = new CubeDb(`rows-read-${Math.random()}`);
  db.use(countingReads(reads));
  let account: CubeAccount | null = null;
  const cubeClient = createCubeClient({
    store: { get: async () => account, set: async (a) => void (account = a) },
    net: fakeNet(inProcessFetch(createCubeHandler(cube)), clock.now),
    now: clock.now,
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
  const token = google.issueToken([SCOPE_CONTACTS_READONLY]).accessToken;
  const settings: SyncSettings = {
    defaultCountry: 'US',
    phoneFormat: 'international-digits',
    bookMode: 'own',
    udid: 'rows-read',
    notifications: true,
    includeOther: false,
    consented: true,
    destination: 'owner',
  };
  const engine = createEngine({
    db,
    people: createPeopleClient({
      apiUrl: 'http://google.test',
      tokens: { token: async () => token, invalidate: async () => undefined },
      net: fakeNet(inProcessFetch(createGoogleHandler(google)), clock.now),
    }),
    cube: cubeClient,
    notifier: { show: async () => undefined, setBadge: async () => undefined },
    clock,
    settings: async () => settings,
  });
  return { google, db, engine, reads };
}

const total = (reads: Map<string, number>) => [...reads.values()].reduce((a, b) => a + b, 0);

describe('a sync reads what changed, not the book', () => {
  it(`of ${CONTACTS.toLocaleString('en')} contacts: one renamed, one added, then nothing`, async () => {
    const { google, db, engine, reads } = await world();
    expect((await engine.run('manual')).status).toBe('ok');
    const book = await db.entries.count();
    expect(book).toBeGreaterThan(CONTACTS * 0.9);
    const someone = (await db.entries.orderBy('phone').first())?.resourceNames[0] ?? '';

    const budget = async (what: string, counts: Record<string, number>) => {
      reads.clear();
      expect(await engine.run('manual')).toMatchObject({ status: 'ok', counts });
      const read = total(reads);
      const detail = JSON.stringify(Object.fromEntries(reads));
      // The runs table keeps at most 50 rows; anything near the book's size means a scan.
      expect(read, `${what}: read ${read} rows (${detail}); the book has ${book}`).toBeLessThan(
        200,
      );
    };
    google.updatePerson(someone, { givenName: 'Renamed' });
    await budget('one renamed', { imported: 1, updated: 1 });
    google.addPerson({ givenName: 'New', familyName: 'Person', phones: ['+1 212 555 0199'] });
    await budget('one added', { imported: 1, created: 1 });
    await budget('nothing changed', { imported: 0, created: 0, updated: 0 });
  }, 120_000);
});
