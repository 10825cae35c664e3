// People as the Google sandbox stores them, and their wire form (People API `Person`).
// Deleted people stay as tombstones so incremental listings can report them.

import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Every `personFields` path Google documents; only names, phoneNumbers and metadata carry data. */
export const PERSON_FIELDS: ReadonlySet<string> = new Set(
  (
    'addresses,ageRanges,biographies,birthdays,calendarUrls,clientData,coverPhotos,emailAddresses,' +
    'events,externalIds,genders,imClients,interests,locales,locations,memberships,metadata,' +
    'miscKeywords,names,nicknames,occupations,organizations,phoneNumbers,photos,relations,' +
    'sipAddresses,skills,urls,userDefined'
  ).split(','),
);

export type PhoneInput = string | { value: string; type?: string };

export interface PersonInput {
  givenName?: string;
  familyName?: string;
  displayName?: string;
  phones?: PhoneInput[];
}

/** A partial edit: absent keys are kept, `null` clears a name part, `phones` replaces all phones. */
export interface PersonPatch {
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  phones?: PhoneInput[];
}

export type CollectionKind = 'people' | 'otherContacts';

export interface StoredPhone {
  value: string;
  type: string;
  canonicalForm?: string;
}

export interface StoredPerson {
  /** `c` + decimal digits, as in `people/c1234…`. */
  readonly id: string;
  /** Insertion index: the stable listing order and the page cursor. */
  readonly position: number;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  phones: StoredPhone[];
  /** Change sequence of the last create/update/delete (shared by all collections). */
  seq: number;
  /** Last change, injected clock ms. */
  updateTime: number;
  deleted: boolean;
  etag: string;
  version: number;
}

export interface SourceJson {
  type: string;
  id: string;
  etag?: string;
  updateTime?: string;
}

export interface FieldMetadataJson {
  primary?: boolean;
  sourcePrimary?: boolean;
  source: { type: string; id: string };
}

export interface NameJson {
  metadata: FieldMetadataJson;
  displayName: string;
  displayNameLastFirst: string;
  unstructuredName: string;
  givenName?: string;
  familyName?: string;
}

export interface PhoneNumberJson {
  metadata: FieldMetadataJson;
  value: string;
  canonicalForm?: string;
  type: string;
  formattedType: string;
}

export interface PersonJson {
  resourceName: string;
  etag: string;
  metadata?: { sources: SourceJson[]; objectType?: string; deleted?: boolean };
  names?: NameJson[];
  phoneNumbers?: PhoneNumberJson[];
}

export class UnknownPersonError extends Error {}

const FORMATTED_TYPES: Record<string, string> = {
  home: 'Home',
  work: 'Work',
  mobile: 'Mobile',
  homeFax: 'Home Fax',
  workFax: 'Work Fax',
  otherFax: 'Other Fax',
  pager: 'Pager',
  workMobile: 'Work Mobile',
  workPager: 'Work Pager',
  main: 'Main',
  googleVoice: 'Google Voice',
  other: 'Other',
};

/** E.164 when the typed value parses as a possible number (default region US), as Google does. */
export function canonicalForm(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value, 'US');
  return parsed?.isPossible() ? parsed.number : undefined;
}

export function toStoredPhone(input: PhoneInput): StoredPhone {
  const { value, type } = typeof input === 'string' ? { value: input, type: undefined } : input;
  const canonical = canonicalForm(value);
  return { value, type: type ?? 'mobile', ...(canonical ? { canonicalForm: canonical } : {}) };
}

export class PeopleCollection {
  private items: StoredPerson[] = [];
  private byId = new Map<string, StoredPerson>();

  constructor(readonly kind: CollectionKind) {}

  get prefix(): string {
    return this.kind === 'people' ? 'people/' : 'otherContacts/';
  }

  get sourceType(): string {
    return this.kind === 'people' ? 'CONTACT' : 'OTHER_CONTACT';
  }

  /** Everything in listing order, tombstones included. */
  all(): readonly StoredPerson[] {
    return this.items;
  }

  live(): StoredPerson[] {
    return this.items.filter((person) => !person.deleted);
  }

  /** Accepts `c123`, `people/c123` or `otherContacts/c123`; tombstones are not found. */
  find(ref: string): StoredPerson | undefined {
    const id = ref.slice(ref.lastIndexOf('/') + 1);
    const person = this.byId.get(id);
    return person && !person.deleted ? person : undefined;
  }

  add(id: string, input: PersonInput, seq: number, now: number): StoredPerson {
    const person: StoredPerson = {
      id,
      position: this.items.length,
      phones: (input.phones ?? []).map(toStoredPhone),
      seq,
      updateTime: now,
      deleted: false,
      etag: '',
      version: 0,
      ...definedNames(input),
    };
    touch(person, seq, now);
    this.items.push(person);
    this.byId.set(id, person);
    return person;
  }

  update(ref: string, patch: PersonPatch, seq: number, now: number): StoredPerson {
    const person = this.require(ref);
    for (const key of ['givenName', 'familyName', 'displayName'] as const) {
      const value = patch[key];
      if (value === null) delete person[key];
      else if (value !== undefined) person[key] = value;
    }
    if (patch.phones) person.phones = patch.phones.map(toStoredPhone);
    touch(person, seq, now);
    return person;
  }

  remove(ref: string, seq: number, now: number): StoredPerson {
    const person = this.require(ref);
    person.deleted = true;
    touch(person, seq, now);
    return person;
  }

  clear(): void {
    this.items = [];
    this.byId.clear();
  }

  resourceName(person: StoredPerson): string {
    return this.prefix + person.id;
  }

  /** The wire form with only the requested fields (`resourceName` and `etag` always). */
  toJson(person: StoredPerson, fields: ReadonlySet<string>): PersonJson {
    const sourceId = BigInt(person.id.slice(1)).toString(16);
    const source = { type: this.sourceType, id: sourceId };
    const json: PersonJson = { resourceName: this.resourceName(person), etag: person.etag };
    if (person.deleted) {
      // Google sends deletions with little else than this, whatever the field mask says.
      json.metadata = { sources: [source], deleted: true };
      return json;
    }
    if (fields.has('metadata')) {
      json.metadata = {
        sources: [
          {
            ...source,
            etag: `#${person.etag.slice(1, 13)}`,
            updateTime: new Date(person.updateTime).toISOString(),
          },
        ],
        objectType: 'PERSON',
      };
    }
    const displayName =
      person.displayName ?? [person.givenName, person.familyName].filter(Boolean).join(' ');
    if (fields.has('names') && displayName !== '') {
      const lastFirst =
        person.givenName && person.familyName
          ? `${person.familyName}, ${person.givenName}`
          : displayName;
      json.names = [
        {
          metadata: { primary: true, sourcePrimary: true, source },
          displayName,
          displayNameLastFirst: lastFirst,
          unstructuredName: displayName,
          ...(person.givenName ? { givenName: person.givenName } : {}),
          ...(person.familyName ? { familyName: person.familyName } : {}),
        },
      ];
    }
    if (fields.has('phoneNumbers') && person.phones.length > 0) {
      json.phoneNumbers = person.phones.map((phone, index) => ({
        metadata: { ...(index === 0 ? { primary: true } : {}), source },
        value: phone.value,
        ...(phone.canonicalForm ? { canonicalForm: phone.canonicalForm } : {}),
        type: phone.type,
        formattedType: FORMATTED_TYPES[phone.type] ?? phone.type,
      }));
    }
    return json;
  }

  private require(ref: string): StoredPerson {
    const person = this.find(ref);
    if (!person) throw new UnknownPersonError(`no such person: ${ref}`);
    return person;
  }
}

function definedNames(
  input: PersonInput,
): Pick<PersonInput, 'givenName' | 'familyName' | 'displayName'> {
  return {
    ...(input.givenName !== undefined ? { givenName: input.givenName } : {}),
    ...(input.familyName !== undefined ? { familyName: input.familyName } : {}),
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
  };
}

/** Records a change: new seq, time and etag (the etag changes on every edit, as Google's does). */
function touch(person: StoredPerson, seq: number, now: number): void {
  person.seq = seq;
  person.updateTime = now;
  person.version += 1;
  const digest = createHash('sha1').update(`${person.id}:${person.version}`).digest('base64');
  person.etag = `%Eg${digest.replace(/=+$/, '')}`;
}

/**
 * Deterministic, unique, realistic-looking ids: an odd multiplier is a bijection modulo 2^63, so
 * distinct counters never collide.
 */
export function personId(counter: number): string {
  const mod = 1n << 63n;
  const mixed = (BigInt(counter + 1) * 0x5deece66d2f1a5bn + 0x1b873593n) % mod;
  return `c${mixed.toString()}`;
}
