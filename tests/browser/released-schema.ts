// The released schema versions and databases written by them, for the upgrade tests
// (tests/browser/schema*.test.ts).
import { Dexie } from 'dexie';

/**
 * The released schema versions, frozen. A release's version is never edited: a schema change adds
 * a version to CubeDb (with its upgrade) and a row here, and a test that upgrades a database
 * written by the previous version.
 */
export const RELEASED: Record<number, Record<string, string>> = {
  1: {
    people: 'resourceName, source, dirty, *projected',
    entries: 'phone',
    skipped: '[resourceName+raw], resourceName',
    acked: 'phone, book',
    rejected: 'phone',
    inflight: 'id, createdAt',
    registered: 'userId, phone, joinedAt',
    runs: '++id, startedAt',
    meta: 'key',
  },
  2: {
    people: 'resourceName, source',
    entries: 'phone',
    skipped: '[resourceName+raw], resourceName',
    acked: 'phone, book',
    rejected: 'phone',
    inflight: 'id, createdAt',
    registered: 'userId, phone, joinedAt',
    runs: '++id, startedAt',
    meta: 'key',
  },
  3: {
    people: 'resourceName, source',
    entries: 'phone',
    skipped: '[resourceName+raw], resourceName',
    acked: 'phone, book',
    rejected: 'phone',
    inflight: 'id, createdAt',
    registered: 'userId, phone, joinedAt, [seen+joinedAt]',
    runs: '++id, startedAt',
    meta: 'key',
    invites: 'phone',
  },
  5: {
    people: 'resourceName, source',
    entries: 'phone',
    skipped: '[resourceName+raw], resourceName',
    ackedBuckets: 'id, *books',
    rejected: 'phone',
    inflight: 'id, createdAt',
    registered: 'userId, phone, joinedAt, [seen+joinedAt]',
    runs: '++id, startedAt',
    meta: 'key',
    invites: 'phone',
  },
};
// Version 4 changed the runs' rows (a status, a typed error), not the stores.
RELEASED[4] = RELEASED[3]!;
// Version 6: people and entries packed in buckets (lib/db/packed-store.ts).
RELEASED[6] = {
  ...Object.fromEntries(
    Object.entries(RELEASED[5]!).filter(([table]) => table !== 'people' && table !== 'entries'),
  ),
  peopleBuckets: 'id, *groups',
  entryBuckets: 'id',
};
// Version 7 changed rows of `meta` (the books' state as one record), not the stores.
RELEASED[7] = RELEASED[6]!;
// Version 8: the skipped numbers packed by person (lib/db/packed-store.ts).
RELEASED[8] = {
  ...Object.fromEntries(Object.entries(RELEASED[7]!).filter(([table]) => table !== 'skipped')),
  skippedBuckets: 'id',
};
/** The version CubeDb opens at: every upgrade runs up to it. */
export const LATEST = Math.max(...Object.keys(RELEASED).map(Number));

const names: string[] = [];

/** Deletes the databases `writtenBy` made (after each test). */
export async function deleteWritten(): Promise<void> {
  for (const name of names.splice(0)) await Dexie.delete(name);
}

/** A database of its own as the release of `version` declared it, deleted after the test. */
export function writtenBy(version: number): { name: string; old: Dexie } {
  const name = `schema-v${version}-${Date.now()}-${Math.random()}`;
  names.push(name);
  const old = new Dexie(name);
  old.version(version).stores(RELEASED[version]!);
  return { name, old };
}
