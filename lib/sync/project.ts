import { chooseName, projectPhones, type ProjectedPhone } from '../contacts/entries.ts';
import type { EntrySettings } from '../contacts/types.ts';
import { deleteMeta, getMeta, setMeta } from '../db/meta.ts';
import type { EntryRow, PersonRow, SkippedRow } from '../db/schema.ts';
import { checkpoint, type PhaseContext } from './context.ts';

const CHUNK = 500;

/** Settings that change what entries look like; a change re-projects every person. */
export function projectionKey(settings: EntrySettings): string {
  return `${settings.defaultCountry}|${settings.phoneFormat}`;
}

/**
 * Turns changed people into entries. Only the phones a changed person had or has are rebuilt, each
 * from every person sharing it, so the cost follows the change and shared phones stay right.
 */
export async function projectEntries(ctx: PhaseContext): Promise<void> {
  const { db, settings } = ctx;
  const key = projectionKey(settings);
  if ((await getMeta(db, 'projectionKey')) !== key) {
    await db.transaction('rw', db.people, db.meta, async () => {
      await db.people.toCollection().modify({ dirty: 1 });
      await setMeta(db, 'projectionKey', key);
    });
  }
  const total = await db.people.where('dirty').equals(1).count();
  let done = 0;
  for (;;) {
    checkpoint(ctx);
    const chunk = await db.people.where('dirty').equals(1).limit(CHUNK).toArray();
    if (chunk.length === 0) return;
    await db.transaction('rw', [db.people, db.entries, db.skipped, db.meta], () =>
      projectChunk(ctx, chunk),
    );
    done += chunk.length;
    ctx.progress({ phase: 'project', done, total });
  }
}

async function projectChunk(ctx: PhaseContext, chunk: PersonRow[]): Promise<void> {
  const { db, settings } = ctx;
  const affected = new Set<string>();
  // Projections of this chunk, reused below when these people turn out to share a phone.
  const projections = new Map<string, ProjectedPhone[]>();
  const kept: PersonRow[] = [];
  const gone: string[] = [];
  const skipped: SkippedRow[] = [];
  for (const person of chunk) {
    person.projected.forEach((phone) => affected.add(phone));
    if (person.deleted) {
      gone.push(person.resourceName);
      continue;
    }
    const projection = projectPhones(person, settings);
    projections.set(person.resourceName, projection.phones);
    projection.phones.forEach((p) => affected.add(p.phone));
    skipped.push(...projection.skipped);
    kept.push({ ...person, projected: projection.phones.map((p) => p.phone), dirty: 0 });
  }
  // One query per chunk, not per person or phone: index lookups are the cost here.
  await db.skipped
    .where('resourceName')
    .anyOf(chunk.map((p) => p.resourceName))
    .delete();
  await db.skipped.bulkPut(skipped);
  await db.people.bulkDelete(gone);
  await db.people.bulkPut(kept);

  const phones = [...affected];
  const sharers = await db.people.where('projected').anyOf(phones).distinct().toArray();
  const candidates = new Map<string, { resourceName: string; name: string }[]>();
  for (const sharer of sharers) {
    if (sharer.deleted) continue;
    let projected = projections.get(sharer.resourceName);
    if (!projected) {
      projected = projectPhones(sharer, settings).phones;
      projections.set(sharer.resourceName, projected);
    }
    for (const { phone, name } of projected) {
      if (!affected.has(phone)) continue;
      const list = candidates.get(phone) ?? [];
      list.push({ resourceName: sharer.resourceName, name });
      candidates.set(phone, list);
    }
  }
  const entries: EntryRow[] = [];
  for (const [phone, list] of candidates) {
    const resourceNames = [...new Set(list.map((c) => c.resourceName))].sort();
    entries.push({ phone, name: chooseName(list), resourceNames });
  }
  const removed = phones.filter((phone) => !candidates.has(phone));
  await db.entries.bulkDelete(removed);
  await db.entries.bulkPut(entries);
  if (removed.length > 0 || entries.length > 0) await deleteMeta(db, 'outboxClean');
}
