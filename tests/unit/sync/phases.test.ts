import { formatForDisplay } from '@/lib/contacts/normalize';
// One phase at a time, table-driven on the phase fixture: import + project (what the book becomes,
// and which phones the next upload looks at), then upload (what is sent for a given state).
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { buildEntries } from '@/lib/contacts/entries';
import { readBookState, updateBookState, type Outbox } from '@/lib/db/book-state';
import { getMeta } from '@/lib/db/meta';
import type { AckedRow, AckedState } from '@/lib/db/schema';
import { WHOLE_PROJECTION_AT } from '@/lib/sync/changes';
import { importSource } from '@/lib/sync/import-people';
import { sendBatch } from '@/lib/sync/batch';
import { MissingUdidError, type PersonChange } from '@/lib/sync/ports';
import { projectEntries, projectionKey } from '@/lib/sync/project';
import { removeAllPhase, uploadPhase } from '@/lib/sync/upload';
import { deleted, fixture, person, SETTINGS, type Fixture } from './phase-fixture.ts';

/** The outbox of a complete upload to `book`: nothing changed since. */
const clean = (book: string): Outbox => ({ kind: 'changed', book, phones: [] });

async function sync(f: Fixture, people: PersonChange[]): Promise<void> {
  f.nextPage(people);
  await importSource(f.ctx, 'contact');
  await projectEntries(f.ctx);
}

const book = async (f: Fixture) =>
  Object.fromEntries((await f.db.entries.toArray()).map((e) => [e.phone, e.name]));

describe('import + project', () => {
  const ADA = person(1, 'Ada Lovelace', '+1 212 555 0101');
  const cases: {
    title: string;
    before: PersonChange[];
    change: PersonChange[];
    book: Record<string, string>;
    /** Phones the next upload is told to look at (after a complete upload of `before`). */
    outbox: string[];
  }[] = [
    {
      title: 'a new person adds their phone',
      before: [ADA],
      change: [person(2, 'Alan Turing', '(212) 555-0102')],
      book: { '12125550101': 'Ada Lovelace', '12125550102': 'Alan Turing' },
      outbox: ['12125550102'],
    },
    {
      title: 'a rename renames the entry',
      before: [ADA],
      change: [person(1, 'Ada King', '+1 212 555 0101')],
      book: { '12125550101': 'Ada King' },
      outbox: ['12125550101'],
    },
    {
      title: 'a new number replaces the old one',
      before: [ADA],
      change: [person(1, 'Ada Lovelace', '+1 212 555 0199')],
      book: { '12125550199': 'Ada Lovelace' },
      outbox: ['12125550101', '12125550199'],
    },
    {
      title: 'a shared phone keeps the entry, under the rule for shared phones, until both leave',
      before: [ADA, person(2, 'Zed', '2125550101')],
      change: [deleted(1)],
      book: { '12125550101': 'Zed' },
      outbox: ['12125550101'],
    },
    {
      title: 'a sharer who changes nothing about the phone changes nothing to send',
      before: [ADA, person(2, 'Zed', '2125550101')],
      change: [person(2, 'Zed', '2125550101', '+44 20 7946 0958')],
      book: { '12125550101': 'Ada Lovelace', '442079460958': 'Zed' },
      outbox: ['442079460958'],
    },
    {
      title: 'an unnamed person is uploaded under their number',
      before: [],
      change: [person(3, '', '+1 212 555 0103')],
      book: { '12125550103': '(212) 555-0103' },
      outbox: ['12125550103'],
    },
    {
      title: 'a deleted person takes their phone along',
      before: [ADA],
      change: [deleted(1)],
      book: {},
      outbox: ['12125550101'],
    },
  ];

  it.each(cases)('$title', async ({ before, change, book: expected, outbox }) => {
    const f = fixture();
    await sync(f, before);
    await uploadPhase(f.ctx);
    expect((await readBookState(f.db)).outbox).toEqual(clean('udid-1'));
    await sync(f, change);
    expect(await book(f)).toEqual(expected);
    const mark = (await readBookState(f.db)).outbox;
    expect(mark.kind === 'changed' && { ...mark, phones: mark.phones.sort() }).toEqual({
      ...clean('udid-1'),
      phones: outbox.sort(),
    });
    expect(await getMeta(f.db, 'projection')).toBeUndefined();
  });

  it('a first sync projects from the claims its import computed: no person is written twice', async () => {
    const f = fixture();
    f.nextPage([ADA, person(2, 'Alan Turing', '(212) 555-0102')]);
    await importSource(f.ctx, 'contact');
    expect(await getMeta(f.db, 'claimsKey')).toBe(projectionKey(f.ctx.settings));
    const changed: string[] = [];
    const listen = (parts: Record<string, unknown>) => void changed.push(...Object.keys(parts));
    Dexie.on('storagemutated', listen);
    await projectEntries(f.ctx);
    Dexie.on('storagemutated').unsubscribe(listen);
    expect(changed.some((key) => key.includes('/entryBuckets/'))).toBe(true);
    expect(changed.filter((key) => key.includes('/peopleBuckets/'))).toEqual([]);
    expect(await book(f)).toEqual({ '12125550101': 'Ada Lovelace', '12125550102': 'Alan Turing' });
  });

  it('claims of other settings, left by an import stopped before its projection, are computed again', async () => {
    const f = fixture();
    await sync(f, [ADA]);
    // A run with E.164 imports Alan, then stops before projecting; the setting goes back.
    f.ctx.settings = { ...f.ctx.settings, phoneFormat: 'e164' };
    f.nextPage([person(2, 'Alan Turing', '(212) 555-0102')]);
    await importSource(f.ctx, 'contact');
    expect(await getMeta(f.db, 'claimsKey')).toBeUndefined();
    f.ctx.settings = { ...f.ctx.settings, phoneFormat: 'international-digits' };
    await projectEntries(f.ctx);
    expect(await book(f)).toEqual({ '12125550101': 'Ada Lovelace', '12125550102': 'Alan Turing' });
    expect(await getMeta(f.db, 'claimsKey')).toBe(projectionKey(f.ctx.settings));
  });

  it(`past ${WHOLE_PROJECTION_AT} changed people, one pass builds the book buildEntries builds`, async () => {
    const f = fixture();
    const people = Array.from({ length: WHOLE_PROJECTION_AT + 5 }, (_, i) =>
      person(i, `Person ${i % 7}`, `+1 212 555 ${String(1000 + (i % 900)).slice(-4)}`),
    );
    f.nextPage(people);
    await importSource(f.ctx, 'contact');
    expect(await getMeta(f.db, 'projection')).toEqual({ kind: 'all' });
    await projectEntries(f.ctx);
    const records = people.flatMap((c) => (c.kind === 'person' ? [c.person] : []));
    const reference = buildEntries(records, SETTINGS).entries;
    const rows = await f.db.entries.toArray();
    expect(rows.map(({ display: _display, ...entry }) => entry)).toEqual(reference);
    // Each entry carries its number formatted for reading (national for the default country).
    expect(rows.map((r) => r.display)).toEqual(
      rows.map((r) => formatForDisplay(r.phone, SETTINGS.defaultCountry)),
    );
    expect(rows[0]?.display).toBe('(212) 555-1000');
  });
});

describe('upload', () => {
  const ack = (phone: string, name: string, state: AckedState, book = 'udid-1'): AckedRow => ({
    phone,
    name,
    book,
    since: 0,
    sentAt: 0,
    state,
  });
  const cases: {
    title: string;
    bookMode?: 'own' | 'global';
    entries: Record<string, string>;
    acked: AckedRow[];
    /** The outbox mark's phones; undefined: no mark (everything is compared). */
    outbox?: string[];
    sent: string[];
  }[] = [
    {
      title: 'the first upload of the own book forces its first batch',
      entries: { '12125550101': 'A', '12125550102': 'B', '12125550103': 'C' },
      acked: [],
      // In the order of the buckets their acknowledgements are stored in (lib/db/acked-store.ts).
      sent: ['force 12125550101=A 12125550103=C', '12125550102=B'],
    },
    {
      title: 'with an outbox, only its phones are compared',
      entries: { '12125550101': 'A2', '12125550102': 'B2' },
      acked: [ack('12125550101', 'A', 'owned'), ack('12125550102', 'B', 'owned')],
      outbox: ['12125550101'],
      sent: ['12125550101=A2'],
    },
    {
      title: 'an empty outbox sends nothing',
      entries: { '12125550101': 'A2' },
      acked: [ack('12125550101', 'A', 'owned')],
      outbox: [],
      sent: [],
    },
    {
      title: 'resend and wiped entries are sent again; a wiped one that left is not destroyed',
      entries: { '12125550101': 'A', '12125550102': 'B' },
      acked: [
        ack('12125550101', 'A', 'resend'),
        ack('12125550102', 'B', 'wiped'),
        ack('12125550103', 'C', 'wiped'),
        ack('12125550104', 'D', 'owned'),
      ],
      sent: ['12125550101=A 12125550102=B', '12125550104 destroy'],
    },
    {
      title: "in the shared book, the phone app's entries are never renamed nor destroyed",
      bookMode: 'global',
      entries: { '12125550101': 'Mine' },
      acked: [
        ack('12125550101', 'Theirs', 'adopted', 'global'),
        ack('12125550102', 'Also theirs', 'adopted', 'global'),
      ],
      sent: [],
    },
  ];

  it.each(cases)('$title', async ({ bookMode, entries, acked, outbox, sent }) => {
    const f = fixture(bookMode ? { bookMode } : {});
    const book = bookMode === 'global' ? 'global' : 'udid-1';
    await f.db.entries.bulkPut(
      Object.entries(entries).map(([phone, name]) => ({ phone, name, resourceNames: [] })),
    );
    await f.db.acked.bulkPut(acked);
    // Anything acknowledged means the own book was written before: no force.
    if (acked.length > 0) await updateBookState(f.db, { ownBook: 'started' });
    if (outbox) await updateBookState(f.db, { outbox: { kind: 'changed', book, phones: outbox } });
    await uploadPhase(f.ctx);
    expect(
      f.uploads.map((u) =>
        [
          ...(u.force ? ['force'] : []),
          ...u.contacts.map((c) => (c.destroy ? `${c.phone} destroy` : `${c.phone}=${c.name}`)),
        ].join(' '),
      ),
    ).toEqual(sent);
    expect((await readBookState(f.db)).outbox).toEqual(clean(book));
  });
});

describe("the own book needs this browser's udid", () => {
  const A = { phone: '12125550101', name: 'A', resourceNames: [] };

  it.each(['', '   '])(
    'udid %j: the upload is refused (an empty udid names the shared book), nothing is sent',
    async (udid) => {
      const f = fixture({ udid });
      await f.db.entries.put(A);
      await expect(uploadPhase(f.ctx)).rejects.toBeInstanceOf(MissingUdidError);
      expect(f.uploads).toEqual([]);
      expect(await f.db.inflight.count()).toBe(0);
      expect(await f.db.acked.count()).toBe(0);
    },
  );

  it.each([
    ['a forced batch for the shared book', 'global', true],
    ['a forced batch without a udid', '', true],
    ['a forced batch with a blank udid', ' ', true],
    ['a batch without a udid', '', false],
  ])('%s is never sent', async (_title, book, force) => {
    const f = fixture();
    const batch = { id: 'b', createdAt: 0, book, force, contacts: [{ phone: A.phone, name: 'A' }] };
    await expect(sendBatch(f.ctx, batch)).rejects.toBeInstanceOf(MissingUdidError);
    expect(f.uploads).toEqual([]);
    // Not left in doubt either: the next run would only fail on it again.
    expect(await f.db.inflight.count()).toBe(0);
  });
});

describe('remove my contacts from the server', () => {
  it('sends only destroys: batches in doubt go again without their names', async () => {
    const f = fixture();
    await f.db.acked.bulkPut([
      { phone: '12125550101', name: 'A', book: 'udid-1', since: 0, sentAt: 0, state: 'owned' },
      { phone: '12125550102', name: '', book: 'global', since: 0, sentAt: 0, state: 'adopted' },
    ]);
    // A batch with names was sent, its answer lost: consent is withdrawn before it is resent.
    await f.db.inflight.put({
      id: 'doubt',
      book: 'udid-1',
      force: true,
      contacts: [
        { phone: '12125550103', name: 'Secret Name' },
        { phone: '12125550104', name: 'Another' },
      ],
      createdAt: 0,
    });
    await removeAllPhase(f.ctx);
    const sent = f.uploads.flatMap((u) => u.contacts);
    expect(sent.every((c) => c.destroy === true && !('name' in c))).toBe(true);
    expect(f.uploads.some((u) => u.force)).toBe(false);
    expect(sent.map((c) => c.phone).sort()).toEqual(['12125550101', '12125550103', '12125550104']);
    expect(await f.db.inflight.count()).toBe(0);
    expect(await f.db.acked.count()).toBe(0);
  });
});
