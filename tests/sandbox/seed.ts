// Sample data for the demo and for tests that want "a realistic account": a few dozen Google
// contacts typed the way people type numbers, some of them registered users of the ConnectyCube
// app, and a demo app user to sign in with. Deterministic: same data on every run.

import type { CubeState } from './cube-state.ts';
import type { PersonInput } from './google-people.ts';
import type { GoogleState } from './google-state.ts';

export { generatePeople, seededRandom } from './generate.ts';

export const DEMO_USER = {
  login: 'demo',
  password: 'demo-password',
  full_name: 'Demo User',
  email: 'demo@example.com',
  phone: '13105550120',
} as const;

/** International digits, no `+`: how app users' profile phones are stored (as in the docs). */
const REGISTERED = [
  { login: 'dacia', full_name: 'Dacia McCombie', phone: '61412675500' },
  { login: 'gordie', full_name: 'Gordie Kann', phone: '12125550143' },
  { login: 'gaston', full_name: 'Gaston Center', phone: '14155550198' },
  { login: 'halldor', full_name: 'Halldor Kun', phone: '447700900123' },
  { login: 'taila', full_name: 'Taila Buckley', phone: '4915123456789' },
  { login: 'priya', full_name: 'Priya Raman', phone: '919876543210' },
  // Registered, but in nobody's contacts.
  { login: 'stranger', full_name: 'Stranger Danger', phone: '15550009999' },
] as const;

export const SAMPLE_PEOPLE: readonly PersonInput[] = [
  { givenName: 'Dacia', familyName: 'McCombie', phones: ['+61 412 675 500'] },
  { givenName: 'Oliver', familyName: 'Knox', phones: ['0412 675 501'] },
  { givenName: 'Gordie', familyName: 'Kann', phones: ['(212) 555-0143'] },
  {
    givenName: 'Wildon',
    familyName: 'Gilleon',
    phones: ['212.555.0178', { value: '+1 212 555 0199', type: 'work' }],
  },
  { givenName: 'Gaston', familyName: 'Center', phones: ['+1 415-555-0198 ext. 204'] },
  { givenName: 'Halldor', familyName: 'Kun', phones: ['+44 7700 900123'] },
  { givenName: 'Lidija', familyName: 'Halil', phones: ['0044 7700 900456'] },
  { givenName: 'Taila', familyName: 'Buckley', phones: ['0049 151 23456789'] },
  { givenName: 'Marta', familyName: 'Nowak', phones: ['0048 512 345 678'] },
  { givenName: 'Amélie', familyName: 'Durand', phones: ['+33 6 12 34 56 78'] },
  { givenName: 'Kenji', familyName: 'Watanabe', phones: ['+81 90-1234-5678'] },
  { givenName: 'Priya', familyName: 'Raman', phones: ['+91 98765 43210'] },
  { givenName: 'Mateo', familyName: 'García', phones: ['+34 612 34 56 78'] },
  { givenName: 'Sofia', familyName: 'Rossi', phones: ['+39 312 345 6789'] },
  { givenName: 'Ivan', familyName: 'Petrenko', phones: ['+380665787842'] },
  { givenName: 'Noah', familyName: 'Williams', phones: ['555-0100'] },
  {
    givenName: 'Emma',
    familyName: 'Brown',
    phones: ['(646) 555-0112', { value: '(646) 555-0113', type: 'home' }],
  },
  // Same line as Emma's, typed differently: one phone shared by two contacts.
  { givenName: 'Liam', familyName: 'Johnson', phones: [{ value: '646 555 0112', type: 'home' }] },
  { givenName: 'Olivia', familyName: 'Martin', phones: ['12345'] },
  {
    givenName: 'Ava',
    familyName: 'Thompson',
    phones: [{ value: '+1 (718) 555-0147', type: 'home' }],
  },
  { givenName: 'Lucas', familyName: 'Silva', phones: ['+55 11 91234-5678'] },
  { givenName: 'Chloé', familyName: 'Bernard', phones: ['01 42 68 53 00'] },
  { givenName: 'Yusuf', familyName: 'Demir', phones: ['+90 532 123 45 67'] },
  { phones: ['+1 303 555 0166'] },
  { displayName: "Tony's Pizza", phones: [{ value: '(303) 555-0190', type: 'work' }] },
  { givenName: 'Mom', phones: ['+1 720 555 0101'] },
  {
    givenName: 'Helen',
    familyName: 'Cho',
    displayName: 'Dr. Helen Cho',
    phones: [{ value: '+1 (312) 555-0175 x12', type: 'work' }],
  },
  { givenName: 'Fatima', familyName: 'Zahra', phones: ['+212 612-345678'] },
  { givenName: 'Erik', familyName: 'Lindqvist', phones: ['+46 70 123 45 67'] },
  { givenName: 'Grace', familyName: 'Hopper', phones: [] },
  {
    displayName: 'Association of Very Long Names '.repeat(9).trim(),
    phones: [{ value: '+1 202 555 0111', type: 'work' }],
  },
  { givenName: 'Hamid', familyName: 'Karimi', phones: ['+98 912 345 6789'] },
  { givenName: 'Ana', familyName: 'Costa', phones: ['+351 912 345 678', '+351 213 456 789'] },
  { displayName: 'Voicemail', phones: ['*86'] },
  { givenName: 'Ruth', familyName: 'Bader', phones: ['+1-202-555-0133'] },
  { givenName: 'Zhang', familyName: 'Wei', phones: ['+86 139 1234 5678'] },
];

export const SAMPLE_OTHER_CONTACTS: readonly PersonInput[] = [
  { displayName: 'Delivery Driver', phones: ['+1 646 555 0155'] },
  { displayName: 'Airbnb Host', phones: ['+34 611 22 33 44'] },
  { phones: ['+44 20 7946 0958'] },
];

export interface SeedResult {
  /** The app user to sign in with in the extension's options page. */
  cubeUser: { id: number; login: string; password: string };
  /** Registered app users, by login. */
  registeredUserIds: Record<string, number>;
}

export function seedSample(google: GoogleState, cube: CubeState): SeedResult {
  seedGoogle(google);
  return seedCube(cube);
}

/** The sample contacts and "other contacts". */
export function seedGoogle(google: GoogleState): void {
  google.addPeople(SAMPLE_PEOPLE);
  for (const person of SAMPLE_OTHER_CONTACTS) google.addOtherContact(person);
}

/** The registered app users and the demo user (throws if they exist already). */
export function seedCube(cube: CubeState): SeedResult {
  const registeredUserIds: Record<string, number> = {};
  for (const user of REGISTERED) {
    registeredUserIds[user.login] = cube.registerUser({
      ...user,
      password: `${user.login}-password`,
    }).id;
  }
  const demo = cube.registerUser({ ...DEMO_USER });
  // What the demo user's phone app put in their global book: the extension must leave it alone.
  cube.addToBook(demo.id, [
    { phone: '61412675500', name: 'Dacia (from phone)' },
    { phone: '15550001111', name: 'Plumber' },
  ]);
  return {
    cubeUser: { id: demo.id, login: DEMO_USER.login, password: DEMO_USER.password },
    registeredUserIds,
  };
}
