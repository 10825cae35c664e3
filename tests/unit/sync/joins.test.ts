import { describe, expect, it } from 'vitest';
import type { AckedRow, RegisteredRow } from '@/lib/db/schema';
import { detectJoins, groupNotifications } from '@/lib/sync/joins';
import type { CubeUser } from '@/lib/sync/ports';

const user = (id: number, phone: string, createdAt?: number): CubeUser => ({
  id,
  phone,
  address_book_name: `Name ${id}`,
  ...(createdAt === undefined ? {} : { created_at: new Date(createdAt).toISOString() }),
});
const acked = (phone: string, since: number, sentAt = 1_000, book = 'own'): AckedRow => ({
  phone,
  name: 'x',
  book,
  since,
  sentAt,
});
const known = (id: number, phone: string): RegisteredRow => ({
  userId: id,
  phone,
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
    const result = detectJoins({
      users,
      known: new Map(knownRows.map((r) => [r.userId, r])),
      acked: new Map(ackedRows.map((a) => [a.phone, a])),
      checks,
      book: 'own',
      now: 10_000,
    });
    expect(result.joins.map((j) => j.userId)).toEqual(joins);
    expect(result.rows).toHaveLength(users.length);
  });

  it('forgets users who are no longer registered', () => {
    const result = detectJoins({
      users: [],
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
    const result = detectJoins({
      users: [user(1, '12125550104'), user(2, '+12125550104'), user(3, 'p3')],
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

  it('keeps checks apart, so a retried summary keeps its id', () => {
    const groups = groupNotifications([...[1, 2, 3, 4].map((id) => join(id, 5)), join(9, 6)]);
    expect(groups.map((g) => g.id)).toEqual(['joins-5', 'join-9']);
  });
});
