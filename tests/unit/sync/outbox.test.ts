import { describe, expect, it } from 'vitest';
import type { AckedRow, AckedState, EntryRow, RejectedRow } from '@/lib/db/schema';
import { chunk, computeOutbox } from '@/lib/sync/outbox';

const entry = (phone: string, name: string): EntryRow => ({
  phone,
  name,
  resourceNames: [`people/${phone}`],
});
const ack = (phone: string, name: string, book = 'own', state: AckedState = 'owned'): AckedRow => ({
  phone,
  name,
  book,
  since: 0,
  sentAt: 0,
  state,
});
const rejected = (phone: string, name: string): RejectedRow => ({
  phone,
  name,
  reason: 'no',
  at: 0,
});

describe('computeOutbox', () => {
  it.each([
    {
      title: 'nothing acknowledged: everything is created',
      entries: [entry('1000000001', 'A'), entry('1000000002', 'B')],
      acked: [],
      upserts: ['1000000001:A', '1000000002:B'],
      destroys: [],
    },
    {
      title: 'in sync: nothing to send',
      entries: [entry('1000000001', 'A')],
      acked: [ack('1000000001', 'A')],
      upserts: [],
      destroys: [],
    },
    {
      title: 'a rename is an upsert of the same phone',
      entries: [entry('1000000001', 'A2')],
      acked: [ack('1000000001', 'A')],
      upserts: ['1000000001:A2'],
      destroys: [],
    },
    {
      title: 'a disappeared entry is destroyed',
      entries: [],
      acked: [ack('1000000001', 'A')],
      upserts: [],
      destroys: ['1000000001'],
    },
    {
      title: 'a rejected entry is not resent with the same name',
      entries: [entry('1000000001', 'A')],
      acked: [],
      rejected: [rejected('1000000001', 'A')],
      upserts: [],
      destroys: [],
    },
    {
      title: 'a rejected entry is resent once its name changed',
      entries: [entry('1000000001', 'A2')],
      acked: [],
      rejected: [rejected('1000000001', 'A')],
      upserts: ['1000000001:A2'],
      destroys: [],
    },
    {
      title: 'the phone app entries of the global book are never renamed nor destroyed',
      book: 'global',
      entries: [entry('1000000001', 'Mine')],
      acked: [
        ack('1000000001', 'Theirs', 'global', 'adopted'),
        ack('1000000002', 'Gone', 'global', 'adopted'),
      ],
      upserts: [],
      destroys: [],
      forget: ['1000000002'],
    },
    {
      title: 'an entry a forced upload wiped is forgotten when it leaves, not destroyed',
      entries: [],
      acked: [ack('1000000001', '', 'own', 'wiped'), ack('1000000002', 'B')],
      upserts: [],
      destroys: ['1000000002'],
      forget: ['1000000001'],
    },
    {
      title: 'replaceAll sends every entry and destroys nothing',
      replaceAll: true,
      entries: [entry('1000000001', 'A'), entry('1000000002', 'B')],
      acked: [ack('1000000001', 'A'), ack('1000000003', 'C')],
      upserts: ['1000000001:A', '1000000002:B'],
      destroys: [],
    },
  ])('$title', (row) => {
    const outbox = computeOutbox({
      entries: row.entries,
      acked: row.acked,
      rejected: row.rejected ?? [],
      book: row.book ?? 'own',
      replaceAll: row.replaceAll ?? false,
    });
    expect(outbox.upserts.map((c) => `${c.phone}:${c.name}`)).toEqual(row.upserts);
    expect(outbox.destroys.map((c) => c.phone)).toEqual(row.destroys);
    expect(outbox.forget).toEqual(row.forget ?? []);
  });

  it('leaves the previous book entry by entry when the book changes', () => {
    const outbox = computeOutbox({
      entries: [entry('1000000001', 'A')],
      acked: [ack('1000000001', 'A', 'global'), ack('1000000002', 'B', 'global', 'adopted')],
      rejected: [],
      book: 'own',
      replaceAll: false,
    });
    expect([...outbox.leave]).toEqual([['global', [{ phone: '1000000001', destroy: true }]]]);
    expect(outbox.forget).toEqual(['1000000002']);
    expect(outbox.upserts).toEqual([{ phone: '1000000001', name: 'A' }]);
  });

  it('chunks into bounded batches', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
