import type { Dexie, Table } from 'dexie';

/**
 * Rows packed in buckets (schema version 6 for people and entries, 8 for skipped numbers): a row
 * each cost a first sync of 25,000 contacts 25,000 person rows and 28,786 entry rows at ~0.15–0.2
 * ms a row written in a service worker, the cost that bound it. A bucket holds the rows whose key hashes to it, so a
 * change rewrites the bucket of each row it touches, and a whole book is 128 rows.
 */
export const PACKED_BUCKETS = 128;

/** The row of counts per group beside the buckets, rewritten with every bucket that changes. */
export const PACKED_TOTALS = -1;

/**
 * Loose chunks, from this id up: rows appended whole (a page of a first listing), not yet sorted
 * into their buckets. Sorting each page in would rewrite every bucket with everything so far, 25
 * times over for 25,000 contacts; `compact` sorts them all in once, when the listing ends.
 */
export const LOOSE_FROM = 1_000_000;

/** FNV-1a of the key: stable across versions and runs (buckets are stored by it). */
export function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % PACKED_BUCKETS;
}

/** IndexedDB's order of string keys (UTF-16 code units), the order a row-per-key table has. */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface PackedBucketRow<T> {
  id: number;
  rows: T[];
  /** The groups its rows are in (indexed: the rows of one group are found without the others). */
  groups: string[];
}

export interface PackedTotalsRow {
  id: number;
  /** Rows per group (by weight); a group of none is left out. */
  counts: Record<string, number>;
}

export type PackedRow<T> = PackedBucketRow<T> | PackedTotalsRow;

const isBucket = <T>(row: PackedRow<T> | undefined): row is PackedBucketRow<T> =>
  row !== undefined && row.id !== PACKED_TOTALS;

/** What one write does: rows to put (by their key) and keys to remove. */
export interface PackedWrite<T> {
  put?: readonly T[];
  remove?: readonly string[];
}

/**
 * One table of packed rows, with the operations the engine uses on them. Every write is one
 * transaction over the table (a sub-transaction of the caller's, which must include it), reading
 * and rewriting the counts row: two writes must follow each other (awaited), never run side by
 * side in one transaction. `groupOf` names a row's group (a person's source); without it every row
 * is in the group ''. `weightOf`: what a row counts for (one, or the phones it holds).
 */
export class PackedStore<T> {
  constructor(
    private readonly db: Dexie,
    private readonly tableName: string,
    private readonly keyOf: (row: T) => string,
    private readonly groupOf: (row: T) => string = () => '',
    private readonly weightOf: (row: T) => number = () => 1,
  ) {}

  private get table(): Table<PackedRow<T>, number> {
    return this.db.table(this.tableName);
  }

  private bucketRow(id: number, rows: T[]): PackedBucketRow<T> {
    const keyed = rows.map((row) => ({ row, key: this.keyOf(row) }));
    keyed.sort((a, b) => compareKeys(a.key, b.key));
    return {
      id,
      rows: keyed.map((k) => k.row),
      groups: [...new Set(rows.map(this.groupOf))].sort(compareKeys),
    };
  }

  /** Packs rows into their buckets (later rows of a key win; the schema's upgrade uses it too). */
  pack(rows: Iterable<T>): PackedBucketRow<T>[] {
    const buckets = new Map<number, Map<string, T>>();
    for (const row of rows) {
      const key = this.keyOf(row);
      const id = bucketOf(key);
      let bucket = buckets.get(id);
      if (!bucket) buckets.set(id, (bucket = new Map()));
      bucket.set(key, row);
    }
    return [...buckets].map(([id, bucket]) => this.bucketRow(id, [...bucket.values()]));
  }

  /** Every row of a table packed with its counts row: what an upgrade writes (Dexie versions 6, 8). */
  packAll(rows: readonly T[]): PackedRow<T>[] {
    return [...this.pack(rows), this.totals(rows)];
  }

  /** Adds `sign` × each row to `counts` (in place), dropping the groups left at zero. */
  private tally(counts: Record<string, number>, rows: Iterable<T>, sign: 1 | -1): void {
    for (const row of rows) {
      const group = this.groupOf(row);
      const n = (counts[group] ?? 0) + sign * this.weightOf(row);
      if (n === 0) delete counts[group];
      else counts[group] = n;
    }
  }

  /** The counts row of these rows (the schema's upgrade uses it too). */
  totals(rows: Iterable<T>): PackedTotalsRow {
    const counts = {};
    this.tally(counts, rows, 1);
    return { id: PACKED_TOTALS, counts };
  }

  private async counts(): Promise<Record<string, number>> {
    const totals = await this.table.get(PACKED_TOTALS);
    return totals && !isBucket(totals) ? totals.counts : {};
  }

  /** Rows (by weight) of every group, or of `group`, from the counts row (no bucket read). */
  async count(group?: string): Promise<number> {
    const counts = await this.counts();
    if (group !== undefined) return counts[group] ?? 0;
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  /** Every row, in key order. */
  async toArray(): Promise<T[]> {
    const buckets = (await this.table.toArray()).filter(isBucket);
    return this.sorted(buckets.flatMap((b) => b.rows));
  }

  /** Every key, in order. */
  async keys(): Promise<string[]> {
    return (await this.toArray()).map(this.keyOf);
  }

  /** The rows of one group, in key order, reading only the buckets that hold any. */
  async inGroup(group: string): Promise<T[]> {
    // The counts row has no `groups`: the index never yields it.
    const buckets = (await this.table.where('groups').equals(group).toArray()).filter(isBucket);
    return this.sorted(buckets.flatMap((b) => b.rows.filter((r) => this.groupOf(r) === group)));
  }

  private sorted(rows: T[]): T[] {
    const keyed = rows.map((row) => ({ row, key: this.keyOf(row) }));
    keyed.sort((a, b) => compareKeys(a.key, b.key));
    return keyed.map((k) => k.row);
  }

  private loose(): Promise<PackedRow<T>[]> {
    return this.table.where(':id').aboveOrEqual(LOOSE_FROM).toArray();
  }

  /**
   * The rows of these keys, in their order (undefined where none), reading each bucket once. One
   * transaction: a compaction committing between the two reads would hide the rows it moved.
   */
  async bulkGet(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    const ids = [...new Set(keys.map(bucketOf))];
    const { table } = this;
    return this.db.transaction('r', table, async () => {
      const buckets = await table.bulkGet(ids);
      const loose = await this.loose();
      const known = new Map<string, T>();
      for (const bucket of [...buckets, ...loose])
        if (isBucket(bucket)) for (const row of bucket.rows) known.set(this.keyOf(row), row);
      return keys.map((key) => known.get(key));
    });
  }

  async get(key: string): Promise<T | undefined> {
    return (await this.bulkGet([key]))[0];
  }

  put(row: T): Promise<void> {
    return this.write({ put: [row] });
  }

  bulkPut(rows: readonly T[]): Promise<void> {
    return this.write({ put: rows });
  }

  bulkDelete(keys: readonly string[]): Promise<void> {
    return this.write({ remove: keys });
  }

  async clear(): Promise<void> {
    await this.table.clear();
  }

  /** Every row replaced by `rows`: the whole table written once, 128 rows at most. */
  async replaceAll(rows: readonly T[]): Promise<void> {
    const { table } = this;
    await this.db.transaction('rw', table, async () => {
      await table.clear();
      const buckets = this.pack(rows);
      await table.bulkPut([...buckets, this.totals(buckets.flatMap((b) => b.rows))]);
    });
  }

  /**
   * Appends rows none of which is stored yet (a page of a listing into an empty group) as one loose
   * chunk: one row written, whatever their buckets. Found by every read; sorted in by `compact`
   * or by the next `write`.
   */
  async append(rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return;
    const { table } = this;
    await this.db.transaction('rw', table, async () => {
      const last = await table.where(':id').aboveOrEqual(LOOSE_FROM).lastKey();
      const id = typeof last === 'number' ? last + 1 : LOOSE_FROM;
      const counts = structuredClone(await this.counts());
      this.tally(counts, rows, 1);
      await table.bulkPut([
        { id, rows: [...rows], groups: [...new Set(rows.map(this.groupOf))].sort(compareKeys) },
        { id: PACKED_TOTALS, counts },
      ]);
    });
  }

  /** Sorts the loose chunks into their buckets (nothing to do, and no row read, without any). */
  compact(): Promise<void> {
    return this.write({});
  }

  /**
   * Puts and removes rows: reads the buckets they fall in (and any loose chunk, whose rows are
   * sorted in too), applies the change, writes back the buckets that changed and the counts.
   */
  async write({ put = [], remove = [] }: PackedWrite<T>): Promise<void> {
    const { table } = this;
    await this.db.transaction('rw', table, async () => {
      const loose = (await this.loose()).filter(isBucket);
      if (put.length === 0 && remove.length === 0 && loose.length === 0) return;
      const looseRows = loose.flatMap((c) => c.rows);
      const ids = [
        ...new Set([...put.map(this.keyOf), ...remove, ...looseRows.map(this.keyOf)].map(bucketOf)),
      ];
      const [totals, ...found] = await table.bulkGet([PACKED_TOTALS, ...ids]);
      const buckets = found.map((b) => (isBucket(b) ? b : undefined));
      const map = new Map<string, T>();
      const before: T[] = [...looseRows];
      for (const bucket of buckets)
        for (const row of bucket?.rows ?? []) {
          map.set(this.keyOf(row), row);
          before.push(row);
        }
      const changed = new Set<number>(looseRows.map((r) => bucketOf(this.keyOf(r))));
      for (const row of looseRows) map.set(this.keyOf(row), row);
      for (const key of remove) if (map.delete(key)) changed.add(bucketOf(key));
      for (const row of put) {
        const key = this.keyOf(row);
        if (map.get(key) === row) continue;
        map.set(key, row);
        changed.add(bucketOf(key));
      }
      if (changed.size === 0) return;
      const packed = new Map(this.pack(map.values()).map((b) => [b.id, b]));
      const emptied = [...changed].filter((id) => !packed.has(id));
      const counts = structuredClone(totals && !isBucket(totals) ? totals.counts : {});
      this.tally(counts, before, -1);
      this.tally(counts, map.values(), 1);
      await table.bulkDelete([...emptied, ...loose.map((c) => c.id)]);
      await table.bulkPut([
        ...[...changed].flatMap((id) => packed.get(id) ?? []),
        { id: PACKED_TOTALS, counts },
      ]);
    });
  }
}
