// The model's answers, computed independently of the engine: what the server should hold, from
// Google's contacts (the sandbox state) and the settings, through `buildEntries`.

import { buildEntries } from '@/lib/contacts/entries';
import type { PersonRecord, RawPhone } from '@/lib/contacts/types';
import { GLOBAL_BOOK } from '@/lib/sync/upload';
import type { PersonJson } from '../../sandbox/google-people.ts';
import { PHONE_APP_ENTRIES, UDID, type World } from './world.ts';

/**
 * Phones as people type them. Few numbers, several spellings each, so contacts share phones, a
 * national spelling changes with the default country, and some never make an entry.
 */
export const PHONES: readonly string[] = [
  '+1 212-555-0101',
  '(212) 555-0101',
  '+1 212-555-0102',
  '212.555.0102',
  '+1 212-555-0103',
  '(212) 555-0104',
  '+44 20 7946 0958',
  '020 7946 0958',
  '0044 20 7946 0959',
  '+49 30 12345670',
  '030 12345671',
  '12345',
  'call me',
];

export const GIVEN_NAMES = ['Ada', 'Alan', 'Grace', 'Linus', 'Édith', ''] as const;
export const FAMILY_NAMES = ['Lovelace', 'Turing', 'Hopper', ''] as const;

/** Phone app entries, phone -> name. */
export const PHONE_APP = new Map(PHONE_APP_ENTRIES.map((e) => [e.phone, e.name]));

/** A Google person as the engine reads it (primary name, phone values and canonical forms). */
function toRecord(person: PersonJson, source: PersonRecord['source']): PersonRecord {
  const names = person.names ?? [];
  const primary = names.find((n) => n.metadata.primary) ?? names[0];
  const phones: RawPhone[] = (person.phoneNumbers ?? []).map((p) => ({
    value: p.value,
    ...(p.canonicalForm ? { canonicalForm: p.canonicalForm } : {}),
    type: p.type,
  }));
  return {
    resourceName: person.resourceName,
    displayName: primary?.displayName ?? '',
    phones,
    source,
  };
}

/**
 * The entries the settings make of Google's contacts now, phone -> the name the server should hold
 * (the number itself when names are not sent); with "Other contacts" on, of those too (a phone
 * both have is named after the contact: `chooseName`).
 */
export function expectedEntries(world: World): Map<string, string> {
  const people = world.google.listPeople().map((p) => toRecord(p, 'contact'));
  if (world.settings.includeOther)
    people.push(...world.google.listOtherContacts().map((p) => toRecord(p, 'other')));
  const { entries } = buildEntries(people, world.settings);
  return new Map(entries.map((e) => [e.phone, world.settings.sendNames ? e.name : e.phone]));
}

/** A refused phone is refused in both spellings; `+` is the only difference between formats. */
export function isRefused(world: World, phone: string): boolean {
  return world.cube.refusedPhones.has(phone);
}

/** Differences between what a book holds and what it should, one line each ('' when none). */
function diffBooks(
  label: string,
  actual: Map<string, string>,
  wanted: Map<string, string>,
  ignore: (phone: string) => boolean,
): string[] {
  const problems: string[] = [];
  for (const [phone, name] of wanted) {
    if (ignore(phone)) continue;
    const got = actual.get(phone);
    if (got !== name) problems.push(`${label}: ${phone} should be "${name}", is ${show(got)}`);
  }
  for (const [phone, name] of actual) {
    if (!ignore(phone) && !wanted.has(phone))
      problems.push(`${label}: ${phone} "${name}" should not be there`);
  }
  return problems;
}

const show = (name: string | undefined) => (name === undefined ? 'missing' : `"${name}"`);

/**
 * The book invariant after a completed sync: the book in use is the projection of Google (minus
 * refused entries; in the global book the phone app's entries stay as they are), and the book not
 * in use holds nothing of the extension's.
 */
export function bookProblems(world: World): string[] {
  const entries = expectedEntries(world);
  const refused = (phone: string) => isRefused(world, phone);
  const own = world.serverBook(UDID);
  const global = world.serverBook(GLOBAL_BOOK);
  if (world.settings.bookMode === 'own') {
    return [
      ...diffBooks('own book', own, entries, refused),
      ...diffBooks('global book', global, PHONE_APP, () => false),
    ];
  }
  const wanted = new Map([...entries].filter(([phone]) => !PHONE_APP.has(phone)));
  for (const [phone, name] of PHONE_APP) wanted.set(phone, name);
  return [
    ...diffBooks('global book', global, wanted, (p) => refused(p) && !PHONE_APP.has(p)),
    ...diffBooks('own book', own, new Map(), () => false),
  ];
}

/** Phones of a book the extension put there (the phone app's entries are not its own). */
function ours(book: Map<string, string>, key: string): string[] {
  return [...book.keys()].filter((phone) => key !== GLOBAL_BOOK || !PHONE_APP.has(phone));
}

/**
 * Most entries a sync may send: those whose server copy differs from the projection (or that
 * should go), everything left in the book not in use, and those of batches whose answer was lost.
 */
export function uploadBound(world: World, inDoubt: number): number {
  const entries = expectedEntries(world);
  const key = world.bookKey;
  const book = world.serverBook(key);
  let bound = inDoubt;
  for (const [phone, name] of entries) if (book.get(phone) !== name) bound += 1;
  bound += ours(book, key).filter((phone) => !entries.has(phone)).length;
  const other = key === GLOBAL_BOOK ? UDID : GLOBAL_BOOK;
  bound += ours(world.serverBook(other), other).length;
  return bound;
}

/** After "remove from the server": no entry of the extension is left, the phone app's stay. */
export function removalProblems(world: World): string[] {
  return [
    ...diffBooks('own book', world.serverBook(UDID), new Map(), () => false),
    ...diffBooks('global book', world.serverBook(GLOBAL_BOOK), PHONE_APP, () => false),
  ];
}
