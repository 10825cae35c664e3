// The popup's list of registered users as one row: the background keeps it, sorted as the popup
// shows it, in the same transaction as every write of `registered`. Reading 5,000 rows one by one
// cost the popup ~200 ms before its first paint; one packed row is one read and one JSON.parse.
import { shownNames } from '../contacts/shown-name.ts';
import { setMeta } from './meta.ts';
import type { CubeDb, RegisteredRow } from './schema.ts';

/**
 * The popup's order (lib/ui/users.ts `compareUsers`): newest joins first, then by the name shown.
 * The popup sorts again (a click on a notification puts its user first), which costs one pass over
 * a list already in order.
 */
export function sortForPopup(rows: readonly RegisteredRow[]): RegisteredRow[] {
  const keyed = rows.map((row) => ({
    row,
    name: shownNames(row.addressBookName, row.fullName, row.phone).name,
  }));
  keyed.sort(
    (a, b) => (b.row.joinedAt ?? -1) - (a.row.joinedAt ?? -1) || a.name.localeCompare(b.name),
  );
  return keyed.map((k) => k.row);
}

/**
 * Writes the view of `registered` as it is now. Call it inside the transaction that changed
 * `registered` (its scope must hold `registered` and `meta`), so the two never disagree, even when
 * the worker is stopped between two transactions.
 */
export async function storeUsersView(db: CubeDb): Promise<void> {
  await setMeta(db, 'usersView', usersView(await db.registered.toArray()));
}

/** `MetaValues.usersView` of these rows (all of `registered`). */
export function usersView(rows: readonly RegisteredRow[]): string {
  return JSON.stringify(sortForPopup(rows));
}
