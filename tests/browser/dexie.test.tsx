import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { Dexie } from 'dexie';
import { CubeDb } from '@/lib/db/schema';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { mount, registered, unmountAll } from './fake-api.ts';

const dbs: CubeDb[] = [];
function openDb(name: string): CubeDb {
  const db = new CubeDb(name);
  dbs.push(db);
  return db;
}

afterEach(async () => {
  unmountAll();
  await new Promise((resolve) => setTimeout(resolve, 30));
  const open = dbs.splice(0);
  for (const db of open) db.close();
  for (const name of new Set(open.map((db) => db.name))) await Dexie.delete(name);
});

describe('CubeDb on real IndexedDB', () => {
  it('keeps what was written across a close and reopen, with its indexes', async () => {
    const name = `cube-roundtrip-${Date.now()}`;
    const first = openDb(name);
    await first.people.put({
      resourceName: 'people/1',
      displayName: 'Ada',
      phones: [{ value: '+1 555 010 1234' }],
      source: 'contact',
      claims: [
        { phone: '15550101234', name: 'Ada' },
        { phone: '15550105678', name: 'Ada' },
      ],
    });
    await first.skipped.put({
      resourceName: 'people/2',
      phones: [
        {
          resourceName: 'people/2',
          raw: '12',
          name: 'Bob',
          reason: 'too-short',
          detail: '2 digits',
        },
      ],
    });
    await first.registered.add(registered(5, 'Ada', '15550101234', { joinedAt: 10, seen: 0 }));
    await first.runs.add({
      startedAt: 1,
      status: 'running',
      phase: 'done',
      trigger: 'manual',
      counts: {
        imported: 1,
        created: 1,
        updated: 0,
        deleted: 0,
        rejected: 0,
        joins: 1,
        requests: 1,
      },
    });
    first.close();

    expect((await indexedDB.databases()).map((d) => d.name)).toContain(name);
    const again = openDb(name);
    expect((await again.people.inGroup('contact')).map((p) => p.resourceName)).toEqual([
      'people/1',
    ]);
    expect((await again.people.get('people/1'))?.claims?.[1]?.phone).toBe('15550105678');
    expect((await again.skipped.get('people/2'))?.phones[0]).toMatchObject({ reason: 'too-short' });
    expect(await again.registered.where('joinedAt').above(0).count()).toBe(1);
    expect((await again.runs.toArray())[0]).toMatchObject({ id: 1, trigger: 'manual' });
  });

  it('useLiveQuery follows writes made through another connection (as the background does)', async () => {
    const name = `cube-live-${Date.now()}`;
    const page1 = openDb(name);
    const worker = openDb(name);
    function Count() {
      const count = useLiveQuery(() => page1.registered.count(), []);
      return <p>{count === undefined ? 'loading' : `count ${count}`}</p>;
    }
    mount(<Count />);
    await expect.element(page.getByText('count 0')).toBeVisible();
    await worker.registered.bulkAdd([
      registered(1, 'A', '15550100001'),
      registered(2, 'B', '15550100002'),
    ]);
    await expect.element(page.getByText('count 2')).toBeVisible();
  });
});
