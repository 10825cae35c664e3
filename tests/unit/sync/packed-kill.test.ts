// The packed layout (lib/db/acked-store.ts, lib/db/packed-store.ts) under a worker killed between
// two of its writes: each write is one transaction, so a stop leaves every bucket as it was or as
// it is meant to be, and the next run resumes.

import { afterEach, describe, expect, it } from 'vitest';
import { LOOSE_FROM } from '@/lib/db/packed-store';
import { PAGE_SIZE, UDID } from '../model/world.ts';
import { disposeWorld, killedRun, newWorld } from './regression-world.ts';

afterEach(disposeWorld);

describe('a worker killed between two writes of packed rows', () => {
  // Acknowledgements are packed in buckets (lib/db/acked-store.ts), rewritten whole by each batch's
  // answer: a worker killed between two of those writes (the second batch's) must leave the first
  // batch's bucket intact and the second batch in doubt, resent by the next run.
  it('a first upload killed between two bucket writes resumes: every entry acknowledged once', async () => {
    const w = await newWorld();
    const phones = Array.from(
      { length: 9 },
      (_, i) => `+1 212-555-01${String(i).padStart(2, '0')}`,
    );
    phones.forEach((phone, i) =>
      w.google.addPerson({ givenName: `P${i}`, familyName: 'X', phones: [phone] }),
    );
    let bucketWrites = 0;
    await killedRun(w, (label) => label === 'put ackedBuckets' && ++bucketWrites === 2);
    // The first batch's answer was stored before the kill.
    const before = await w.current.db.acked.toArray();
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(phones.length);
    expect((await w.run()).status).toBe('ok');
    const server = w.serverBook(UDID);
    expect(server.size).toBe(phones.length);
    const acked = await w.current.db.acked.toArray();
    expect(acked.map((a) => [a.phone, a.name, a.book, a.state])).toEqual(
      [...server]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([phone, name]) => [phone, name, UDID, 'owned']),
    );
    expect(await w.current.db.inflight.count()).toBe(0);
  });
  // People are packed too (lib/db/packed-store.ts): each page of a first listing is appended as one
  // loose row, sorted into the buckets when the listing ends. A worker killed between two page
  // writes must leave the pages before it, and the next run resume from its page token: every
  // person stored once, nothing loose after, the book complete.
  it('a first listing killed between two page writes resumes: every person stored once', async () => {
    const w = await newWorld();
    const people = Array.from({ length: 10 }, (_, i) =>
      w.google.addPerson({
        givenName: `P${i}`,
        familyName: 'X',
        phones: [`+1 212-555-02${String(i).padStart(2, '0')}`],
      }),
    );
    let pageWrites = 0;
    await killedRun(w, (label) => label === 'put peopleBuckets' && ++pageWrites === 3);
    const { db } = w.current;
    expect(await db.people.count()).toBe(2 * PAGE_SIZE);
    expect((await w.run()).status).toBe('ok');
    const stored = await w.current.db.people.toArray();
    expect(stored.map((p) => p.resourceName).sort()).toEqual([...people].sort());
    expect(await w.current.db.people.count()).toBe(people.length);
    const rows = await w.current.db.peopleBuckets.toArray();
    expect(rows.filter((r) => r.id >= LOOSE_FROM)).toEqual([]);
    expect(w.serverBook(UDID).size).toBe(people.length);
  });
});
