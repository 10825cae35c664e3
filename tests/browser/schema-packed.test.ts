// Upgrades to the versions of issue 21: the books' state as one record (7), people and entries
// (6) and skipped numbers (8) packed in buckets.
import { afterEach, describe, expect, it } from 'vitest';
import { readBookState } from '@/lib/db/book-state';
import { CubeDb } from '@/lib/db/schema';
import { deleteWritten, LATEST, writtenBy } from './released-schema.ts';

afterEach(deleteWritten);

describe('the Dexie schema, versions 6 to 8', () => {
  it('upgrades a database written by the fifth release: the loose keys of each account become one state, every value kept', async () => {
    const { name, old } = writtenBy(5);
    const entry = { phone: '12125550101', name: 'Ada', resourceNames: ['people/1'] };
    // Keys that are not the books' state stay as they are.
    const others = [
      { key: 'projectionKey', value: 'US|international-digits' },
      { key: 'destination', value: 'https://api.example|1|82' },
      { key: 'projection', value: { kind: 'some', people: ['people/2'], phones: ['12125550102'] } },
      { key: 'usersView', value: '[]' },
    ];
    const account = (meta: Record<string, unknown>) => ({
      acked: [],
      inflight: [],
      rejected: [],
      registered: [],
      meta,
    });
    await old.table('entries').add(entry);
    await old.table('meta').bulkAdd([
      ...others,
      { key: 'checks', value: 6 },
      { key: 'ownBookStarted', value: true },
      { key: 'reuploadRequested', value: true },
      { key: 'namesSent', value: false },
      { key: 'outbox', value: { book: 'udid-1', phones: ['12125550101'] } },
      // Put aside by a version that kept its outbox mark too.
      {
        key: 'belief:https://api.example|1|81',
        value: account({
          checks: 2,
          ownBookStarted: true,
          namesSent: false,
          outbox: { book: 'udid-9', phones: [] },
        }),
      },
      // An account put aside before anything of its books was written.
      { key: 'belief:https://api.example|1|83', value: account({}) },
    ]);
    old.close();

    const db = new CubeDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await readBookState(db)).toEqual({
      checks: 6,
      ownBook: 'reupload-requested',
      namesSent: false,
      outbox: { kind: 'changed', book: 'udid-1', phones: ['12125550101'] },
    });
    const { meta: _81, ...kept81 } = account({});
    expect((await db.meta.get('belief:https://api.example|1|81'))?.value).toEqual({
      ...kept81,
      bookState: { checks: 2, ownBook: 'started', namesSent: false },
    });
    expect((await db.meta.get('belief:https://api.example|1|83'))?.value).toEqual({
      ...kept81,
      bookState: { checks: 0, ownBook: 'unstarted', namesSent: true },
    });
    // One row where there were five; everything else as it was.
    expect((await db.meta.toArray()).map((row) => row.key).sort()).toEqual(
      [
        ...others.map((row) => row.key),
        'bookState',
        'belief:https://api.example|1|81',
        'belief:https://api.example|1|83',
      ].sort(),
    );
    for (const row of others) expect(await db.meta.get(row.key)).toEqual(row);
    expect(await db.entries.toArray()).toEqual([entry]);
    db.close();
  });

  it('upgrades a database of the fifth release that never uploaded: no state stored, a fresh one read', async () => {
    const { name, old } = writtenBy(5);
    const entry = { phone: '12125550101', name: 'Ada', resourceNames: ['people/1'] };
    await old.table('entries').add(entry);
    old.close();

    const db = new CubeDb(name);
    expect(await readBookState(db)).toEqual({
      checks: 0,
      ownBook: 'unstarted',
      namesSent: true,
      outbox: { kind: 'everything' },
    });
    expect(await db.meta.count()).toBe(0);
    expect(await db.entries.toArray()).toEqual([entry]);
    db.close();
  });
  it('upgrades a database written by the fifth release: every person and entry packed in its bucket', async () => {
    const { name, old } = writtenBy(5);
    const people = Array.from({ length: 700 }, (_, i) => ({
      resourceName: `people/c${i}`,
      etag: `e${i}`,
      displayName: `Contact ${i}`,
      phones: [{ value: `+1 212 555 ${String(i).padStart(4, '0')}` }],
      source: i % 5 === 0 ? ('other' as const) : ('contact' as const),
      claims: [{ phone: `1212555${String(i).padStart(4, '0')}`, name: `Contact ${i}` }],
    }));
    const entries = people.map((p) => ({
      phone: p.claims[0]!.phone,
      name: p.displayName,
      resourceNames: [p.resourceName],
      display: p.phones[0]!.value,
    }));
    await old.table('people').bulkAdd(people);
    await old.table('entries').bulkAdd(entries);
    await old.table('meta').add({ key: 'claimsKey', value: 'US|national|display' });
    old.close();

    const db = new CubeDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST);
    const byKey = <T>(rows: T[], key: (row: T) => string) =>
      [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    // Every row kept, in the key order the row-per-key tables had.
    expect(await db.people.toArray()).toEqual(byKey(people, (p) => p.resourceName));
    expect(await db.entries.toArray()).toEqual(byKey(entries, (e) => e.phone));
    expect(await db.people.count()).toBe(700);
    expect(await db.people.count('other')).toBe(140);
    expect(await db.entries.count()).toBe(700);
    expect((await db.people.inGroup('other')).map((p) => p.resourceName)).toEqual(
      byKey(
        people.filter((p) => p.source === 'other'),
        (p) => p.resourceName,
      ).map((p) => p.resourceName),
    );
    expect(await db.people.get('people/c42')).toEqual(people[42]);
    expect(await db.entries.bulkGet([entries[7]!.phone, 'none'])).toEqual([entries[7], undefined]);
    // Packed: 128 buckets at most and one row of counts, not a row per person or entry.
    expect(await db.peopleBuckets.count()).toBeLessThanOrEqual(129);
    expect(await db.entryBuckets.count()).toBeLessThanOrEqual(129);
    expect(db.tables.map((t) => t.name)).not.toContain('people');
    expect(db.tables.map((t) => t.name)).not.toContain('entries');
    expect((await db.meta.get('claimsKey'))?.value).toBe('US|national|display');
    db.close();
  });
  it('upgrades a database written by the seventh release: every skipped number kept, by person', async () => {
    const { name, old } = writtenBy(7);
    const skip = (person: number, raw: string) => ({
      resourceName: `people/c${person}`,
      raw,
      name: `Person ${person}`,
      reason: 'too-short',
      detail: 'Too few digits',
    });
    const rows = [skip(1, '12'), skip(1, '345'), skip(2, '6'), skip(300, '78')];
    await old.table('skipped').bulkAdd(rows);
    old.close();

    const db = new CubeDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.skipped.count()).toBe(4);
    expect(await db.skipped.get('people/c1')).toEqual({
      resourceName: 'people/c1',
      phones: [rows[0], rows[1]],
    });
    expect((await db.skipped.toArray()).flatMap((p) => p.phones)).toEqual(
      [...rows].sort((a, b) => (a.resourceName < b.resourceName ? -1 : 1)),
    );
    expect(db.tables.map((t) => t.name)).not.toContain('skipped');
    db.close();
  });
});
