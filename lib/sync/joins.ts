import { formatForDisplay } from '../contacts/normalize.ts';
import type { AckedRow, RegisteredRow } from '../db/schema.ts';
import type { CubeUser } from './ports.ts';

export interface CheckInput {
  users: CubeUser[];
  known: Map<number, RegisteredRow>;
  acked: Map<string, AckedRow>;
  /** Checks completed before this one; 0 makes this check the baseline. */
  checks: number;
  book: string;
  now: number;
  /**
   * The default phone country (resolved, as `SyncSettings.defaultCountry`): the rows' `display`
   * is national for its numbers. Without it every phone displays internationally.
   */
  country?: string;
}

export interface CheckResult {
  rows: RegisteredRow[];
  removed: number[];
  joins: RegisteredRow[];
}

/**
 * Who joined since the last check. A user is a join when we did not know them and their contact
 * was in our book before they registered. Two ways to know the second part:
 * - the entry was acknowledged before the previous check (they were not registered then), or
 * - the server says the account was created after the entry was first sent (this covers a run that
 *   stopped between its upload and its check, and an upload whose answer was lost).
 * The first check is the baseline: it notifies nobody. A contact added to Google whose person
 * already uses the app is "new in your list", not a join.
 */
export function detectJoins(input: CheckInput): CheckResult {
  const baseline = input.checks === 0;
  const rows: RegisteredRow[] = [];
  const joins: RegisteredRow[] = [];
  const present = new Set<number>();
  for (const user of input.users) {
    present.add(user.id);
    const old = input.known.get(user.id);
    const profile = {
      userId: user.id,
      phone: user.phone,
      display: formatForDisplay(user.phone, input.country ?? ''),
      addressBookName: user.address_book_name,
      ...(user.full_name ? { fullName: user.full_name } : {}),
      ...(user.login ? { login: user.login } : {}),
      ...(user.avatar ? { avatar: user.avatar } : {}),
    };
    if (old) {
      rows.push({ ...old, ...profile });
      continue;
    }
    const entry = input.acked.get(user.phone);
    const createdAt = user.created_at ? Date.parse(user.created_at) : NaN;
    const joined =
      !baseline &&
      entry !== undefined &&
      entry.book === input.book &&
      (entry.since < input.checks || (Number.isFinite(createdAt) && createdAt > entry.sentAt));
    const row: RegisteredRow = {
      ...profile,
      firstSeenAt: input.now,
      notified: joined ? 0 : 1,
      seen: joined ? 0 : 1,
      ...(joined ? { joinedAt: input.now, joinBatch: input.checks + 1 } : {}),
    };
    rows.push(row);
    if (joined) joins.push(row);
  }
  const removed = [...input.known.keys()].filter((id) => !present.has(id));
  return { rows, removed, joins };
}

/** Joins of one check notify together: up to 3 one by one, more as one summary. */
export const MAX_SINGLE_NOTIFICATIONS = 3;

export function groupNotifications(
  pending: RegisteredRow[],
): { id: string; users: { userId: number; name: string }[] }[] {
  const byBatch = new Map<number, RegisteredRow[]>();
  for (const row of pending) {
    const batch = row.joinBatch ?? 0;
    byBatch.set(batch, [...(byBatch.get(batch) ?? []), row]);
  }
  const out: { id: string; users: { userId: number; name: string }[] }[] = [];
  for (const [batch, rows] of [...byBatch].sort((a, b) => a[0] - b[0])) {
    const users = rows
      .sort((a, b) => a.userId - b.userId)
      .map((r) => ({ userId: r.userId, name: r.addressBookName }));
    if (users.length > MAX_SINGLE_NOTIFICATIONS) out.push({ id: `joins-${batch}`, users });
    else for (const u of users) out.push({ id: `join-${u.userId}`, users: [u] });
  }
  return out;
}
