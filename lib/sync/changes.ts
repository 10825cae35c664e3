import { readBookState, updateBookState } from '../db/book-state.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import type { CubeDb } from '../db/schema.ts';

/**
 * Past this many changed people, one pass over the whole book (one read, one write) is cheaper than
 * following each change through the entries it touches.
 */
export const WHOLE_PROJECTION_AT = 1_000;

/**
 * Notes people whose claims changed (imported, changed or deleted) and the phones they touch, for the
 * projection to follow. Called inside the transaction that wrote them, so a stop never loses one.
 */
export async function noteChanged(
  db: CubeDb,
  people: readonly string[],
  phones: Iterable<string>,
): Promise<void> {
  if (people.length === 0) return;
  const pending = await getMeta(db, 'projection');
  if (pending?.kind === 'all') return;
  const names = new Set(pending?.people);
  const touched = new Set(pending?.phones);
  for (const name of people) names.add(name);
  for (const phone of phones) touched.add(phone);
  await setMeta(
    db,
    'projection',
    names.size > WHOLE_PROJECTION_AT
      ? { kind: 'all' }
      : { kind: 'some', people: [...names], phones: [...touched] },
  );
}

/**
 * Adds phones whose entry changed to the outbox of the next upload. When it looks at everything
 * anyway, nothing is noted. Called inside the transaction that changed the entries.
 */
export async function noteOutbox(db: CubeDb, phones: readonly string[]): Promise<void> {
  if (phones.length === 0) return;
  const { outbox } = await readBookState(db);
  if (outbox.kind === 'everything') return;
  await updateBookState(db, {
    outbox: { ...outbox, phones: [...new Set([...outbox.phones, ...phones])] },
  });
}
