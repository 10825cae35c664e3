// Address-book upload rules (pure): validation per entry, rejected-by-index, create/update/destroy,
// and `force` (replace the whole book). A book maps phone -> name, in insertion order.

import { isRecord } from './transport.ts';

export type Book = Map<string, string>;

export interface BookEntry {
  phone: string;
  name: string;
}

/** Key order as in the server docs' example. `rejected` is always present (the SDK types say so). */
export interface UploadResult {
  deleted: number;
  rejected: Record<string, string[]>;
  created: number;
  updated: number;
}

export const PHONE_LENGTH_MESSAGE = "Length of 'phone' field should be min: 10 and max: 15.";
export const NAME_LENGTH_MESSAGE = "Length of 'name' field should be min: 1 and max: 255.";
/** The docs' message for an entry that is not made of name/phone/destroy. */
export const INVALID_FIELDS_MESSAGE = 'Invalid fields set';
export const MAX_UDID_LENGTH = 64;

const KNOWN_KEYS = new Set(['name', 'phone', 'destroy']);

type Entry = { destroy: true; phone: string } | { destroy: false; phone: string; name: string };

/** One request entry, or the reasons it is refused. */
export function validateEntry(value: unknown): Entry | string[] {
  if (!isRecord(value) || Object.keys(value).some((key) => !KNOWN_KEYS.has(key))) {
    return [INVALID_FIELDS_MESSAGE];
  }
  const destroy = parseFlag(value.destroy);
  if (destroy === undefined) return [INVALID_FIELDS_MESSAGE];
  const reasons: string[] = [];
  const phone = scalarText(value.phone);
  if (phone === undefined || phone.length < 10 || phone.length > 15) {
    reasons.push(PHONE_LENGTH_MESSAGE);
  }
  if (destroy) return phone === undefined || reasons.length > 0 ? reasons : { destroy, phone };
  const name = scalarText(value.name);
  const nameLength = name === undefined ? 0 : [...name].length;
  if (name === undefined || nameLength < 1 || nameLength > 255) reasons.push(NAME_LENGTH_MESSAGE);
  if (reasons.length > 0 || phone === undefined || name === undefined) return reasons;
  return { destroy, phone, name };
}

/**
 * Applies one upload to `book` (mutated unless `force`) and counts what changed.
 * With `force`, the new book is exactly this request's valid, non-destroy entries; the counts are
 * the difference between the old and the new book.
 * `refuse` (a test hook, see CubeState.refusedPhones) gives the reason to reject a valid
 * create/rename of a phone, as the real server does for entries it will not take; destroys pass.
 */
export function applyUpload(
  book: Book,
  contacts: readonly unknown[],
  force: boolean,
  refuse: (phone: string) => string | undefined = () => undefined,
): { book: Book; result: UploadResult } {
  const result: UploadResult = { deleted: 0, rejected: {}, created: 0, updated: 0 };
  const target: Book = force ? new Map() : book;
  contacts.forEach((value, index) => {
    const entry = validateEntry(value);
    if (Array.isArray(entry)) {
      result.rejected[String(index)] = entry;
      return;
    }
    const refused = entry.destroy ? undefined : refuse(entry.phone);
    if (refused !== undefined) {
      result.rejected[String(index)] = [refused];
      return;
    }
    if (entry.destroy) {
      if (target.delete(entry.phone) && !force) result.deleted += 1;
      return;
    }
    const previous = target.get(entry.phone);
    if (previous === entry.name) return;
    target.set(entry.phone, entry.name);
    if (!force) {
      if (previous === undefined) result.created += 1;
      else result.updated += 1;
    }
  });
  if (force) {
    for (const [phone, name] of target) {
      const before = book.get(phone);
      if (before === undefined) result.created += 1;
      else if (before !== name) result.updated += 1;
    }
    for (const phone of book.keys()) if (!target.has(phone)) result.deleted += 1;
  }
  return { book: target, result };
}

/** `1`, `"1"`, `true` are set; absent, `0`, `"0"`, `false` are not; anything else is invalid. */
export function parseFlag(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === 0 || value === '0' || value === false) {
    return false;
  }
  if (value === 1 || value === '1' || value === true || value === 'true') return true;
  return undefined;
}

/** Strings as they are; numbers as Rails would read them from JSON; anything else is missing. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function bookEntries(book: Book | undefined): BookEntry[] {
  return book ? [...book].map(([phone, name]) => ({ phone, name })) : [];
}
