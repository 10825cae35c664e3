/**
 * Guards for the rows the pages read from the database. The background writes them, but a row of
 * an older or newer version, a half-written one or a tampered one may not have the shape the types
 * promise: a page renders only the rows these accept and skips the others, so one bad row never
 * blanks the page. Types only from lib/db/schema.ts: the popup must not bundle Dexie.
 */
import type { SkipReason } from '../contacts/types.ts';
import type {
  EntryRow,
  InviteRow,
  Phase,
  RegisteredRow,
  RejectedRow,
  RunCounts,
  RunRow,
  SkippedRow,
} from '../db/schema.ts';
import { RUN_ERROR_CODES, RUN_ERROR_KINDS } from '../domain/errors.ts';
import { isRecord as isObject, isString } from '../net/shape.ts';

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isFlag = (value: unknown): value is 0 | 1 => value === 0 || value === 1;

/** Absent, or what `check` accepts. */
function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function oneOf<T extends string>(values: readonly T[]): (value: unknown) => value is T {
  return (value): value is T => (values as readonly unknown[]).includes(value);
}

/**
 * Every member of a union, from a record the compiler checks: a member added to the type and not
 * here (or one here the type lacks) does not compile.
 */
function every<T extends string>(members: Record<T, true>): T[] {
  return Object.keys(members) as T[];
}

const isPhase = oneOf(
  every<Phase>({
    import: true,
    project: true,
    upload: true,
    registered: true,
    notify: true,
    done: true,
  }),
);
const isErrorKind = oneOf(RUN_ERROR_KINDS);
const isErrorCode = oneOf(RUN_ERROR_CODES);

/** A typed run error (lib/domain/errors.ts): kind and code of this version, params strings. */
function isRunError(value: unknown): boolean {
  return (
    isObject(value) &&
    isErrorKind(value.kind) &&
    isErrorCode(value.code) &&
    Array.isArray(value.params) &&
    value.params.every(isString)
  );
}

/** How the run ended, each status with the fields it has (RunEnd in lib/db/schema.ts). */
function isRunEnd(row: Record<string, unknown>): boolean {
  switch (row.status) {
    case 'running':
      return true;
    case 'ok':
    case 'interrupted':
      return isNumber(row.endedAt);
    case 'failed':
      return isNumber(row.endedAt) && isRunError(row.error);
    default:
      return false;
  }
}
const isSkipReason = oneOf(
  every<SkipReason>({
    'invalid-number': true,
    'too-short': true,
    'too-long': true,
    'no-phone': true,
  }),
);

/** The counts every run has (the optional ones came later and may be absent). */
type RequiredCount = {
  [K in keyof RunCounts]-?: undefined extends RunCounts[K] ? never : K;
}[keyof RunCounts];
const COUNTS = every<RequiredCount>({
  imported: true,
  created: true,
  updated: true,
  deleted: true,
  rejected: true,
  joins: true,
  requests: true,
});

/** A registered user the popup can show: every field of `RegisteredRow` of its type. */
export function isRegisteredRow(value: unknown): value is RegisteredRow {
  if (!isObject(value)) return false;
  const row = value;
  return (
    Number.isSafeInteger(row.userId) &&
    isString(row.phone) &&
    isString(row.addressBookName) &&
    isNumber(row.firstSeenAt) &&
    isFlag(row.notified) &&
    isFlag(row.seen) &&
    optional(row.display, isString) &&
    optional(row.fullName, isString) &&
    optional(row.login, isString) &&
    optional(row.avatar, isString) &&
    optional(row.profileAt, isNumber) &&
    optional(row.joinedAt, isNumber) &&
    optional(row.joinBatch, isNumber)
  );
}

/** A run the options page can list: its times, trigger, counts and error of their types. */
export function isRunRow(value: unknown): value is RunRow {
  if (!isObject(value)) return false;
  const row = value;
  const counts = row.counts;
  return (
    optional(row.id, isNumber) &&
    isNumber(row.startedAt) &&
    isRunEnd(row) &&
    isPhase(row.phase) &&
    isObject(counts) &&
    COUNTS.every((key) => isNumber(counts[key])) &&
    optional(row.phaseMs, isObject) &&
    isString(row.trigger)
  );
}

/** A phone that was not uploaded, as the options page lists it. */
export function isSkippedRow(value: unknown): value is SkippedRow {
  if (!isObject(value)) return false;
  const row = value;
  return (
    isString(row.resourceName) &&
    isString(row.raw) &&
    isString(row.name) &&
    isSkipReason(row.reason) &&
    isString(row.detail)
  );
}

/** An entry the server refused, as the options page lists it. */
export function isRejectedRow(value: unknown): value is RejectedRow {
  if (!isObject(value)) return false;
  const row = value;
  return isString(row.phone) && isString(row.name) && isString(row.reason) && isNumber(row.at);
}

/** A desired address-book entry, as the Invite view lists it. */
export function isEntryRow(value: unknown): value is EntryRow {
  if (!isObject(value)) return false;
  const row = value;
  return (
    isString(row.phone) &&
    isString(row.name) &&
    Array.isArray(row.resourceNames) &&
    row.resourceNames.every(isString) &&
    optional(row.display, isString)
  );
}

/** An invitation the popup asked the background to note. */
export function isInviteRow(value: unknown): value is InviteRow {
  if (!isObject(value)) return false;
  return isString(value.phone) && isNumber(value.at);
}

/** The rows `accept`s, in order; the others are skipped (and counted in one console warning). */
export function readableRows<T>(
  rows: readonly unknown[],
  accept: (row: unknown) => row is T,
  table: string,
): T[] {
  const readable = rows.filter(accept);
  const skipped = rows.length - readable.length;
  if (skipped > 0) console.warn(`skipped ${skipped} unreadable row(s) of ${table}`);
  return readable;
}
