import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { readBookState } from '@/lib/db/book-state';
import { CubeDb } from '@/lib/db/schema';
import { unseenJoins } from '@/lib/sync/registered';
import { isRunRow } from '@/lib/ui/rows';
import { deleteWritten, LATEST, RELEASED, writtenBy } from './released-schema.ts';

afterEach(deleteWritten);

describe('the Dexie schema', () => {
  it('matches the released versions exactly (versions are never edited)', async () => {
    const { name, old } = writtenBy(1);
    old.close();
    await Dexie.delete(name);
    const db = new CubeDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST);
    const actual = Object.fromEntries(
      db.tables.map((table) => [
        table.name,
        [table.schema.primKey, ...table.schema.indexes].map((index) => index.src).join(', '),
      ]),
    );
    expect(actual).toEqual(RELEASED[LATEST]);
    db.close();
  });

  it('upgrades a database written by the first release, its data intact', async () => {
    // Written with the frozen v1 schema, as an installed extension of that release would have.
    const { name, old } = writtenBy(1);
    await old.table('people').add({
      resourceName: 'people/1',
      displayName: 'Ada',
      phones: [{ value: '+1 212 555 0101' }],
      source: 'contact',
      projected: ['12125550101'],
      dirty: 0,
      deleted: 0,
    });
    await old.table('acked').bulkAdd([
      { phone: '12125550101', name: 'Ada', book: 'u1', since: 1, sentAt: 5 },
      { phone: '12125550102', name: 'Theirs', book: 'global', since: 1, sentAt: 5, owned: false },
      { phone: '12125550103', name: '', book: 'u1', since: 1, sentAt: 5, wiped: true },
      { phone: '12125550104', name: '', book: 'global', since: 1, sentAt: 5 },
    ]);
    await old.table('people').add({
      resourceName: 'people/2',
      displayName: 'Gone',
      phones: [{ value: '+1 212 555 0102' }],
      source: 'contact',
      projected: ['12125550102'],
      dirty: 1,
      deleted: 1,
    });
    await old.table('meta').bulkAdd([
      { key: 'checks', value: 3 },
      { key: 'projectionKey', value: 'US|international-digits' },
      { key: 'outboxClean', value: 'u1' },
    ]);
    old.close();

    const db = new CubeDb(name);
    // Version 2: the person is kept without the v1 bookkeeping; the tombstone is gone; the next run
    // projects everyone again and compares every entry (both keys dropped).
    expect(await db.people.toArray()).toEqual([
      {
        resourceName: 'people/1',
        displayName: 'Ada',
        phones: [{ value: '+1 212 555 0101' }],
        source: 'contact',
      },
    ]);
    expect(await db.meta.get('projectionKey')).toBeUndefined();
    expect(await db.meta.get('outboxClean')).toBeUndefined();
    expect((await db.acked.inBook('u1'))[0]).toMatchObject({
      name: 'Ada',
      since: 1,
    });
    // Two optional flags and an empty name became one state.
    expect((await db.acked.toArray()).map((a) => [a.phone, a.state, 'owned' in a])).toEqual([
      ['12125550101', 'owned', false],
      ['12125550102', 'adopted', false],
      ['12125550103', 'wiped', false],
      ['12125550104', 'resend', false],
    ]);
    expect((await readBookState(db)).checks).toBe(3);
    db.close();
  });

  it('upgrades a database written by the second release: its data intact, joins indexed, no invitations yet', async () => {
    const { name, old } = writtenBy(2);
    const person = {
      resourceName: 'people/1',
      displayName: 'Ada',
      phones: [{ value: '+1 212 555 0101' }],
      source: 'contact',
      claims: [{ phone: '12125550101', name: 'Ada' }],
    };
    const entry = { phone: '12125550101', name: 'Ada', resourceNames: ['people/1'] };
    const acked = {
      phone: '12125550101',
      name: 'Ada',
      book: 'u1',
      since: 1,
      sentAt: 5,
      state: 'owned',
    };
    const user = {
      userId: 7,
      phone: '12125550102',
      addressBookName: 'Alan',
      firstSeenAt: 3,
      notified: 1,
      seen: 1,
    };
    const join = { ...user, userId: 8, phone: '12125550103', joinedAt: 20, seen: 0 };
    await old.table('people').add(person);
    await old.table('entries').add(entry);
    await old.table('acked').add(acked);
    await old.table('registered').bulkAdd([user, join]);
    await old.table('meta').add({ key: 'checks', value: 4 });
    old.close();

    const db = new CubeDb(name);
    expect(await db.people.toArray()).toEqual([person]);
    expect(await db.entries.toArray()).toEqual([entry]);
    expect(await db.acked.toArray()).toEqual([acked]);
    expect(await db.registered.toArray()).toEqual([user, join]);
    // The new index holds the joins already there.
    expect(await unseenJoins(db)).toBe(1);
    expect((await readBookState(db)).checks).toBe(4);
    expect(db.verno).toBe(LATEST);
    expect(await db.invites.count()).toBe(0);
    await db.invites.put({ phone: '12125550101', at: 9 });
    expect(await db.invites.get('12125550101')).toEqual({ phone: '12125550101', at: 9 });
    db.close();
  });

  it('upgrades a database written by the third release: each run gets a status, its English error a typed one', async () => {
    const { name, old } = writtenBy(3);
    const counts = {
      imported: 1,
      created: 0,
      updated: 0,
      deleted: 0,
      rejected: 0,
      joins: 0,
      requests: 1,
    };
    const base = { phase: 'done', trigger: 'alarm', counts };
    const lines: [string, string | undefined][] = [
      ['CubeApiError: Unauthorized', 'cube-auth'],
      ['CubeSignedOutError: ConnectyCube account not signed in', 'cube-auth'],
      ['CubeSessionEndedError: The ConnectyCube session ended: sign in again', 'cube-auth'],
      ['NeedsReconnectError: Google access expired', 'google-reconnect'],
      ['PeopleQuotaError: Google People API: the quota … (HTTP 429)', 'google-quota'],
      ['GoogleApiError: Quota', undefined],
      ['NetworkError: api.example.com did not answer in time (5 attempts)', 'network'],
      ['NetworkError: Could not reach api.example.com (1 attempt)', 'network'],
      ['MissingUdidError: no udid', 'other'],
      ['Google People API sent a malformed answer: page is not JSON', 'other'],
    ];
    await old.table('runs').bulkAdd([
      { ...base, startedAt: 1, endedAt: 2 },
      {
        ...base,
        startedAt: 3,
        endedAt: 4,
        error: 'interrupted: the browser stopped the worker; the next run resumed',
      },
      ...lines.map(([error, errorKind], i) => ({
        ...base,
        startedAt: 10 + i,
        endedAt: 11 + i,
        error,
        ...(errorKind ? { errorKind } : {}),
      })),
      { ...base, phase: 'upload', startedAt: 30 },
    ]);
    old.close();

    const db = new CubeDb(name);
    const runs = await db.runs.orderBy('id').toArray();
    expect(db.verno).toBe(LATEST);
    expect(runs[0]).toEqual({ id: 1, ...base, startedAt: 1, endedAt: 2, status: 'ok' });
    expect(runs[1]).toEqual({ id: 2, ...base, startedAt: 3, endedAt: 4, status: 'interrupted' });
    expect(runs.slice(2, -1).map((r) => [r.status, r.status === 'failed' && r.error])).toEqual(
      [
        { kind: 'cube-sign-in', code: 'cube-refused', params: ['Unauthorized'] },
        { kind: 'cube-sign-in', code: 'cube-signed-out', params: [] },
        { kind: 'cube-sign-in', code: 'cube-session-ended', params: [] },
        { kind: 'google-reconnect', code: 'google-reconnect', params: [] },
        { kind: 'google-quota', code: 'google-quota', params: [] },
        { kind: 'other', code: 'google-refused', params: ['Quota'] },
        { kind: 'network', code: 'network-timeout', params: ['api.example.com'] },
        { kind: 'network', code: 'network-unreachable', params: ['api.example.com'] },
        { kind: 'other', code: 'missing-udid', params: [] },
        {
          kind: 'other',
          code: 'other',
          params: ['Google People API sent a malformed answer: page is not JSON'],
        },
      ].map((error) => ['failed', error]),
    );
    expect(runs.every((r) => !('errorKind' in r))).toBe(true);
    expect(runs.at(-1)).toEqual({
      id: 13,
      ...base,
      phase: 'upload',
      startedAt: 30,
      status: 'running',
    });
    // Every row reads as the pages expect it now.
    expect(runs.every(isRunRow)).toBe(true);
    db.close();
  });

  it('upgrades a database written by the third release: every acknowledgement packed in its bucket, beliefs kept', async () => {
    const { name, old } = writtenBy(3);
    const states = ['owned', 'adopted', 'resend', 'wiped'] as const;
    // Enough rows that most buckets hold several, in two books (a switch of books half-done).
    const acked = Array.from({ length: 600 }, (_, i) => ({
      phone: `1212555${String(i).padStart(4, '0')}`,
      name: `Contact ${i}`,
      book: i % 7 === 0 ? 'global' : 'udid-1',
      since: i % 3,
      sentAt: 1_000 + i,
      state: states[i % 4]!,
    }));
    // Another account's belief keeps its acknowledgements inside its DestinationState.
    const belief = {
      acked: [{ ...acked[0]!, phone: '4930123456' }],
      inflight: [],
      rejected: [],
      registered: [],
      meta: { checks: 2, ownBookStarted: true },
    };
    await old.table('acked').bulkAdd(acked);
    await old
      .table('entries')
      .add({ phone: acked[1]!.phone, name: 'Contact 1', resourceNames: [] });
    await old.table('rejected').add({ phone: '12125559999', name: 'X', reason: 'bad', at: 4 });
    await old.table('meta').bulkAdd([
      { key: 'checks', value: 5 },
      { key: 'belief:https://api.example|1|81', value: belief },
    ]);
    old.close();

    const db = new CubeDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST);
    // Every row kept, in the phone order the row-per-phone table had.
    expect(await db.acked.toArray()).toEqual(acked);
    expect(await db.acked.count()).toBe(600);
    expect(await db.acked.get(acked[42]!.phone)).toEqual(acked[42]);
    expect(await db.acked.inBook('global')).toEqual(acked.filter((a) => a.book === 'global'));
    expect(await db.acked.notInBook('udid-1')).toEqual(acked.filter((a) => a.book === 'global'));
    // Packed: a few hundred rows per bucket at most, far fewer rows than acknowledgements.
    const stored = await db.ackedBuckets.toArray();
    const buckets = stored.flatMap((b) => ('rows' in b ? [b] : []));
    expect(buckets.length).toBeLessThanOrEqual(128);
    expect(buckets.reduce((n, b) => n + b.rows.length, 0)).toBe(600);
    for (const bucket of buckets)
      expect(bucket.books).toEqual([...new Set(bucket.rows.map((r) => r.book))].sort());
    // Beside them, one row of counts per book and state: what the status reads instead.
    expect(stored).toHaveLength(buckets.length + 1);
    const counts = (book: string) =>
      Object.fromEntries(
        states.flatMap((state) => {
          const n = acked.filter((a) => a.book === book && a.state === state).length;
          return n > 0 ? [[state, n]] : [];
        }),
      );
    expect(await db.acked.counts()).toEqual({
      global: counts('global'),
      'udid-1': counts('udid-1'),
    });
    expect(await db.acked.count(['owned', 'resend'])).toBe(300);
    expect(db.tables.map((t) => t.name)).not.toContain('acked');
    const { meta: _flags, ...kept } = belief;
    expect((await db.meta.get('belief:https://api.example|1|81'))?.value).toEqual({
      ...kept,
      bookState: { checks: 2, ownBook: 'started', namesSent: true },
    });
    expect((await readBookState(db)).checks).toBe(5);
    expect(await db.rejected.count()).toBe(1);
    expect(await db.entries.count()).toBe(1);
    // Written through the store: a change rewrites its bucket alone.
    await db.acked.bulkPut([{ ...acked[3]!, name: 'Renamed' }]);
    await db.acked.bulkDelete([acked[5]!.phone]);
    expect(await db.acked.get(acked[3]!.phone)).toMatchObject({ name: 'Renamed' });
    expect(await db.acked.get(acked[5]!.phone)).toBeUndefined();
    expect(await db.acked.count()).toBe(599);
    // The counts follow every write: a deletion, a change of state, a store-wide modify.
    const resend = await db.acked.count(['resend']);
    await db.acked.modify(
      (a) => a.state === 'resend',
      (a) => ({ ...a, state: 'owned' }),
    );
    expect(await db.acked.count(['resend'])).toBe(0);
    expect(await db.acked.count(['owned'])).toBe(
      (await db.acked.toArray()).filter((a) => a.state === 'owned').length,
    );
    expect(resend).toBeGreaterThan(0);
    await db.acked.bulkDelete((await db.acked.toArray()).map((a) => a.phone));
    expect(await db.acked.counts()).toEqual({});
    expect(await db.acked.count()).toBe(0);
    db.close();
  });

  it('upgrades a database written by the fourth release: the batches in doubt, and the beliefs put aside, in the domain form', async () => {
    const { name, old } = writtenBy(4);
    // Stored in ConnectyCube's wire form: a removal was `destroy: 1`.
    const wire = {
      id: 'doubt',
      book: 'udid-1',
      force: false,
      contacts: [
        { phone: '12125550101', name: 'Ada' },
        { phone: '12125550102', destroy: 1 },
      ],
      createdAt: 7,
    };
    const domain = {
      ...wire,
      contacts: [
        { phone: '12125550101', name: 'Ada' },
        { phone: '12125550102', destroy: true },
      ],
    };
    const belief = (inflight: unknown[]) => ({
      acked: [],
      inflight,
      rejected: [],
      registered: [],
    });
    await old.table('inflight').add(wire);
    await old.table('meta').bulkAdd([
      {
        key: 'belief:https://api.example|1|81',
        value: { ...belief([{ ...wire, id: 'other' }]), meta: { checks: 1 } },
      },
      { key: 'checks', value: 3 },
    ]);
    old.close();

    const db = new CubeDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.inflight.toArray()).toEqual([domain]);
    expect((await db.meta.get('belief:https://api.example|1|81'))?.value).toEqual({
      ...belief([{ ...domain, id: 'other' }]),
      bookState: { checks: 1, ownBook: 'unstarted', namesSent: true },
    });
    expect((await readBookState(db)).checks).toBe(3);
    db.close();
  });
});
