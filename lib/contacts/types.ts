import type { PhoneFormat } from '../domain/settings.ts';

/** A phone number of a Google person, as the People API gives it. */
export interface RawPhone {
  /** What the person typed, e.g. `(187) 910-8395 ext. 12`. */
  value: string;
  /** E.164 (`+11879108395`), present only when Google could parse `value`. */
  canonicalForm?: string;
  type?: string;
}

/** What we keep of a Google person (Dexie row in table `people`). */
export interface PersonRecord {
  resourceName: string;
  etag?: string;
  displayName: string;
  phones: RawPhone[];
  source: 'contact' | 'other';
}

export type { PhoneFormat };

export interface EntrySettings {
  /** ISO 3166 alpha-2, e.g. 'US': the country of numbers written without a country code. */
  defaultCountry: string;
  phoneFormat: PhoneFormat;
}

/** One desired address-book entry (Dexie table `entries`, key `phone`). */
export interface Entry {
  phone: string;
  name: string;
  /** Sorted; more than one when several people share the phone. */
  resourceNames: string[];
}

export type SkipReason = 'invalid-number' | 'too-short' | 'too-long' | 'no-phone';

/** A phone that will not be uploaded, shown to the user with the reason. */
export interface SkippedPhone {
  resourceName: string;
  name: string;
  /** The phone as the person typed it (`RawPhone.value`). */
  raw: string;
  reason: SkipReason;
  /** Human-readable English. */
  detail: string;
}

export type NormalizeResult =
  { ok: true; phone: string } | { ok: false; reason: SkipReason; detail: string };

/** One person's claim on a phone, with the name `projectPhones` gave it ('' counts as no name). */
export interface NameCandidate {
  resourceName: string;
  name: string;
}
