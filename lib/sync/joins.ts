import { formatForDisplay } from '../contacts/normalize.ts';
import { shownNames } from '../contacts/shown-name.ts';
import type { AckedRow, RegisteredRow } from '../db/schema.ts';
import type { CubeUser, JoinNotification, JoinedUser, RegisteredItem } from './ports.ts';

export interface CheckInput {
  /** The compact answer: every app user among the book's contacts, with the contact's name. */
  items: RegisteredItem[];
  /**
   * Profiles fetched for this check (every user not stored yet, and stale ones), by user id;
   * `null`: the server did not give them (the check goes on without, they are fetched next time).
   */
  profiles: ReadonlyMap<number, CubeUser> | null;
  known: Map<number, RegisteredRow>;
  acked: Map<string, AckedRow>;
  /**
   * The user's own name for each phone (the entries' names). The server's name is what was
   * uploaded, which names-free is the number: the user's name is shown whenever there is one.
   */
  names?: ReadonlyMap<string, string>;
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
  /** Rows to write: new users, and known ones whose stored fields changed (the rest stay as is). */
  rows: RegisteredRow[];
  removed: number[];
  joins: RegisteredRow[];
  /**
   * Entries whose new user only a profile could judge, and none came: the user is not stored, so
   * the next check judges them; the entry is to count from this check on (see detectJoins).
   */
  waiting: AckedRow[];
}

/**
 * Who joined since the last check. A user is a join when we did not know them and their contact
 * was in our book before they registered. Two ways to know the second part:
 * - the entry was acknowledged before the previous check (they were not registered then), or
 * - the server says the account was created after the entry was first sent (this covers a run that
 *   stopped between its upload and its check, and an upload whose answer was lost). `createdAt`
 *   comes from the profile, which is fetched for every user not stored yet; one whose profile the
 *   server did not return is judged by the first way alone.
 * When the profiles could not be fetched at all, a new user whose join only the second way can
 * tell waits: not stored, their entry in `waiting`. The caller moves its `since` to this check, so
 * the first way does not take this check (which saw them registered) for one before they were.
 * Every other user is judged and stored as usual: the compact answer and the names suffice.
 * The first check is the baseline: it notifies nobody. A contact added to Google whose person
 * already uses the app is "new in your list", not a join.
 * A known user keeps their row: the contact's name and phone follow the compact answer, the profile
 * fields change only with a fetched profile.
 */
export function detectJoins(input: CheckInput): CheckResult {
  const baseline = input.checks === 0;
  const rows: RegisteredRow[] = [];
  const joins: RegisteredRow[] = [];
  const waiting: AckedRow[] = [];
  const present = new Set<number>();
  for (const item of input.items) {
    present.add(item.id);
    const old = input.known.get(item.id);
    const user = input.profiles?.get(item.id);
    const contact = {
      userId: item.id,
      phone: item.phone,
      display: formatForDisplay(item.phone, input.country ?? ''),
      addressBookName: input.names?.get(item.phone) ?? item.addressBookName,
    };
    const profile = user ? profileFields(user, input.now) : {};
    if (old) {
      const row = user
        ? { ...withoutProfile(old), ...contact, ...profile }
        : { ...old, ...contact };
      if (!sameRow(old, row)) rows.push(row);
      continue;
    }
    const entry = input.acked.get(item.phone);
    const ours = !baseline && entry !== undefined && entry.book === input.book;
    if (ours && entry.since >= input.checks && input.profiles === null) {
      waiting.push(entry);
      continue;
    }
    const createdAt = user?.createdAt ? Date.parse(user.createdAt) : NaN;
    const joined =
      ours &&
      (entry.since < input.checks || (Number.isFinite(createdAt) && createdAt > entry.sentAt));
    const row: RegisteredRow = {
      ...contact,
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
  return { rows, removed, joins, waiting };
}

/** What a row keeps of a profile, stamped with when it was fetched. */
function profileFields(
  user: CubeUser,
  now: number,
): Pick<RegisteredRow, 'fullName' | 'login' | 'avatar' | 'profileAt'> {
  return {
    ...(user.fullName ? { fullName: user.fullName } : {}),
    ...(user.login ? { login: user.login } : {}),
    ...(user.avatar ? { avatar: user.avatar } : {}),
    profileAt: now,
  };
}

/** A row without its profile fields, so a fetched profile that lost one (no avatar now) clears it. */
function withoutProfile(row: RegisteredRow): RegisteredRow {
  const { fullName: _fullName, login: _login, avatar: _avatar, profileAt: _at, ...rest } = row;
  return rest;
}

function sameRow(a: RegisteredRow, b: RegisteredRow): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof RegisteredRow>;
  return [...keys].every((key) => a[key] === b[key]);
}

/** Joins of one check notify together: up to 3 one by one, more as one summary. */
export const MAX_SINGLE_NOTIFICATIONS = 3;

/**
 * `invitedAt`: when the user invited each phone (the `invites` table), so a join can say so. Each
 * user is named as the popup names them: the saved name, and the app profile's when it differs.
 */
export function groupNotifications(
  pending: RegisteredRow[],
  invitedAt: ReadonlyMap<string, number> = new Map(),
): JoinNotification[] {
  const byBatch = new Map<number, RegisteredRow[]>();
  for (const row of pending) {
    const batch = row.joinBatch ?? 0;
    byBatch.set(batch, [...(byBatch.get(batch) ?? []), row]);
  }
  const out: JoinNotification[] = [];
  for (const [batch, rows] of [...byBatch].sort((a, b) => a[0] - b[0])) {
    const users = rows
      .sort((a, b) => a.userId - b.userId)
      .map((r): JoinedUser => {
        const at = invitedAt.get(r.phone);
        return {
          userId: r.userId,
          ...shownNames(r.addressBookName, r.fullName, r.phone),
          ...(at === undefined ? {} : { invitedAt: at }),
        };
      });
    if (users.length > MAX_SINGLE_NOTIFICATIONS) out.push({ id: `joins-${batch}`, users });
    else for (const u of users) out.push({ id: `join-${u.userId}`, users: [u] });
  }
  return out;
}
