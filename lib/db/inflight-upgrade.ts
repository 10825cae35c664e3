import type { Table } from 'dexie';
import type { UploadContact } from '../domain/upload.ts';
import type { InflightRow, MetaRow } from './schema.ts';

/** An entry of a batch in doubt as versions 1 to 4 stored it: ConnectyCube's wire form. */
interface ContactV4 {
  phone: string;
  name?: string;
  destroy?: 1 | true;
}

/** One entry of a stored batch in the domain's form (`destroy: 1` was the server's spelling). */
export function upgradeContact(contact: ContactV4): UploadContact {
  return contact.destroy
    ? { phone: contact.phone, destroy: true }
    : { phone: contact.phone, name: contact.name ?? '' };
}

function upgradeBatch(row: InflightRow): InflightRow {
  return { ...row, contacts: (row.contacts as ContactV4[]).map(upgradeContact) };
}

/**
 * Version 5: the batches in doubt, and those of every account put aside (`belief:*` in meta), hold
 * their entries in the domain's form, so nothing reads a stored batch twice over.
 */
export async function upgradeInflightToV5(
  inflight: Table<InflightRow, string>,
  meta: Table<MetaRow, string>,
): Promise<void> {
  await inflight.toCollection().modify((row) => {
    row.contacts = upgradeBatch(row).contacts;
  });
  await meta
    .where('key')
    .startsWith('belief:')
    .modify((row) => {
      const state = row.value as { inflight?: InflightRow[] };
      if (Array.isArray(state.inflight)) state.inflight = state.inflight.map(upgradeBatch);
    });
}
