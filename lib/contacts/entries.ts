/**
 * People -> the address book the server should hold. Pure. Split in two steps so the sync engine
 * can work incrementally: `projectPhones` for each changed person (when it is imported), then
 * `mergeEntry` — the one rule for a phone several people share — for each phone whose claimants
 * changed (lib/sync/project.ts). `buildEntries` is both steps over everyone, and the reference the
 * incremental path must agree with.
 */
import { chooseName, cleanName, compareStrings } from './name.ts';
import { formatForDisplay, normalizePhone } from './normalize.ts';
import type { Entry, EntrySettings, NameCandidate, PersonRecord, SkippedPhone } from './types.ts';

/** A phone one person contributes, with the name to upload it under (never empty). */
export interface ProjectedPhone {
  phone: string;
  /** The person's cleaned name, or the phone in national form when the person has none. */
  name: string;
}

export interface PersonProjection {
  /** Distinct phones, sorted. */
  phones: ProjectedPhone[];
  /** One per distinct unusable raw value (the `skipped` table is keyed by resourceName + raw). */
  skipped: SkippedPhone[];
}

/** True when the person has at least one phone with something in it. */
export function hasPhones(person: PersonRecord): boolean {
  return person.phones.some((raw) => raw.value.trim() !== '' || (raw.canonicalForm ?? '') !== '');
}

/**
 * One person's phones. Blank phone values are ignored rather than listed as skipped: Google keeps
 * empty rows the user never filled in, and there is nothing to fix in them.
 */
export function projectPhones(person: PersonRecord, settings: EntrySettings): PersonProjection {
  const name = cleanName(person.displayName);
  const phones = new Set<string>();
  const skipped = new Map<string, SkippedPhone>();
  for (const raw of person.phones) {
    const result = normalizePhone(raw, settings);
    if (result.ok) {
      phones.add(result.phone);
    } else if (result.reason !== 'no-phone' && !skipped.has(raw.value)) {
      skipped.set(raw.value, {
        resourceName: person.resourceName,
        name,
        raw: raw.value,
        reason: result.reason,
        detail: result.detail,
      });
    }
  }
  return {
    phones: [...phones].sort(compareStrings).map((phone) => ({
      phone,
      // The server requires a name; an unnamed person is called by its number, which `chooseName`
      // ranks below any real name of someone sharing the phone.
      name: name || formatForDisplay(phone, settings.defaultCountry),
    })),
    skipped: [...skipped.values()].sort((a, b) => compareStrings(a.raw, b.raw)),
  };
}

/**
 * The entry for `phone` from everyone who has it (the names `projectPhones` gave them). The name
 * follows `chooseName`; if every name is empty, the phone in national form stands in.
 */
export function mergeEntry(
  phone: string,
  candidates: readonly NameCandidate[],
  settings: EntrySettings,
): Entry {
  const name = chooseName(candidates) || formatForDisplay(phone, settings.defaultCountry);
  const resourceNames = [...new Set(candidates.map((c) => c.resourceName))].sort(compareStrings);
  return { phone, name, resourceNames };
}

export interface BuiltEntries {
  /** Sorted by phone. */
  entries: Entry[];
  /** Sorted by resourceName, then raw value. */
  skipped: SkippedPhone[];
  /** People without any non-blank phone: not an error, just nothing to upload. */
  peopleWithoutPhones: number;
}

/** The whole address book from scratch. The result does not depend on the order of `people`. */
export function buildEntries(
  people: Iterable<PersonRecord>,
  settings: EntrySettings,
): BuiltEntries {
  const claims = new Map<string, NameCandidate[]>();
  const skipped: SkippedPhone[] = [];
  let peopleWithoutPhones = 0;
  for (const person of people) {
    if (!hasPhones(person)) {
      peopleWithoutPhones += 1;
      continue;
    }
    const projection = projectPhones(person, settings);
    for (const { phone, name } of projection.phones) {
      const list = claims.get(phone);
      const claim = { resourceName: person.resourceName, name };
      if (list) list.push(claim);
      else claims.set(phone, [claim]);
    }
    skipped.push(...projection.skipped);
  }
  const entries = [...claims.keys()]
    .sort(compareStrings)
    .map((phone) => mergeEntry(phone, claims.get(phone) ?? [], settings));
  skipped.sort(
    (a, b) => compareStrings(a.resourceName, b.resourceName) || compareStrings(a.raw, b.raw),
  );
  return { entries, skipped, peopleWithoutPhones };
}
