import { phoneKey } from '../contacts/phone-key.ts';
import { shownNames } from '../contacts/shown-name.ts';
import type { RegisteredRow } from '../db/schema.ts';

/** A registered user as the popup shows it. */
export interface UserView {
  userId: number;
  /** The name in the user's own address book (what they know the contact as). */
  name: string;
  /** The app profile's name, when it differs from `name`. */
  appName?: string;
  phone: string;
  /** The phone formatted for reading (by the background: see `RegisteredRow.display`). */
  display: string;
  avatar?: string;
  joinedAt?: number;
  isNew: boolean;
  /** Lower-cased names, and the digits of the phone in both forms, for the search box. */
  names: string;
  digits: string;
}

/**
 * A row as the popup shows it. The phone is the one the background formatted when it stored the row;
 * a row stored by an older version shows it in E.164 until the next check rewrites it.
 */
export function toUserView(row: RegisteredRow, isNew: boolean): UserView {
  const { name, appName } = shownNames(row.addressBookName, row.fullName, row.phone);
  const display = row.display || dialable(row.phone);
  return {
    userId: row.userId,
    name,
    ...(appName === undefined ? {} : { appName }),
    phone: row.phone,
    display,
    ...(row.avatar ? { avatar: row.avatar } : {}),
    ...(row.joinedAt !== undefined ? { joinedAt: row.joinedAt } : {}),
    isNew,
    names: `${name}\n${appName ?? ''}\n${row.login ?? ''}`.toLowerCase(),
    digits: `${phoneKey(row.phone)}\n${phoneKey(display)}`,
  };
}

/** Newest joins first, then by name. */
export function compareUsers(a: UserView, b: UserView): number {
  const joined = (b.joinedAt ?? -1) - (a.joinedAt ?? -1);
  return joined !== 0 ? joined : a.name.localeCompare(b.name);
}

/**
 * The popup's order: the user a clicked notification is about first (`focusId`), then
 * `compareUsers`. Returns a new array.
 */
export function orderUsers(users: UserView[], focusId: number | null): UserView[] {
  const focused = (u: UserView) => (u.userId === focusId ? 0 : 1);
  return [...users].sort((a, b) => focused(a) - focused(b) || compareUsers(a, b));
}

/** Only phone characters: the query is matched against the digits of the phones. */
const PHONE_QUERY = /^[\d\s()+\-./]+$/;

/** What the search box matches: lower-cased names, and the digits of the phone in its forms. */
export type Searchable = Pick<UserView, 'names' | 'digits'>;

/**
 * Filters by name, or by phone ignoring its formatting ("+1 (555) 01" finds 15550123). Both lists
 * of the popup (its users, the Invite view's contacts) search alike.
 */
export function filterUsers<T extends Searchable>(users: T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return users;
  const digits = PHONE_QUERY.test(q) ? phoneKey(q) : '';
  return users.filter((u) => u.names.includes(q) || (digits !== '' && u.digits.includes(digits)));
}

export { chatUrl } from '../chat-link.ts';

/** The phone as people dial it: E.164 with its "+". */
export function dialable(phone: string): string {
  return phone.startsWith('+') ? phone : `+${phone}`;
}
