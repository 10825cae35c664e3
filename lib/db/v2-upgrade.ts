import type { Transaction } from 'dexie';
import type { AckedRow, PersonRow } from './schema.ts';

/**
 * Version 2's upgrade: people lose the `dirty` / `projected` flags and tombstones (each row carries
 * its claims instead), and each acknowledgement gets one state instead of two optional flags.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const people = tx.table<PersonRow & { dirty?: 0 | 1; deleted?: 0 | 1; projected?: string[] }>(
    'people',
  );
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
        a.owned === false ? 'adopted' : a.wiped ? 'wiped' : a.name === '' ? 'resend' : 'owned';
      delete a.owned;
      delete a.wiped;
    });
}
