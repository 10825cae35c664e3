import { chooseName, projectPhones } from '../contacts/entries.ts';
import type { EntrySettings } from '../contacts/types.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import type { EntryRow, PersonRow } from '../db/schema.ts';
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
    await db.transaction('rw', db.people, db.entries, db.skipped, () => projectChunk(ctx, chunk));
    done += chunk.length;
    ctx.progress({ phase: 'project', done, total });
  }
}

async function projectChunk(ctx: PhaseContext, chunk: PersonRow[]): Promise<void> {
  const { db, settings } = ctx;
  const affected = new Set<string>();
  for (const person of chunk) {
    person.projected.forEach((phone) => affected.add(phone));
    await db.skipped.where('resourceName').equals(person.resourceName).delete();
    if (person.deleted) {
      await db.people.delete(person.resourceName);
      continue;
    }
    const { phones, skipped } = projectPhones(person, settings);
    phones.forEach((p) => affected.add(p.phone));
    await db.skipped.bulkPut(
      skipped.map((s) => ({
        resourceName: s.resourceName,
        raw: s.raw,
        name: s.name,
        reason: s.reason,
        detail: s.detail,
      })),
    );
    await db.people.put({ ...person, projected: phones.map((p) => p.phone), dirty: 0 });
  }
  const removals: string[] = [];
  const entries: EntryRow[] = [];
  for (const phone of affected) {
    const sharers = await db.people
      .where('projected')
      .equals(phone)
      .filter((p) => p.deleted === 0)
      .toArray();
    const candidates = sharers.flatMap((p) =>
      projectPhones(p, settings)
        .phones.filter((e) => e.phone === phone)
        .map((e) => ({ resourceName: p.resourceName, name: e.name })),
    );
    if (candidates.length === 0) {
      removals.push(phone);
      continue;
    }
    const resourceNames = [...new Set(candidates.map((c) => c.resourceName))].sort();
    entries.push({ phone, name: chooseName(candidates), resourceNames });
  }
  await db.entries.bulkDelete(removals);
  await db.entries.bulkPut(entries);
}
