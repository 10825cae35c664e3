import type { SkippedRow } from './schema.ts';

/**
 * The skipped numbers of one person, stored together (schema version 8): packed by person like
 * the people themselves, and counted by number (`PackedStore`'s weight).
 */
export interface SkippedOfPerson {
  resourceName: string;
  /** Sorted by `raw`. */
  phones: SkippedRow[];
}

/** Groups skipped numbers by person (in the order met), as `db.skipped` stores them. */
export function skippedByPerson(rows: readonly SkippedRow[]): SkippedOfPerson[] {
  const people = new Map<string, SkippedRow[]>();
  for (const row of rows) {
    const list = people.get(row.resourceName);
    if (list) list.push(row);
    else people.set(row.resourceName, [row]);
  }
  return [...people].map(([resourceName, phones]) => ({
    resourceName,
    phones: phones.sort((a, b) => (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0)),
  }));
}
