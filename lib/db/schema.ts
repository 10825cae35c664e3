import type { Phase, PhaseTimes, RunCounts, RunEnd, RunRow, RunStatus } from '../domain/run.ts';
import { Dexie, type EntityTable } from 'dexie';
import type { NameCandidate, PersonRecord, RawPhone, SkipReason } from '../contacts/types.ts';
import type { UploadContact } from '../domain/upload.ts';
import { upgradeInflightToV5 } from './inflight-upgrade.ts';
import { upgradeRunsToV4 } from './run-upgrade.ts';
import { upgradeBookStateToV7 } from './book-state-upgrade.ts';
import { AckedStore, ackedTotals, packAcked } from './acked-store.ts';
import { PackedStore, type PackedRow } from './packed-store.ts';
import { skippedByPerson, type SkippedOfPerson } from './skipped.ts';

export { skippedByPerson, type SkippedOfPerson };

/** One phone a person contributes to the book, under the name they give it. */
export type Claim = Omit<NameCandidate, 'resourceName'> & { phone: string };

/** A Google person as stored, with the phones it contributes (projected when it is imported). */
export interface PersonRow extends PersonRecord {
  /**
   * The person's normalised phones with the name each is uploaded under, as of its import (or the
   * last change of the phone settings). Absent in rows of version 1 until they are projected again.
   */
  claims?: Claim[];
}

/** One desired address-book entry: the book the server should hold. */
export interface EntryRow {
  phone: string;
  name: string;
  resourceNames: string[];
  /**
   * `phone` formatted for reading with the default country (the popup's Invite view shows it).
   * Absent in entries stored before it existed, until the projection rebuilds them.
   */
  display?: string;
}

/** A phone of a contact that is not uploaded, and why; stored with its person's (SkippedOfPerson). */
export interface SkippedRow {
  resourceName: string;
  raw: RawPhone['value'];
  name: string;
  reason: SkipReason;
  detail: string;
}

/** What the server has acknowledged, in which book ('global' or the udid). */
export interface AckedRow {
  phone: string;
  name: string;
  book: string;
  /** Number of registered-users checks completed when the server first acknowledged this phone. */
  since: number;
  /** When the batch that created it was first sent: before that the server surely lacked it. */
  sentAt: number;
  state: AckedState;
}

/**
 * What the extension knows of one entry of a book (a batch whose answer was lost is in `inflight`):
 * - `owned`: it put the entry there, under `name`.
 * - `adopted`: the shared book already held it (the phone app's): left as it is, never renamed nor
 *   destroyed.
 * - `resend`: it put the entry there, and "Re-upload everything" asked to send it again.
 * - `wiped`: a forced upload replaced the book without it: the server no longer holds it; the row
 *   keeps its history (for joins) until it is sent again.
 */
export type AckedState = 'owned' | 'adopted' | 'resend' | 'wiped';

/** Acknowledgements packed by a hash of their phones (lib/db/acked-store.ts), sorted by phone. */
export interface AckedBucketRow {
  id: number;
  rows: AckedRow[];
  /** The books its rows are in (indexed: a bucket of another book than the current is found alone). */
  books: string[];
}

/** Rows per book and per state ({ [book]: { owned: 3 } }; a zero is left out). */
export type AckedCounts = Record<string, Partial<Record<AckedState, number>>>;

/** The one row of counts beside the buckets (id ACKED_TOTALS), kept with them by AckedStore. */
export interface AckedTotalsRow {
  id: number;
  counts: AckedCounts;
}

export type AckedStoreRow = AckedBucketRow | AckedTotalsRow;

/** An entry the server refused; not resent until its name changes. */
export interface RejectedRow {
  phone: string;
  name: string;
  reason: string;
  at: number;
}

export type { UploadContact };

/** A batch sent whose answer has not been stored: resent first by the next run. */
export interface InflightRow {
  id: string;
  book: string;
  force: boolean;
  contacts: UploadContact[];
  createdAt: number;
}

export interface RegisteredRow {
  userId: number;
  phone: string;
  /**
   * `phone` formatted for reading with the default country, stored by the background so the popup
   * needs no phone metadata. Absent on rows stored before it existed (until the next check).
   */
  display?: string;
  /** The name under which the contact was uploaded (the user's own name for them). */
  addressBookName: string;
  fullName?: string;
  login?: string;
  avatar?: string;
  /**
   * When fullName/login/avatar were fetched (`GET /users/v2`); refreshed once older than a day
   * (lib/sync/registered.ts). Absent: never fetched, the next check fetches it.
   */
  profileAt?: number;
  firstSeenAt: number;
  /** Set when this registration is a join (see lib/sync/joins.ts). */
  joinedAt?: number;
  /** The check that noticed the join; joins of one check are notified together under one id. */
  joinBatch?: number;
  notified: 0 | 1;
  seen: 0 | 1;
}

export type { Phase, PhaseTimes, RunCounts, RunEnd, RunRow, RunStatus };

/**
 * A contact the user invited from the popup ("Copy invite", "Share"), keyed by the entry's phone.
 * Kept on this device only, so the popup marks them and a later join can say so.
 */
export interface InviteRow {
  /** The phone's digits alone (lib/contacts/phone-key.ts), whatever the phone format. */
  phone: string;
  /** When the first invitation was copied or shared. */
  at: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'cube-contacts';

/** The one database. Versions are never edited once released: add a new one with its upgrade. */
export class CubeDb extends Dexie {
  peopleBuckets!: EntityTable<PackedRow<PersonRow>, 'id'>;
  /** The Google people, stored in `peopleBuckets` by a hash of their resourceName (version 6). */
  readonly people: PackedStore<PersonRow>;
  entryBuckets!: EntityTable<PackedRow<EntryRow>, 'id'>;
  /** The desired entries, stored in `entryBuckets` by a hash of their phone (version 6). */
  readonly entries: PackedStore<EntryRow>;
  skippedBuckets!: EntityTable<PackedRow<SkippedOfPerson>, 'id'>;
  /** The skipped numbers, by person, in `skippedBuckets` (version 8); counted by number. */
  readonly skipped: PackedStore<SkippedOfPerson>;
  ackedBuckets!: EntityTable<AckedStoreRow, 'id'>;
  /** The acknowledgements, stored in `ackedBuckets` (the table `acked` of versions 1–3). */
  readonly acked: AckedStore;
  rejected!: EntityTable<RejectedRow, 'phone'>;
  inflight!: EntityTable<InflightRow, 'id'>;
  registered!: EntityTable<RegisteredRow, 'userId'>;
  runs!: EntityTable<RunRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  invites!: EntityTable<InviteRow, 'phone'>;

  constructor(name: string = DB_NAME) {
    // Relaxed durability: a commit does not wait for the disk to flush. What a crash of the whole
    // system could lose is resent (uploads are idempotent, batches in doubt are kept) or imported
    // again from Google; a browser or worker stop loses nothing either way.
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({
      people: 'resourceName, source, dirty, *projected',
      entries: 'phone',
      skipped: '[resourceName+raw], resourceName',
      acked: 'phone, book',
      rejected: 'phone',
      inflight: 'id, createdAt',
      registered: 'userId, phone, joinedAt',
      runs: '++id, startedAt',
      meta: 'key',
    });
    // Version 2: people are no longer indexed by `dirty` and `projected` (every import rewrote both
    // indexes, and projecting a big book read hundreds of index ranges). Each row carries its own
    // claims instead, and the changes to follow are listed in `meta` (lib/sync/changes.ts).
    this.version(2)
      .stores({ people: 'resourceName, source' })
      .upgrade(async (tx) => {
        const people = tx.table<
          PersonRow & { dirty?: 0 | 1; deleted?: 0 | 1; projected?: string[] }
        >('people');
        // Tombstones were only kept until their phones left the book: the full projection that
        // follows rebuilds the book without them.
        await people.filter((p) => p.deleted === 1).delete();
        await people.toCollection().modify((p) => {
          delete p.dirty;
          delete p.deleted;
          delete p.projected;
        });
        // Unknown settings key: the next run projects everyone again (claims are computed then).
        await tx.table('meta').bulkDelete(['projectionKey', 'outboxClean']);
        // One state per acknowledgement instead of two optional flags and an empty name.
        await tx
          .table<AckedRow & { owned?: boolean; wiped?: boolean }>('acked')
          .toCollection()
          .modify((a) => {
            a.state =
              a.owned === false
                ? 'adopted'
                : a.wiped
                  ? 'wiped'
                  : a.name === ''
                    ? 'resend'
                    : 'owned';
            delete a.owned;
            delete a.wiped;
          });
      });
    // Version 3: the invitations sent from the popup's Invite view (a new table: nothing to
    // migrate), and registered users indexed by [seen+joinedAt]: only joins have a `joinedAt`, so
    // the index holds the joins alone, and the unseen ones are one key range. Counting them (the
    // badge, every status) and marking them seen (every popup opening) read no rows then; through
    // `joinedAt` they read every join, 5,000 of them in 0.2–0.4 s each time.
    this.version(3).stores({
      invites: 'phone',
      registered: 'userId, phone, joinedAt, [seen+joinedAt]',
    });
    // Version 4: a run's end is one status (running / ok / failed / interrupted) instead of optional
    // fields, and a failed run's error is typed ({kind, code, params}) so it reads in the user's
    // language; the English lines stored before are converted (lib/db/run-upgrade.ts).
    this.version(4)
      .stores({})
      .upgrade((tx) => upgradeRunsToV4(tx.table('runs')));
    // Version 5: acknowledgements packed in buckets of a few hundred by
    // a hash of the phone (lib/db/acked-store.ts). One row each cost a first sync of 25,000
    // contacts 28,786 row writes, most of its upload phase; a change now rewrites one bucket.
    // The beliefs put aside per account (`belief:*` in meta) keep their acknowledgements as they
    // are. The batches in doubt, theirs too, lose ConnectyCube's `destroy: 1` for the domain's form.
    this.version(5)
      .stores({ acked: null, ackedBuckets: 'id, *books' })
      .upgrade(async (tx) => {
        await upgradeInflightToV5(tx.table('inflight'), tx.table('meta'));
        const rows = await tx.table<AckedRow>('acked').toArray();
        if (rows.length === 0) return;
        await tx
          .table<AckedStoreRow>('ackedBuckets')
          .bulkAdd([...packAcked(rows), ackedTotals(rows)]);
      });
    // Version 6: people and entries packed in buckets like the acknowledgements
    // (lib/db/packed-store.ts), an entry in the bucket of the same number as its acknowledgement.
    // A row each, they were most of a first sync of 25,000 contacts (53,786 rows written).
    this.version(6)
      .stores({ people: null, entries: null, peopleBuckets: 'id, *groups', entryBuckets: 'id' })
      .upgrade(async (tx) => {
        const people = await tx.table<PersonRow>('people').toArray();
        const entries = await tx.table<EntryRow>('entries').toArray();
        if (people.length > 0) await tx.table('peopleBuckets').bulkAdd(this.people.packAll(people));
        if (entries.length > 0)
          await tx.table('entryBuckets').bulkAdd(this.entries.packAll(entries));
      });
    // Version 7: what the extension knows of an account's books besides its acknowledgements is one
    // typed record (`bookState` in meta, lib/db/book-state.ts) instead of five loose keys, two of
    // which meant something when absent; every account put aside keeps its own
    // (lib/db/book-state-upgrade.ts).
    this.version(7)
      .stores({})
      .upgrade((tx) => upgradeBookStateToV7(tx.table('meta')));
    // Version 8: the skipped numbers packed by person too: a first sync of 25,000 contacts wrote
    // ~2,600 of them, a row each, at the same ~0.17 ms a row.
    this.version(8)
      .stores({ skipped: null, skippedBuckets: 'id' })
      .upgrade(async (tx) => {
        const rows = skippedByPerson(await tx.table<SkippedRow>('skipped').toArray());
        if (rows.length > 0) await tx.table('skippedBuckets').bulkAdd(this.skipped.packAll(rows));
      });
    this.acked = new AckedStore(this);
    this.people = new PackedStore<PersonRow>(
      this,
      'peopleBuckets',
      (p) => p.resourceName,
      (p) => p.source,
    );
    this.entries = new PackedStore<EntryRow>(this, 'entryBuckets', (e) => e.phone);
    this.skipped = new PackedStore<SkippedOfPerson>(
      this,
      'skippedBuckets',
      (s) => s.resourceName,
      undefined,
      (s) => s.phones.length,
    );
  }
}
