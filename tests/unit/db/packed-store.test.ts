// The packed layout of people and entries (lib/db/packed-store.ts) on fake-indexeddb: every read
// sees what was written, whether still loose or sorted into its bucket, the counts row always
// equals the rows, and a change rewrites the buckets it touches, not the table.
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { bucketOf, LOOSE_FROM, PACKED_TOTALS } from '@/lib/db/packed-store';
import { CubeDb, type PersonRow } from '@/lib/db/schema';

let n = 0;
const open = () => new CubeDb(`packed-${++n}-${Math.random()}`);

const personRow = (i: number, source: PersonRow['source'] = 'contact'): PersonRow => ({
  resourceName: `people/c${String(i).padStart(5, '0')}`,
  etag: `e${i}`,
  displayName: `Person ${i}`,
  phones: [{ value: `+1 212 555 ${String(i).padStart(4, '0')}` }],
  source,
});

/** The rows IndexedDB holds: buckets by id, loose chunks, and the counts row. */
async function layout(db: CubeDb) {
  const rows = await db.peopleBuckets.toArray();
  return {
    buckets: rows.filter((r) => r.id >= 0 && r.id < LOOSE_FROM),
    loose: rows.filter((r) => r.id >= LOOSE_FROM),
    totals: rows.find((r) => r.id === PACKED_TOTALS),
  };
}

describe('PackedStore', () => {
  it('appends a page as one row, reads it at once, and sorts it into buckets when compacted', async () => {
    const db = open();
    const first = Array.from({ length: 300 }, (_, i) => personRow(i));
    const second = Array.from({ length: 300 }, (_, i) => personRow(300 + i, 'other'));
    await db.people.append(first);
    await db.people.append(second);
    expect((await layout(db)).loose.map((r) => r.id)).toEqual([LOOSE_FROM, LOOSE_FROM + 1]);
    expect((await layout(db)).buckets).toEqual([]);
    // Loose rows are found by every read.
    expect(await db.people.get('people/c00042')).toEqual(first[42]);
    expect(await db.people.count()).toBe(600);
    expect(await db.people.count('other')).toBe(300);

    await db.people.compact();
    const { buckets, loose, totals } = await layout(db);
    expect(loose).toEqual([]);
    expect(buckets.length).toBeGreaterThan(100);
    expect(buckets.length).toBeLessThanOrEqual(128);
    for (const bucket of buckets)
      for (const row of 'rows' in bucket ? bucket.rows : [])
        expect(bucketOf(row.resourceName)).toBe(bucket.id);
    expect(totals).toEqual({ id: PACKED_TOTALS, counts: { contact: 300, other: 300 } });
    expect(await db.people.toArray()).toEqual([...first, ...second]);
    expect((await db.people.inGroup('other')).length).toBe(300);
  });

  it('counts a person appended twice (a listing that repeated them) once when compacted', async () => {
    const db = open();
    await db.people.append([personRow(1), personRow(2)]);
    await db.people.append([{ ...personRow(2), displayName: 'Renamed' }]);
    expect(await db.people.count()).toBe(3);
    await db.people.compact();
    expect(await db.people.count()).toBe(2);
    expect((await db.people.get('people/c00002'))?.displayName).toBe('Renamed');
  });

  it('a write sorts loose pages in too, and rewrites only the buckets it touches', async () => {
    const db = open();
    await db.people.replaceAll(Array.from({ length: 1_000 }, (_, i) => personRow(i)));
    const before = await layout(db);
    await db.people.append([personRow(5_000)]);
    await db.people.write({ put: [{ ...personRow(7), displayName: 'Seven' }], remove: ['x'] });
    const after = await layout(db);
    expect(after.loose).toEqual([]);
    const changed = after.buckets.filter(
      (b) => JSON.stringify(b) !== JSON.stringify(before.buckets.find((o) => o.id === b.id)),
    );
    expect(changed.map((b) => b.id).sort()).toEqual(
      [...new Set([bucketOf('people/c00007'), bucketOf('people/c05000')])].sort(),
    );
    expect(await db.people.count()).toBe(1_001);
    expect((await db.people.get('people/c00007'))?.displayName).toBe('Seven');
  });

  it('removes rows and empties a bucket of its last one; a removal of nothing writes nothing', async () => {
    const db = open();
    await db.entries.bulkPut([{ phone: '1', name: 'A', resourceNames: [] }]);
    const writes: string[] = [];
    const listen = (parts: Record<string, unknown>) => void writes.push(...Object.keys(parts));
    Dexie.on('storagemutated', listen);
    await db.entries.bulkDelete(['2']);
    expect(writes).toEqual([]);
    await db.entries.bulkDelete(['1']);
    Dexie.on('storagemutated').unsubscribe(listen);
    expect(await db.entryBuckets.toArray()).toEqual([{ id: PACKED_TOTALS, counts: {} }]);
    expect(await db.entries.count()).toBe(0);
  });
});
