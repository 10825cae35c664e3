import { mergeEntry, projectPhones } from '../contacts/entries.ts';
import { formatForDisplay } from '../contacts/normalize.ts';
import { compareStrings } from '../contacts/name.ts';
import type { EntrySettings, NameCandidate } from '../contacts/types.ts';
import { EVERYTHING, updateBookState } from '../db/book-state.ts';
import { deleteMeta, getMeta, setMeta, type PendingProjection } from '../db/meta.ts';
import { skippedByPerson, type EntryRow, type PersonRow, type SkippedRow } from '../db/schema.ts';
import { noteOutbox } from './changes.ts';
import { checkpoint, type PhaseContext } from './context.ts';

/**
 * Settings that change what entries look like; a change re-projects every person. The last part
 * names the entries' shape: entries stored before they carried `display` are rebuilt once.
 */
export function projectionKey(settings: EntrySettings): string {
  return `${settings.defaultCountry}|${settings.phoneFormat}|display`;
}

/**
 * An entry as stored: with its phone formatted for reading (national for numbers of the default
 * country), so the popup's Invite view shows numbers as the users list does without bundling phone
 * metadata.
 */
function entryRow(phone: string, candidates: NameCandidate[], settings: EntrySettings): EntryRow {
  return {
    ...mergeEntry(phone, candidates, settings),
    display: formatForDisplay(phone, settings.defaultCountry),
  };
}

/**
 * Turns the people who changed into entries. Each person was projected when imported (its claims);
 * here only the phones they touched are merged again, from everyone who claims them, so the cost
 * follows the change. Many changes, or other phone settings, rebuild the whole book in one pass.
 */
export async function projectEntries(ctx: PhaseContext): Promise<void> {
  const { db, settings } = ctx;
  const key = projectionKey(settings);
  const [stored, pending, claimsKey] = await Promise.all([
    getMeta(db, 'projectionKey'),
    getMeta(db, 'projection'),
    getMeta(db, 'claimsKey'),
  ]);
  // A first sync's people were just projected by the import, with these very settings: computing
  // and writing 25,000 of them again cost seconds for nothing. Claims of other settings (an import
  // stopped before its projection, then the settings changed back) are computed again.
  if (stored !== key || claimsKey !== key) await rebuildBook(ctx, key, claimsKey !== key);
  else if (pending?.kind === 'all') await rebuildBook(ctx, key, false);
  else if (pending?.kind === 'some') await followChanges(ctx, pending);
}

/**
 * The whole book from every person's claims: one read, one write. `reproject`: the phone settings
 * changed (or the rows predate claims), so every person is projected again first — unless every
 * person's claims are known to be of these settings already (`claimsKey`).
 */
async function rebuildBook(ctx: PhaseContext, key: string, reproject: boolean): Promise<void> {
  const { db, settings } = ctx;
  const people = await db.people.toArray();
  checkpoint(ctx);
  ctx.progress({ phase: 'project', done: 0, total: people.length });
  let skipped: SkippedRow[] | null = null;
  if (reproject) {
    skipped = [];
    for (const person of people) {
      const projection = projectPhones(person, settings);
      person.claims = projection.phones;
      skipped.push(...projection.skipped);
    }
  }
  const claims = new Map<string, NameCandidate[]>();
  for (const person of people) {
    for (const { phone, name } of person.claims ?? []) {
      const candidate = { resourceName: person.resourceName, name };
      const list = claims.get(phone);
      if (list) list.push(candidate);
      else claims.set(phone, [candidate]);
    }
  }
  const entries: EntryRow[] = [];
  for (const [phone, candidates] of claims) entries.push(entryRow(phone, candidates, settings));
  await db.transaction(
    'rw',
    [db.peopleBuckets, db.entryBuckets, db.skippedBuckets, db.meta],
    async () => {
      if (skipped) {
        await db.people.replaceAll(people);
        await db.skipped.replaceAll(skippedByPerson(skipped));
        await setMeta(db, 'claimsKey', key);
      }
      await db.entries.replaceAll(entries);
      await setMeta(db, 'projectionKey', key);
      await deleteMeta(db, 'projection');
      // Every entry may have changed: the next upload compares them all.
      await updateBookState(db, { outbox: EVERYTHING });
    },
  );
  ctx.progress({ phase: 'project', done: people.length, total: people.length });
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** Merges again only the phones the changed people touched, from everyone who claims them. */
async function followChanges(
  ctx: PhaseContext,
  pending: Extract<PendingProjection, { kind: 'some' }>,
): Promise<void> {
  const { db, settings } = ctx;
  const phones = [...new Set(pending.phones)].sort(compareStrings);
  ctx.progress({ phase: 'project', done: 0, total: pending.people.length });
  await db.transaction('rw', [db.peopleBuckets, db.entryBuckets, db.meta], async () => {
    const before = await db.entries.bulkGet(phones);
    // Who may claim these phones: whoever did before, and whoever changed.
    const names = new Set(pending.people);
    for (const entry of before) entry?.resourceNames.forEach((name) => names.add(name));
    const people = (await db.people.bulkGet([...names])).filter(
      (p): p is PersonRow => p !== undefined,
    );
    const touched = new Set(phones);
    const claims = new Map<string, NameCandidate[]>();
    for (const person of people) {
      for (const { phone, name } of person.claims ?? []) {
        if (!touched.has(phone)) continue;
        const list = claims.get(phone) ?? [];
        list.push({ resourceName: person.resourceName, name });
        claims.set(phone, list);
      }
    }
    const put: EntryRow[] = [];
    const removed: string[] = [];
    const renamed: string[] = [];
    phones.forEach((phone, i) => {
      const old = before[i];
      const candidates = claims.get(phone);
      if (!candidates) {
        if (old) removed.push(phone);
        return;
      }
      const entry = entryRow(phone, candidates, settings);
      if (old && old.name === entry.name && sameList(old.resourceNames, entry.resourceNames))
        return;
      put.push(entry);
      if (old?.name !== entry.name) renamed.push(phone);
    });
    await db.entries.write({ put, remove: removed });
    await deleteMeta(db, 'projection');
    // Only a phone that appeared, went or changed its name changes what the server should hold.
    await noteOutbox(db, [...removed, ...renamed]);
  });
  ctx.progress({ phase: 'project', done: pending.people.length, total: pending.people.length });
}
