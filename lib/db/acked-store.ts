import type { AckedBucketRow, AckedRow, CubeDb } from './schema.ts';

/**
 * Acknowledgements live packed in buckets (schema version 5): a first sync of 25,000 contacts wrote
 * 28,786 rows of them, one per entry, at ~0.17 ms a row in a service worker — most of its upload
 * phase. A bucket holds the rows whose phone hashes to it, so a change rewrites one bucket of a
 * few hundred rows at most, and a batch sent in bucket order (lib/sync/upload.ts) a handful.
 */
export const ACKED_BUCKETS = 128;

/** FNV-1a of the phone: stable across versions and runs (buckets are stored by it). */
export function ackedBucketOf(phone: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < phone.length; i++) {
    hash ^= phone.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % ACKED_BUCKETS;
}

/** IndexedDB's order of string keys (UTF-16 code units), the order the row-per-phone table had. */
const byPhone = (a: AckedRow, b: AckedRow): number =>
  a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0;

/** Packs rows into their buckets (the upgrade from version 3 uses it too). */
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
 * table): a bucket is read, changed and written back whole, so a stop leaves it as it was or as it
 * is meant to be.
 */
export class AckedStore {
  constructor(private readonly db: CubeDb) {}

  async toArray(): Promise<AckedRow[]> {
    const buckets = await this.db.ackedBuckets.toArray();
    return buckets.flatMap((b) => b.rows).sort(byPhone);
  }

  async get(phone: string): Promise<AckedRow | undefined> {
    const bucket = await this.db.ackedBuckets.get(ackedBucketOf(phone));
    return bucket?.rows.find((r) => r.phone === phone);
  }

  /** The rows of these phones, in their order (undefined where none), reading each bucket once. */
  async bulkGet(phones: readonly string[]): Promise<(AckedRow | undefined)[]> {
    if (phones.length === 0) return [];
    const ids = [...new Set(phones.map(ackedBucketOf))];
    const buckets = await this.db.ackedBuckets.bulkGet(ids);
    const known = new Map<string, AckedRow>();
    for (const bucket of buckets) for (const row of bucket?.rows ?? []) known.set(row.phone, row);
    return phones.map((phone) => known.get(phone));
  }

  async inBook(book: string): Promise<AckedRow[]> {
    const buckets = await this.db.ackedBuckets.where('books').equals(book).toArray();
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
    for (const bucket of [...below, ...above])
      for (const row of bucket.rows) if (row.book !== book) rows.set(row.phone, row);
    return [...rows.values()].sort(byPhone);
  }

  async count(filter?: (row: AckedRow) => boolean): Promise<number> {
    let n = 0;
    await this.db.ackedBuckets.each((bucket) => {
      n += filter ? bucket.rows.filter(filter).length : bucket.rows.length;
    });
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
      const changed: AckedBucketRow[] = [];
      for (const bucket of await db.ackedBuckets.toArray()) {
        if (!bucket.rows.some(filter)) continue;
        changed.push(
          bucketRow(
            bucket.id,
            bucket.rows.map((r) => (filter(r) ? update(r) : r)),
          ),
        );
      }
      await db.ackedBuckets.bulkPut(changed);
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
      const buckets = await db.ackedBuckets.bulkGet(ids);
      const map = new Map<string, AckedRow>();
      for (const bucket of buckets) for (const row of bucket?.rows ?? []) map.set(row.phone, row);
      const before = new Map(map);
      apply(map);
      const put: AckedBucketRow[] = [];
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
      await db.ackedBuckets.bulkDelete(emptied);
      await db.ackedBuckets.bulkPut(put);
    });
  }
}
