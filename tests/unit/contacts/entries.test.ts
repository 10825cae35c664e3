import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildEntries,
  mergeEntry,
  projectPhones,
  type BuiltEntries,
} from '../../../lib/contacts/entries.ts';
import { chooseName } from '../../../lib/contacts/name.ts';
import type { Entry, EntrySettings, PersonRecord } from '../../../lib/contacts/types.ts';

const US: EntrySettings = { defaultCountry: 'US', phoneFormat: 'international-digits' };

function person(resourceName: string, displayName: string, ...values: string[]): PersonRecord {
  return {
    resourceName,
    displayName,
    phones: values.map((value) => ({ value })),
    source: resourceName.startsWith('otherContacts/') ? 'other' : 'contact',
  };
}

const alice = person('people/c1', 'Alice', '(212) 555-0123', '+44 20 7946 0958');
const bob = person('people/c2', 'Bob', '+1 212-555-0123');
const nameless = person('people/c3', '', '+380 66 578 7842');
const phoneless = person('people/c4', 'Carol');
const blankPhones = person('people/c5', 'Dan', '', '  ');
const twice = person('people/c6', 'Eve', '(646) 555-0199', '646.555.0199 ext. 2', '+16465550199');
const broken = person('people/c7', 'Frank', '555-1234', 'n/a', 'n/a', '(646) 555-0100');

describe('buildEntries', () => {
  it.each<[string, PersonRecord[], Partial<BuiltEntries>]>([
    ['nobody', [], { entries: [], skipped: [], peopleWithoutPhones: 0 }],
    [
      'one person with two phones',
      [alice],
      {
        entries: [
          { phone: '12125550123', name: 'Alice', resourceNames: ['people/c1'] },
          { phone: '442079460958', name: 'Alice', resourceNames: ['people/c1'] },
        ],
      },
    ],
    [
      'a shared phone becomes one entry listing both people',
      [bob, alice],
      {
        entries: [
          { phone: '12125550123', name: 'Alice', resourceNames: ['people/c1', 'people/c2'] },
          { phone: '442079460958', name: 'Alice', resourceNames: ['people/c1'] },
        ],
      },
    ],
    [
      'no name: the phone in national form',
      [nameless],
      {
        entries: [
          { phone: '380665787842', name: '+380 66 578 7842', resourceNames: ['people/c3'] },
        ],
      },
    ],
    [
      'no phone, or only blank ones: counted, not skipped',
      [phoneless, blankPhones],
      { entries: [], skipped: [], peopleWithoutPhones: 2 },
    ],
    [
      'the same phone written three ways by one person',
      [twice],
      { entries: [{ phone: '16465550199', name: 'Eve', resourceNames: ['people/c6'] }] },
    ],
    [
      'unusable phones are skipped, once per raw value',
      [broken],
      {
        entries: [{ phone: '16465550100', name: 'Frank', resourceNames: ['people/c7'] }],
        skipped: [
          {
            resourceName: 'people/c7',
            name: 'Frank',
            raw: '555-1234',
            reason: 'too-short',
            detail: 'Too few digits for a +1 number',
          },
          {
            resourceName: 'people/c7',
            name: 'Frank',
            raw: 'n/a',
            reason: 'invalid-number',
            detail: 'Contains letters, not only a phone number',
          },
        ],
      },
    ],
  ])('%s', (_, people, expected) => {
    const built = buildEntries(people, US);
    expect(built).toMatchObject(expected);
    expect(buildEntries([...people].reverse(), US)).toEqual(built);
  });

  it.each<[string, EntrySettings, string]>([
    ['digits', US, '12125550123'],
    ['e164', { defaultCountry: 'US', phoneFormat: 'e164' }, '+12125550123'],
    [
      'national numbers read in the default country',
      { defaultCountry: 'GB', phoneFormat: 'e164' },
      '+442125550123',
    ],
  ])('phone format and country: %s', (_, settings, phone) => {
    const built = buildEntries([person('people/c1', 'A', '(212) 555-0123')], settings);
    expect(built.entries.map((e) => e.phone)).toEqual([phone]);
  });

  it('a named person names a shared phone over an unnamed one', () => {
    const unnamed = person('people/c0', '', '(212) 555-0123');
    const { entries } = buildEntries([unnamed, bob], US);
    expect(entries).toEqual([
      { phone: '12125550123', name: 'Bob', resourceNames: ['people/c0', 'people/c2'] },
    ]);
  });

  it('cuts long names to 255 characters without splitting an emoji', () => {
    const long = person('people/c1', 'a'.repeat(254) + '😀 Jr.', '(212) 555-0123');
    const [entry] = buildEntries([long], US).entries;
    expect(entry?.name).toBe('a'.repeat(254));
  });
});

describe('projectPhones', () => {
  it.each<[string, PersonRecord, ReturnType<typeof projectPhones>]>([
    [
      'sorted, distinct phones with the cleaned name',
      person(
        'people/c1',
        '  Alice \n Smith ',
        '+44 20 7946 0958',
        '(212) 555-0123',
        '212 555 0123',
      ),
      {
        phones: [
          { phone: '12125550123', name: 'Alice Smith' },
          { phone: '442079460958', name: 'Alice Smith' },
        ],
        skipped: [],
      },
    ],
    [
      'unnamed: each phone names itself',
      person('people/c1', '', '(212) 555-0123', '+44 20 7946 0958'),
      {
        phones: [
          { phone: '12125550123', name: '(212) 555-0123' },
          { phone: '442079460958', name: '+44 20 7946 0958' },
        ],
        skipped: [],
      },
    ],
    [
      'skipped phones of an unnamed person carry an empty name',
      person('people/c1', '', 'x'),
      {
        phones: [],
        skipped: [
          {
            resourceName: 'people/c1',
            name: '',
            raw: 'x',
            reason: 'invalid-number',
            detail: 'Contains letters, not only a phone number',
          },
        ],
      },
    ],
  ])('%s', (_, input, expected) => {
    expect(projectPhones(input, US)).toEqual(expected);
  });
});

describe('mergeEntry', () => {
  it.each<[string, { resourceName: string; name: string }[], Entry]>([
    [
      'chooses the name and sorts the people',
      [
        { resourceName: 'people/c9', name: 'Zed' },
        { resourceName: 'people/c1', name: 'Amy' },
      ],
      { phone: '12125550123', name: 'Amy', resourceNames: ['people/c1', 'people/c9'] },
    ],
    [
      'falls back to the phone when every name is empty',
      [{ resourceName: 'people/c1', name: '' }],
      { phone: '12125550123', name: '(212) 555-0123', resourceNames: ['people/c1'] },
    ],
    [
      'lists a person once',
      [
        { resourceName: 'people/c1', name: 'Amy' },
        { resourceName: 'people/c1', name: 'Amy' },
      ],
      { phone: '12125550123', name: 'Amy', resourceNames: ['people/c1'] },
    ],
  ])('%s', (_, candidates, expected) => {
    expect(mergeEntry('12125550123', candidates, US)).toEqual(expected);
  });
});

describe('buildEntries properties', () => {
  const phones = [
    '(212) 555-0123',
    '+1 212 555 0123',
    '+44 20 7946 0958',
    '0044 20 7946 0958',
    '555-1234',
    'x',
    '',
  ];
  const names = ['', 'Alice', 'Bob', 'alice', '(212) 555-0123', '😀'.repeat(200)];
  const people = fc
    .uniqueArray(
      fc.record({
        id: fc.integer({ min: 1, max: 40 }),
        other: fc.boolean(),
        name: fc.constantFrom(...names),
        values: fc.array(fc.constantFrom(...phones), { maxLength: 4 }),
      }),
      { selector: (p) => p.id, maxLength: 12 },
    )
    .map((rows) =>
      rows.map((r) =>
        person(`${r.other ? 'otherContacts' : 'people'}/c${r.id}`, r.name, ...r.values),
      ),
    );

  it('does not depend on input order and agrees with the per-person path', () => {
    fc.assert(
      fc.property(people, fc.infiniteStream(fc.nat()), (list, seeds) => {
        const built = buildEntries(list, US);
        const shuffled = [...list].sort(() => (seeds.next().value % 3) - 1);
        expect(buildEntries(shuffled, US)).toEqual(built);

        // The engine's incremental path: project each person, merge each phone.
        const claims = new Map<string, { resourceName: string; name: string }[]>();
        for (const p of shuffled) {
          for (const { phone, name } of projectPhones(p, US).phones) {
            claims.set(phone, [
              ...(claims.get(phone) ?? []),
              { resourceName: p.resourceName, name },
            ]);
          }
        }
        for (const entry of built.entries) {
          const candidates = claims.get(entry.phone) ?? [];
          expect(mergeEntry(entry.phone, candidates, US)).toEqual(entry);
          expect(chooseName(candidates)).toBe(entry.name);
          expect(entry.name.length).toBeGreaterThanOrEqual(1);
          expect(entry.name.length).toBeLessThanOrEqual(255);
          expect(entry.phone.length).toBeGreaterThanOrEqual(10);
          expect(entry.phone.length).toBeLessThanOrEqual(15);
        }
        expect(built.entries.length).toBe(claims.size);
      }),
    );
  });
});
