import type {
  AckedBucketRow,
  AckedCounts,
  AckedRow,
  AckedState,
  AckedStoreRow,
  AckedTotalsRow,
  CubeDb,
} from './schema.ts';
import { bucketOf, compareKeys, PACKED_BUCKETS } from './packed-store.ts';

/**
 * Acknowledgements live packed in buckets (schema version 5): a first sync of 25,000 contacts wrote
 * 28,786 rows of them, one per entry, at ~0.17 ms a row in a service worker — most of its upload
 * phase. A bucket holds the rows whose phone hashes to it, so a change rewrites one bucket of a
 * few hundred rows at most, and a batch sent in bucket order (lib/sync/upload.ts) a handful.
 */
export const ACKED_BUCKETS = PACKED_BUCKETS;

/**
 * The row of counts per book and state, beside the buckets in their table and written in the same
 * put as every bucket that changes them: the status counts the book on every popup open, and
 * summing the buckets would read them all (~460 ms at 25,000 contacts, against one row).
 */
export const ACKED_TOTALS = -1;

const isBucket = (row: AckedStoreRow): row is AckedBucketRow => row.id !== ACKED_TOTALS;

/** The bucket of a phone: the same as its entry's (lib/db/packed-store.ts), stable across versions. */
export const ackedBucketOf = bucketOf;

/** IndexedDB's order of string keys, the order the row-per-phone table had. */
const byPhone = (a: AckedRow, b: AckedRow): number => compareKeys(a.phone, b.phone);

/** Adds `sign` × each row to `counts` (in place), dropping the books and states left at zero. */
function tally(counts: AckedCounts, rows: Iterable<AckedRow>, sign: 1 | -1): AckedCounts {
  for (const row of rows) {
    const book = (counts[row.book] ??= {});
    const n = (book[row.state] ?? 0) + sign;
    if (n === 0) delete book[row.state];
    else book[row.state] = n;
    if (Object.keys(book).length === 0) delete counts[row.book];
  }
  return counts;
}

/** The counts row of these rows (the upgrade to version 5 uses it too). */
export function ackedTotals(rows: Iterable<AckedRow>): AckedTotalsRow {
  return { id: ACKED_TOTALS, counts: tally({}, rows, 1) };
}

/** Packs rows into their buckets (the upgrade to version 5 uses it too). */
export function packAcked(rows: Iterable<AckedRow>): AckedBucketRow[] {
  const buckets = new Map<number, AckedRow[]>();
  for (const row of rows) {
    const id = ackedBucketOf(row.phone);
    const list = buckets.get(id);
    if (list) list.push(row);
    else buckets.set(id, [row]);
  }
  return [...buckets].map(([id, list]) => bucketRow(id, list));
}

function bucketRow(id: number, rows: AckedRow[]): AckedBucketRow {
  return { id, rows: rows.sort(byPhone), books: [...new Set(rows.map((r) => r.book))].sort() };
}

/**
 * The acknowledgements, with the operations the engine uses on them. Every write is one
 * transaction over `ackedBuckets` (a sub-transaction of the caller's, which must include that
 * table): a bucket is read, changed and written back whole with the counts, so a stop leaves them
 * as they were or as they are meant to be. Every write reads and rewrites the one counts row: two
 * writes must follow each other (awaited), never run side by side in one transaction.
 */
export class AckedStore {
  constructor(private readonly db: CubeDb) {}

  private async buckets(): Promise<AckedBucketRow[]> {
    return (await this.db.ackedBuckets.toArray()).filter(isBucket);
  }

  async toArray(): Promise<AckedRow[]> {
    return (await this.buckets()).flatMap((b) => b.rows).sort(byPhone);
  }

  async get(phone: string): Promise<AckedRow | undefined> {
    const bucket = await this.db.ackedBuckets.get(ackedBucketOf(phone));
    return bucket && isBucket(bucket) ? bucket.rows.find((r) => r.phone === phone) : undefined;
  }

  /** The rows of these phones, in their order (undefined where none), reading each bucket once. */
  async bulkGet(phones: readonly string[]): Promise<(AckedRow | undefined)[]> {
    if (phones.length === 0) return [];
    const ids = [...new Set(phones.map(ackedBucketOf))];
    const buckets = await this.db.ackedBuckets.bulkGet(ids);
    const known = new Map<string, AckedRow>();
    for (const bucket of buckets)
      if (bucket && isBucket(bucket)) for (const row of bucket.rows) known.set(row.phone, row);
    return phones.map((phone) => known.get(phone));
  }

  async inBook(book: string): Promise<AckedRow[]> {
    // The counts row has no `books`: the index never yields it.
    const buckets = (await this.db.ackedBuckets.where('books').equals(book).toArray()).filter(
      isBucket,
    );
    return buckets.flatMap((b) => b.rows.filter((r) => r.book === book)).sort(byPhone);
  }

  /** Rows of any other book than `book`: after a switch of books, and otherwise none (no row read). */
  async notInBook(book: string): Promise<AckedRow[]> {
    // Two plain ranges: `notEqual` walks every key equal to `book` (the whole book) to skip them.
    const [below, above] = await Promise.all([
      this.db.ackedBuckets.where('books').below(book).toArray(),
      this.db.ackedBuckets.where('books').above(book).toArray(),
    ]);
    const rows = new Map<string, AckedRow>();
    for (const bucket of [...below, ...above].filter(isBucket))
      for (const row of bucket.rows) if (row.book !== book) rows.set(row.phone, row);
    return [...rows.values()].sort(byPhone);
  }

  /** The rows per book and state, from the one counts row (no bucket read). */
  async counts(): Promise<AckedCounts> {
    const totals = await this.db.ackedBuckets.get(ACKED_TOTALS);
    return totals && !isBucket(totals) ? totals.counts : {};
  }

  /** How many rows, of every book, are in one of `states` (every row without). */
  async count(states?: readonly AckedState[]): Promise<number> {
    let n = 0;
    for (const book of Object.values(await this.counts()))
      for (const [state, count] of Object.entries(book))
        if (!states || states.includes(state as AckedState)) n += count;
    return n;
  }

  put(row: AckedRow): Promise<void> {
    return this.bulkPut([row]);
  }

  bulkPut(rows: readonly AckedRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.change(
      rows.map((r) => r.phone),
      (map) => {
        for (const row of rows) map.set(row.phone, row);
      },
    );
  }

  bulkDelete(phones: readonly string[]): Promise<void> {
    if (phones.length === 0) return Promise.resolve();
    return this.change(phones, (map) => {
      for (const phone of phones) map.delete(phone);
    });
  }

  /** Changes every row `filter` picks with `update` (a new row for the same phone). */
  async modify(filter: (row: AckedRow) => boolean, update: (row: AckedRow) => AckedRow) {
    const { db } = this;
    await db.transaction('rw', db.ackedBuckets, async () => {
      const buckets = await this.buckets();
      const changed: AckedBucketRow[] = [];
      for (const bucket of buckets) {
        if (!bucket.rows.some(filter)) continue;
        changed.push(
          bucketRow(
            bucket.id,
            bucket.rows.map((r) => (filter(r) ? update(r) : r)),
          ),
        );
      }
      if (changed.length === 0) return;
      const ids = new Set(changed.map((b) => b.id));
      const rows = [...buckets.filter((b) => !ids.has(b.id)), ...changed].flatMap((b) => b.rows);
      await db.ackedBuckets.bulkPut([...changed, ackedTotals(rows)]);
    });
  }

  async clear(): Promise<void> {
    await this.db.ackedBuckets.clear();
  }

  /** Reads the buckets of `phones`, applies `apply` to their rows, writes back those that changed. */
  private async change(
    phones: readonly string[],
    apply: (rows: Map<string, AckedRow>) => void,
  ): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.ackedBuckets, async () => {
      const ids = [...new Set(phones.map(ackedBucketOf))];
      const [totals, ...found] = await db.ackedBuckets.bulkGet([ACKED_TOTALS, ...ids]);
      const buckets = found.map((b) => (b && isBucket(b) ? b : undefined));
      const map = new Map<string, AckedRow>();
      for (const bucket of buckets) for (const row of bucket?.rows ?? []) map.set(row.phone, row);
      const before = new Map(map);
      apply(map);
      const put: AckedStoreRow[] = [];
      const emptied: number[] = [];
      const grouped = packAcked(map.values());
      const filled = new Set(grouped.map((b) => b.id));
      ids.forEach((id, i) => {
        if (!filled.has(id) && buckets[i]) emptied.push(id);
      });
      for (const bucket of grouped) {
        const old = buckets[ids.indexOf(bucket.id)];
        const same =
          old?.rows.length === bucket.rows.length &&
          bucket.rows.every((r, j) => old.rows[j] === r && before.get(r.phone) === r);
        if (!same) put.push(bucket);
      }
      if (put.length === 0 && emptied.length === 0) return;
      // The counts move by what the touched buckets held before and hold now.
      const counts = structuredClone(totals && !isBucket(totals) ? totals.counts : {});
      tally(tally(counts, before.values(), -1), map.values(), 1);
      put.push({ id: ACKED_TOTALS, counts });
      await db.ackedBuckets.bulkDelete(emptied);
      await db.ackedBuckets.bulkPut(put);
    });
  }
}
