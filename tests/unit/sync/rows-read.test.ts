// A deterministic budget instead of a timing: the rows the engine reads from the database, and the
// bytes it writes, in a one-change sync of a 5,000-contact book. They must follow the change (a
// bucket of acknowledgements at most), never the size of the book.
import { browserScheduler, browserStores } from '@/lib/background/background-ports';
import { describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { generatePeople } from '../../sandbox/index.ts';
import { readStatus } from '@/lib/background/status';
import { destroyable } from '@/lib/sync/outbox';
import { settingsItem } from '@/lib/settings';
import { engineWorld } from './engine-world.ts';

const CONTACTS = 5_000;

/**
 * Counts the rows (values or keys) every read of the database returns, and the bytes (as JSON) of
 * every row written, table by table.
 */
function countingReads(
  counts: Map<string, number>,
  bytes: Map<string, number>,
): Middleware<DBCore> {
  const add = (table: string, n: number) => counts.set(table, (counts.get(table) ?? 0) + n);
  const written = (table: string, n: number) => bytes.set(table, (bytes.get(table) ?? 0) + n);
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
          mutate: async (req) => {
            if (req.type === 'add' || req.type === 'put')
              for (const value of req.values) written(name, JSON.stringify(value).length);
            return table.mutate(req);
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
  const reads = new Map<string, number>();
  const writes = new Map<string, number>();
  const w = await engineWorld({
    people: generatePeople(CONTACTS, 11),
    middleware: countingReads(reads, writes),
  });
  return { ...w, reads, writes };
}

const total = (reads: Map<string, number>) => [...reads.values()].reduce((a, b) => a + b, 0);

describe('a sync reads what changed, not the book', () => {
  it(`of ${CONTACTS.toLocaleString('en')} contacts: one renamed, one added, then nothing`, async () => {
    const { google, db, engine, reads, writes } = await world();
    expect((await engine.run('manual')).status).toBe('ok');
    const book = await db.entries.count();
    // What the book's people, entries and acknowledgements take, as JSON: the size a write must stay
    // far from.
    const stored =
      JSON.stringify(await db.people.toArray()).length +
      JSON.stringify(await db.acked.toArray()).length +
      JSON.stringify(await db.entries.toArray()).length;
    expect(book).toBeGreaterThan(CONTACTS * 0.9);
    const someone = (await db.entries.toArray())[0]?.resourceNames[0] ?? '';

    const budget = async (what: string, counts: Record<string, number>) => {
      reads.clear();
      writes.clear();
      expect(await engine.run('manual')).toMatchObject({ status: 'ok', counts });
      const read = total(reads);
      const detail = JSON.stringify(Object.fromEntries(reads));
      // The runs table keeps at most 50 rows; anything near the book's size means a scan.
      expect(read, `${what}: read ${read} rows (${detail}); the book has ${book}`).toBeLessThan(
        200,
      );
      // A bucket of people, of entries and of acknowledgements each holds ~1/128 of its table; the
      // rest (the run's record, meta) is small. Writing a table's worth would be ~15% of the book.
      const bytes = total(writes);
      const wrote = JSON.stringify(Object.fromEntries(writes));
      expect(
        bytes,
        `${what}: wrote ${bytes} bytes (${wrote}); the book takes ${stored}`,
      ).toBeLessThan(stored / 50);
    };
    google.updatePerson(someone, { givenName: 'Renamed' });
    await budget('one renamed', { imported: 1, updated: 1 });
    google.addPerson({ givenName: 'New', familyName: 'Person', phones: ['+1 212 555 0199'] });
    await budget('one added', { imported: 1, created: 1 });
    await budget('nothing changed', { imported: 0, created: 0, updated: 0 });
  }, 120_000);
});

describe('the status counts acknowledgements', () => {
  it(`of ${CONTACTS.toLocaleString('en')} contacts from one row, not the buckets`, async () => {
    const { db, engine, reads } = await world();
    expect((await engine.run('manual')).status).toBe('ok');
    // Some of another state, in another book: what the shared book's count must leave out.
    const all = await db.acked.toArray();
    await db.acked.bulkPut(
      all.slice(0, 40).map((a, i) => ({ ...a, state: i % 2 ? 'adopted' : 'wiped', book: 'other' })),
    );
    const rows = await db.acked.toArray();
    expect(rows.length).toBeGreaterThan(CONTACTS * 0.9);

    for (const bookMode of ['own', 'global'] as const) {
      await settingsItem.setValue({ ...(await settingsItem.getValue()), bookMode });
      reads.clear();
      const ports = { stores: browserStores, scheduler: browserScheduler };
      const status = await readStatus(db, ports, false, null);
      // The count a pressed "Remove" would destroy: every row in the own book, the own in the shared.
      expect(status.serverEntryCount).toBe(
        bookMode === 'own' ? rows.length : rows.filter(destroyable).length,
      );
      const buckets = reads.get('ackedBuckets') ?? 0;
      expect(buckets, `${bookMode}: read ${buckets} rows of acknowledgements`).toBeLessThanOrEqual(
        1,
      );
    }
  }, 120_000);
});
