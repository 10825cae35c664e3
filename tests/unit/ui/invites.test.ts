import { describe, expect, it } from 'vitest';
import type { EntryRow, RegisteredRow } from '@/lib/db/schema';
import { inviteCandidates, withInvitations } from '@/lib/ui/invites';
import { filterUsers } from '@/lib/ui/users';

const entry = (phone: string, name: string): EntryRow => ({
  phone,
  name,
  resourceNames: [`people/${phone}`],
});
const user = (userId: number, phone: string): RegisteredRow => ({
  userId,
  phone,
  addressBookName: 'x',
  firstSeenAt: 1,
  notified: 1,
  seen: 1,
});

const ENTRIES = [
  entry('12125550103', 'grace Hopper'),
  entry('12125550101', 'Ada Lovelace'),
  entry('442079460958', 'Katherine Johnson'),
  entry('12125550102', 'Alan Turing'),
  entry('33612345678', 'Émile Zola'),
  entry('12125550110', 'Contact 10'),
  entry('12125550109', 'Contact 9'),
  entry('12125550199', ''),
];

describe('the contacts to invite', () => {
  const candidates = inviteCandidates({
    entries: ENTRIES,
    registered: [user(1, '12125550101'), user(2, '442079460958')],
    invites: [{ phone: '12125550102', at: 5 }],
  });

  it('are the entries whose phone no app user has, sorted by name', () => {
    expect(candidates.map((c) => c.name)).toEqual([
      '+12125550199',
      'Alan Turing',
      'Contact 9',
      'Contact 10',
      'Émile Zola',
      'grace Hopper',
    ]);
  });

  it('carry the invitation and a dialable number', () => {
    expect(candidates.find((c) => c.name === 'Alan Turing')).toEqual({
      phone: '12125550102',
      name: 'Alan Turing',
      display: '+12125550102',
      invitedAt: 5,
      names: 'alan turing',
      digits: '12125550102',
    });
    expect(candidates.find((c) => c.name === 'Contact 9')?.invitedAt).toBeUndefined();
  });

  it('show the number as the background formatted it, and find it by either form', () => {
    const list = inviteCandidates({
      entries: [{ ...entry('12125550104', 'Hedy Lamarr'), display: '(212) 555-0104' }],
      registered: [],
      invites: [],
    });
    expect(list[0]?.display).toBe('(212) 555-0104');
    expect(filterUsers(list, '212 555-01')).toHaveLength(1);
    expect(filterUsers(list, '+1 212 5550104')).toHaveLength(1);
  });

  it('keep their invitation after the phone format changed (invitations are noted by digits)', () => {
    const list = inviteCandidates({
      entries: [entry('+12125550102', 'Alan')],
      registered: [],
      invites: [{ phone: '12125550102', at: 5 }],
    });
    expect(list[0]?.invitedAt).toBe(5);
  });

  it('match a registered phone with or without its "+"', () => {
    const list = inviteCandidates({
      entries: [entry('+12125550101', 'Ada'), entry('+12125550102', 'Alan')],
      registered: [user(1, '12125550101')],
      invites: [],
    });
    expect(list.map((c) => c.phone)).toEqual(['+12125550102']);
  });

  it('are none when everyone uses the app, or nobody has a valid number', () => {
    const everyone = [user(1, '12125550101'), user(2, '12125550102')];
    const two = [entry('12125550101', 'Ada'), entry('12125550102', 'Alan')];
    expect(inviteCandidates({ entries: two, registered: everyone, invites: [] })).toEqual([]);
    expect(inviteCandidates({ entries: [], registered: [], invites: [] })).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['GRACE', ['grace Hopper']],
    ['contact', ['Contact 9', 'Contact 10']],
    ['+1 (212) 555-0102', ['Alan Turing']],
    ['33 6', ['Émile Zola']],
    ['nobody', []],
    ['  ', candidates.map((c) => c.name)],
  ])('are searched by name or phone digits: %s', (query, names) => {
    expect(filterUsers(candidates, query).map((c) => c.name)).toEqual(names);
  });

  it('show an invitation noted since they were read, and keep the first one', () => {
    const noted = new Map([
      ['12125550109', 7],
      ['12125550102', 9],
    ]);
    const marked = withInvitations(candidates, noted);
    expect(marked.find((c) => c.phone === '12125550109')?.invitedAt).toBe(7);
    expect(marked.find((c) => c.phone === '12125550102')?.invitedAt).toBe(5);
    expect(withInvitations(candidates, new Map())).toBe(candidates);
  });
});
