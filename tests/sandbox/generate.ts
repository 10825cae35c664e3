// Deterministic synthetic address books for benchmarks (1,000 to 25,000 contacts): a seeded PRNG,
// realistic names and the phone formats people really type (national, +, 00, extensions, junk).

import type { PersonInput, PhoneInput } from './google-people.ts';

const GIVEN = (
  'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard ' +
  'Susan Joseph Jessica Thomas Sarah Charles Karen Amélie Lukas Sofia Mateo Priya Kenji Yusuf ' +
  'Fatima Ivan Olga Chloé Noah Emma Liam Olivia Zhang Ana Erik Hamid Aisha'
).split(' ');
const FAMILY = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez ' +
  'Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Müller Rossi Dubois Silva Nowak ' +
  'Petrenko Watanabe Demir Karimi Lindqvist Costa Cho Raman Kowalski Novak Horvat Papadopoulos ' +
  "O'Brien Nguyen Kim"
).split(' ');
const TYPES = ['mobile', 'mobile', 'mobile', 'home', 'work', 'other'];

/** mulberry32: tiny, fast, good enough for test data, and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePeople(count: number, seed = 1): PersonInput[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const digits = (length: number): string =>
    Array.from({ length }, () => Math.floor(random() * 10)).join('');
  const area = (): string => `${2 + Math.floor(random() * 8)}${digits(2)}`;

  const formats: readonly (() => string)[] = [
    () => `(${area()}) 555-${digits(4)}`,
    () => `+1 ${area()}-555-${digits(4)}`,
    () => `${area()}.555.${digits(4)}`,
    () => `+44 7700 9${digits(5)}`,
    () => `0044 7700 9${digits(5)}`,
    () => `+49 151 ${digits(8)}`,
    () => `+33 6 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
    () => `+61 4${digits(2)} ${digits(3)} ${digits(3)}`,
    () => `+1 (${area()}) 555-${digits(4)} ext. ${digits(3)}`,
    () => `+91 9${digits(4)} ${digits(5)}`,
    () => `${digits(3)}-${digits(4)}`,
  ];

  const people: PersonInput[] = [];
  for (let index = 0; index < count; index++) {
    const roll = random();
    const phoneCount = roll < 0.08 ? 0 : roll < 0.8 ? 1 : roll < 0.97 ? 2 : 3;
    const phones: PhoneInput[] = Array.from({ length: phoneCount }, () => {
      const value = pick(formats)();
      const type = pick(TYPES);
      return type === 'mobile' ? value : { value, type };
    });
    if (random() < 0.03) {
      people.push({ phones });
    } else {
      people.push({ givenName: pick(GIVEN), familyName: pick(FAMILY), phones });
    }
  }
  return people;
}
