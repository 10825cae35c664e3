import { describe, expect, it } from 'vitest';
import type { AckedRow, RegisteredRow } from '@/lib/db/schema';
import { detectJoins, groupNotifications, type CheckInput } from '@/lib/sync/joins';
import type { CubeUser, RegisteredItem } from '@/lib/sync/ports';

/** A registered contact, and the account's creation time its profile would tell. */
type Found = RegisteredItem & { createdAt?: number };

const user = (id: number, phone: string, createdAt?: number): Found => ({
  id,
  phone,
  addressBookName: `Name ${id}`,
  ...(createdAt === undefined ? {} : { createdAt }),
});

/** As lib/sync/registered.ts calls it: the profiles of every user not known yet were fetched. */
function check(
  users: Found[],
  input: Omit<CheckInput, 'items' | 'profiles'>,
): ReturnType<typeof detectJoins> {
  const profiles = users
    .filter((u) => !input.known.has(u.id))
    .map((u): CubeUser => ({
      id: u.id,
      ...(u.createdAt === undefined ? {} : { createdAt: new Date(u.createdAt).toISOString() }),
    }));
  return detectJoins({
    ...input,
    items: users.map(({ createdAt: _createdAt, ...item }) => item),
    profiles: new Map(profiles.map((p) => [p.id, p])),
  });
}
const acked = (phone: string, since: number, sentAt = 1_000, book = 'own'): AckedRow => ({
  phone,
  name: 'x',
  book,
  since,
  sentAt,
  state: 'owned',
});
const known = (id: number, phone: string): RegisteredRow => ({
  userId: id,
  phone,
  display: phone,
  addressBookName: `Name ${id}`,
  firstSeenAt: 0,
  notified: 1,
  seen: 1,
});

describe('detectJoins', () => {
  it.each([
    {
      title: 'the first check is a baseline',
      checks: 0,
      users: [user(1, 'p1')],
      acked: [acked('p1', 0)],
      known: [],
      joins: [],
    },
    {
      title: 'a new user whose entry was on the server at the previous check joined',
      checks: 1,
      users: [user(1, 'p1')],
      acked: [acked('p1', 0)],
      known: [],
      joins: [1],
    },
    {
      title: 'a known user is not a join again',
      checks: 3,
      users: [user(1, 'p1')],
      acked: [acked('p1', 0)],
      known: [known(1, 'p1')],
      joins: [],
    },
    {
      title: 'a contact added while already registered is new in the list, not a join',
      checks: 2,
      users: [user(1, 'p1', 500)],
      acked: [acked('p1', 2, 1_000)],
      known: [],
      joins: [],
    },
    {
      title: 'a user created after the entry was sent joined, even with no check in between',
      checks: 2,
      users: [user(1, 'p1', 2_000)],
      acked: [acked('p1', 2, 1_000)],
      known: [],
      joins: [1],
    },
    {
      title: 'an entry of another book does not count',
      checks: 2,
      users: [user(1, 'p1', 2_000)],
      acked: [acked('p1', 0, 1_000, 'global')],
      known: [],
      joins: [],
    },
    {
      title: 'a phone we never acknowledged (the phone app entry) is no join',
      checks: 2,
      users: [user(1, 'p9', 2_000)],
      acked: [],
      known: [],
      joins: [],
    },
  ])('$title', ({ checks, users, acked: ackedRows, known: knownRows, joins }) => {
    const result = check(users, {
      known: new Map(knownRows.map((r) => [r.userId, r])),
      acked: new Map(ackedRows.map((a) => [a.phone, a])),
      checks,
      book: 'own',
      now: 10_000,
    });
    expect(result.joins.map((j) => j.userId)).toEqual(joins);
    // New users are written; a known one whose row would not change is left alone.
    expect(result.rows.map((r) => r.userId)).toEqual(
      users.filter((u) => !knownRows.some((k) => k.userId === u.id)).map((u) => u.id),
    );
  });

  it('forgets users who are no longer registered', () => {
    const result = check([], {
      known: new Map([[7, known(7, 'p7')]]),
      acked: new Map(),
      checks: 4,
      book: 'own',
      now: 0,
    });
    expect(result.removed).toEqual([7]);
  });

  it.each([
    { title: 'national in the default country', country: 'US', display: '(212) 555-0104' },
    { title: 'international elsewhere', country: 'GB', display: '+1 212 555 0104' },
    { title: 'international without a country', country: undefined, display: '+1 212 555 0104' },
  ])('stores the phone for reading: $title', ({ country, display }) => {
    const result = check([user(1, '12125550104'), user(2, '+12125550104'), user(3, 'p3')], {
      known: new Map([[2, known(2, '+12125550104')]]),
      acked: new Map(),
      checks: 1,
      book: 'own',
      now: 0,
      ...(country === undefined ? {} : { country }),
    });
    // New and known rows alike (a known row stored by an older version gets it at the next check);
    // what cannot be read as a phone is shown as it is.
    expect(result.rows.map((r) => r.display)).toEqual([display, display, 'p3']);
  });
});

describe('detectJoins: the rows of known users', () => {
  const stored: RegisteredRow = {
    ...known(1, 'p1'),
    fullName: 'Ada',
    login: 'ada',
    avatar: 'https://cdn.example/ada.png',
    profileAt: 5,
  };
  const item = (name = 'Name 1'): RegisteredItem => ({
    id: 1,
    phone: 'p1',
    addressBookName: name,
  });

  it.each([
    { title: 'nothing changed: nothing to write', name: 'Name 1', profile: undefined, row: null },
    {
      title: 'a renamed contact: the new name, the profile kept',
      name: 'Ada (work)',
      profile: undefined,
      row: { ...stored, addressBookName: 'Ada (work)' },
    },
    {
      title: 'a refreshed profile: its fields and time, an emptied field cleared',
      name: 'Name 1',
      profile: { id: 1, fullName: 'Ada L.', login: 'ada', avatar: null },
      row: { ...known(1, 'p1'), fullName: 'Ada L.', login: 'ada', profileAt: 10 },
    },
  ])('$title', ({ name, profile, row }) => {
    const result = detectJoins({
      items: [item(name)],
      profiles: new Map(profile ? [[1, profile]] : []),
      known: new Map([[1, stored]]),
      acked: new Map([['p1', acked('p1', 0, 0)]]),
      checks: 3,
      book: 'own',
      now: 10,
    });
    expect(result.rows).toEqual(row ? [row] : []);
    expect(result.joins).toEqual([]);
  });

  it('a new user whose profile the server did not return is stored without one', () => {
    const result = detectJoins({
      items: [item()],
      profiles: new Map(),
      known: new Map(),
      acked: new Map([['p1', acked('p1', 0)]]),
      checks: 2,
      book: 'own',
      now: 10,
    });
    // Its profile is fetched by the next check; the acknowledgement alone tells the join.
    expect(result.rows).toEqual([expect.not.objectContaining({ profileAt: expect.anything() })]);
    expect(result.joins.map((j) => j.userId)).toEqual([1]);
  });

  it('no profiles at all: users the compact answer can judge are stored, the others wait', () => {
    const items: RegisteredItem[] = [
      { id: 1, phone: 'p1', addressBookName: 'Name 1' },
      { id: 2, phone: 'p2', addressBookName: 'Name 2' },
      { id: 3, phone: 'p3', addressBookName: 'Name 3' },
    ];
    const result = detectJoins({
      items,
      profiles: null,
      known: new Map(),
      // p1: on the server at the previous check (a join); p2: sent since (only created_at tells);
      // p3: in the other book (no join, whatever the profile says).
      acked: new Map([
        ['p1', acked('p1', 1)],
        ['p2', acked('p2', 2)],
        ['p3', acked('p3', 0, 1_000, 'global')],
      ]),
      checks: 2,
      book: 'own',
      now: 10,
    });
    expect(result.joins.map((j) => j.userId)).toEqual([1]);
    expect(result.rows.map((r) => [r.userId, r.joinedAt])).toEqual([
      [1, 10],
      [3, undefined],
    ]);
    expect(result.waiting).toEqual([acked('p2', 2)]);
  });
});

describe('groupNotifications', () => {
  const join = (id: number, batch: number): RegisteredRow => ({
    ...known(id, `p${id}`),
    joinedAt: 1,
    joinBatch: batch,
    notified: 0,
    seen: 0,
  });

  it('shows up to three joins one by one, with ids derived from the user', () => {
    expect(groupNotifications([join(2, 1), join(1, 1)]).map((n) => n.id)).toEqual([
      'join-1',
      'join-2',
    ]);
  });

  it('sums up more than three joins of one check in one notification', () => {
    const groups = groupNotifications([1, 2, 3, 4].map((id) => join(id, 5)));
    expect(groups).toHaveLength(1);
    expect(groups[0]?.id).toBe('joins-5');
    expect(groups[0]?.users.map((u) => u.userId)).toEqual([1, 2, 3, 4]);
  });

  it('carries when the user invited a contact, by phone, into its notification', () => {
    const invited = new Map([['p2', 42]]);
    expect(groupNotifications([join(1, 1), join(2, 1)], invited)).toEqual([
      { id: 'join-1', users: [{ userId: 1, name: expect.any(String) }] },
      { id: 'join-2', users: [{ userId: 2, name: expect.any(String), invitedAt: 42 }] },
    ]);
    const summary = groupNotifications(
      [1, 2, 3, 4].map((id) => join(id, 5)),
      invited,
    );
    expect(summary[0]?.users.map((u) => u.invitedAt)).toEqual([
      undefined,
      42,
      undefined,
      undefined,
    ]);
  });

  it("names the app profile too when it differs from the contact's saved name", () => {
    const rows = [
      // Someone who claimed Grace's number is announced under both names.
      { ...join(1, 1), addressBookName: 'Grace Hopper', fullName: 'Mallory' },
      // The same name, but for spaces: the saved name alone.
      { ...join(2, 1), addressBookName: 'Alan Turing', fullName: ' Alan  Turing ' },
      // No profile name known (the server returned no profile): the saved name alone.
      { ...join(3, 1), addressBookName: 'Ada Lovelace' },
      // Nothing saved (names-free, an empty name): the profile's name, said once.
      { ...join(4, 2), addressBookName: ' ', fullName: 'Katherine J.' },
      // A profile name cannot add lines of its own to the notification.
      { ...join(5, 2), addressBookName: 'Mary Jackson', fullName: 'M.\njoined — you invited' },
    ];
    expect(groupNotifications(rows).map((n) => n.users)).toEqual([
      [{ userId: 1, name: 'Grace Hopper', appName: 'Mallory' }],
      [{ userId: 2, name: 'Alan Turing' }],
      [{ userId: 3, name: 'Ada Lovelace' }],
      [{ userId: 4, name: 'Katherine J.' }],
      [{ userId: 5, name: 'Mary Jackson', appName: 'M. joined — you invited' }],
    ]);
  });

  it('keeps checks apart, so a retried summary keeps its id', () => {
    const groups = groupNotifications([...[1, 2, 3, 4].map((id) => join(id, 5)), join(9, 6)]);
    expect(groups.map((g) => g.id)).toEqual(['joins-5', 'join-9']);
  });
});
