import { projectPhones } from '../contacts/entries.ts';
import { projectionKey } from './project.ts';

import { getMeta, setMeta, deleteMeta, type ListingCursor } from '../db/meta.ts';
import { skippedByPerson, type PersonRow, type SkippedRow } from '../db/schema.ts';
import { noteChanged } from './changes.ts';
import { checkpoint, countDropped, type PhaseContext } from './context.ts';
import { describeError } from './errors.ts';
import { PageReader, type ListedPage } from './people-pages.ts';
import { ListingExpiredError, PageTokenRejectedError, type PeopleSource } from './ports.ts';

/** Pages of 1,000: four times Google's limit of 25,000 contacts. A longer listing is a loop. */
export const MAX_PAGES = 100;

/** A listing Google makes start over more than once in one run is left to the next run. */
const MAX_RESTARTS = 1;

/** A listing that would not end (a repeated page token, no end in sight, restarts): stopped. */
export class ListingRunawayError extends Error {
  override name = 'ListingRunawayError';
}

async function freshCursor(
  ctx: PhaseContext,
  source: PeopleSource,
  syncToken: string | undefined,
): Promise<ListingCursor> {
  if (syncToken) return { mode: 'incremental', listingId: ctx.newId(), syncToken, pages: 0 };
  const fresh = (await ctx.db.people.count(source)) === 0;
  // A first listing into an empty source has nobody to miss at its end: it keeps no `seen` (25,000
  // names rewritten with the cursor after every page).
  return { mode: 'full', listingId: ctx.newId(), pages: 0, ...(fresh ? { fresh } : { seen: [] }) };
}

/**
 * What a page changes: the rows to write, the people to forget, and, for the projection, who changed
 * and which phones they had or have. A changed person is projected once, with the page (a first
 * listing's page read ahead comes projected: lib/sync/people-pages.ts).
 */
interface PageChanges {
  rows: PersonRow[];
  removed: string[];
  changed: string[];
  phones: Set<string>;
  skipped: SkippedRow[];
}

function emptyChanges(): PageChanges {
  return { rows: [], removed: [], changed: [], phones: new Set(), skipped: [] };
}

/** A person leaves: its phones are touched, its row and its skipped numbers go. */
function forget(changes: PageChanges, old: PersonRow): void {
  changes.removed.push(old.resourceName);
  changes.changed.push(old.resourceName);
  old.claims?.forEach((c) => changes.phones.add(c.phone));
}

/**
 * `fresh`: a page of a first listing, whose people are all new: one loose chunk, sorted into the
 * buckets when the listing ends (lib/db/packed-store.ts), and no skipped number of theirs to clear.
 */
async function writeChanges(ctx: PhaseContext, changes: PageChanges, fresh = false): Promise<void> {
  const { db } = ctx;
  const append = fresh && changes.removed.length === 0;
  if (append) await db.people.append(changes.rows);
  else await db.people.write({ put: changes.rows, remove: changes.removed });
  if (changes.changed.length > 0) {
    const skipped = skippedByPerson(changes.skipped);
    if (append) {
      await db.skipped.append(skipped);
    } else {
      const still = new Set(skipped.map((s) => s.resourceName));
      const cleared = changes.changed.filter((name) => !still.has(name));
      await db.skipped.write({ put: skipped, remove: cleared });
    }
  }
  await noteChanged(db, changes.changed, changes.phones);
}

/**
 * Keeps `claimsKey` true (lib/sync/project.ts): the first page of a first listing into an empty
 * table starts it with these settings; claims written under other settings than it names make it
 * unknown, so the projection computes every person's again.
 */
async function noteClaimsKey(
  ctx: PhaseContext,
  cursor: ListingCursor,
  writes: boolean,
): Promise<void> {
  const { db } = ctx;
  const key = projectionKey(ctx.settings);
  if (cursor.fresh && cursor.pages === 0 && (await db.people.count()) === 0) {
    await setMeta(db, 'claimsKey', key);
    return;
  }
  if (writes && (await getMeta(db, 'claimsKey')) !== key) await deleteMeta(db, 'claimsKey');
}

/**
 * The stored people, read once for a whole full listing that compares with them: its every page
 * holds ~1,000 people spread over every bucket, so reading theirs page by page would read the whole
 * table 25 times for 25,000 contacts. Kept true by the pages' writes for the whole import of the
 * source (a listing restarted within it included); a failed write ends the import, and the memo
 * with it.
 */
type KnownPeople = Map<string, PersonRow>;

/**
 * Writes one page and the cursor that follows it in one transaction, so a restart resumes here.
 * `memo`: the full listing's KnownPeople, filled at its first page. A page read ahead may come with
 * its people projected (lib/sync/people-pages.ts).
 */
async function applyPage(
  ctx: PhaseContext,
  source: PeopleSource,
  cursor: ListingCursor,
  { page, projections }: ListedPage,
  memo: { known?: KnownPeople },
): Promise<ListingCursor | undefined> {
  const { db } = ctx;
  return db.transaction('rw', [db.peopleBuckets, db.skippedBuckets, db.meta], async () => {
    const names = page.people.map((c) =>
      c.kind === 'person' ? c.person.resourceName : c.resourceName,
    );
    // A first listing has nobody to compare with: reading a page's worth of nothing costs as much.
    // Another full listing compares every page with the memo; an incremental one reads the few
    // people it names.
    if (cursor.seen && !memo.known)
      memo.known = new Map((await db.people.toArray()).map((p) => [p.resourceName, p]));
    const existing: KnownPeople = cursor.fresh
      ? new Map()
      : (memo.known ??
        new Map((await db.people.bulkGet(names)).flatMap((p) => (p ? [[p.resourceName, p]] : []))));
    const changes = emptyChanges();
    for (const change of page.people) {
      if (change.kind === 'deleted') {
        const old = existing.get(change.resourceName);
        if (old) {
          forget(changes, old);
          ctx.counts.imported += 1;
        }
        continue;
      }
      const { person } = change;
      const old = existing.get(person.resourceName);
      // Unchanged (same etag): nothing to write.
      if (old?.claims && old.etag === person.etag) continue;
      const projection =
        projections?.get(person.resourceName) ?? projectPhones(person, ctx.settings);
      changes.skipped.push(...projection.skipped);
      changes.changed.push(person.resourceName);
      old?.claims?.forEach((c) => changes.phones.add(c.phone));
      projection.phones.forEach((c) => changes.phones.add(c.phone));
      changes.rows.push({ ...person, source, claims: projection.phones });
      ctx.counts.imported += 1;
    }
    const seen = cursor.seen ? [...cursor.seen, ...names] : undefined;
    if (!page.nextPageToken && seen) {
      // A full listing is the truth: whoever it did not return was deleted while we were away.
      const returned = new Set(seen);
      // A listing that keeps `seen` has the memo (filled above); the read is its safe default.
      const gone = memo.known
        ? [...memo.known.values()].filter((p) => p.source === source)
        : await db.people.inGroup(source);
      let deleted = 0;
      for (const old of gone) {
        if (returned.has(old.resourceName)) continue;
        forget(changes, old);
        deleted += 1;
      }
      ctx.counts.imported += deleted;
    }
    await noteClaimsKey(ctx, cursor, changes.rows.length > 0);
    await writeChanges(ctx, changes, cursor.fresh);
    if (memo.known) {
      for (const name of changes.removed) memo.known.delete(name);
      for (const row of changes.rows) memo.known.set(row.resourceName, row);
    }
    if (page.nextPageToken) {
      const next: ListingCursor = {
        ...cursor,
        pageToken: page.nextPageToken,
        pages: cursor.pages + 1,
        ...(seen ? { seen } : {}),
      };
      await setMeta(db, `listing:${source}`, next);
      return next;
    }
    // The listing is whole: its loose pages go into their buckets, where later changes find them.
    await db.people.compact();
    await db.skipped.compact();
    if (page.nextSyncToken) await setMeta(db, `syncToken:${source}`, page.nextSyncToken);
    else await deleteMeta(db, `syncToken:${source}`);
    await deleteMeta(db, `listing:${source}`);
    return undefined;
  });
}

/**
 * Imports one source (contacts or other contacts) page by page: incremental from the stored sync
 * token, or a full listing. Resumes an unfinished listing from its stored page token.
 */
export async function importSource(ctx: PhaseContext, source: PeopleSource): Promise<void> {
  const { db } = ctx;
  let cursor =
    (await getMeta(db, `listing:${source}`)) ??
    (await freshCursor(ctx, source, await getMeta(db, `syncToken:${source}`)));
  await setMeta(db, `listing:${source}`, cursor);
  let restarts = 0;
  const tokens = new Set<string>();
  const pages = new PageReader(ctx, source);
  const memo: { known?: KnownPeople } = {};
  for (;;) {
    let listed: ListedPage;
    try {
      listed = await pages.read(cursor);
    } catch (error) {
      checkpoint(ctx);
      const restart =
        error instanceof ListingExpiredError || error instanceof PageTokenRejectedError;
      if (restart && ++restarts > MAX_RESTARTS)
        throw new ListingRunawayError(
          `Google People API asked again to restart the listing (${describeError(error)}); the next sync tries again`,
        );
      if (error instanceof ListingExpiredError) {
        // Google's 400 EXPIRED_SYNC_TOKEN: the only way back is a full listing that also finds deletions.
        cursor = await freshCursor(ctx, source, undefined);
      } else if (error instanceof PageTokenRejectedError && cursor.pageToken) {
        cursor = await freshCursor(ctx, source, cursor.syncToken);
      } else {
        throw error;
      }
      await deleteMeta(db, `syncToken:${source}`);
      await setMeta(db, `listing:${source}`, cursor);
      continue;
    }
    checkpoint(ctx);
    const { page } = listed;
    const token = page.nextPageToken;
    if (token !== undefined) {
      const runaway =
        token === cursor.pageToken || tokens.has(token)
          ? 'Google People API sent the nextPageToken of a page already read; the listing stopped'
          : cursor.pages + 1 >= MAX_PAGES
            ? `Google People API listed more than ${MAX_PAGES} pages; the listing stopped`
            : undefined;
      if (runaway) {
        // The page token is not trusted any more: resumed, it would end a listing taken before the
        // server's trouble (missing what changed since) or run into the same loop. The next run
        // lists afresh (from the sync token, if this listing was incremental).
        await db.transaction('rw', [db.meta, db.peopleBuckets, db.skippedBuckets], async () => {
          await deleteMeta(db, `listing:${source}`);
          // Its loose pages are sorted in now: the listing they wait for will not end.
          await db.people.compact();
          await db.skipped.compact();
        });
        throw new ListingRunawayError(runaway);
      }
      tokens.add(token);
      pages.askAhead(cursor, token);
    }
    countDropped(ctx, page.dropped);
    const next = await applyPage(ctx, source, cursor, listed, memo);
    ctx.progress({
      phase: 'import',
      done: ctx.counts.imported,
      ...(page.totalItems ? { total: page.totalItems } : {}),
    });
    if (!next) return;
    cursor = next;
  }
}

/** When "Other contacts" is turned off, the people it brought are forgotten (and their entries). */
export async function dropSource(ctx: PhaseContext, source: PeopleSource): Promise<void> {
  const { db } = ctx;
  await db.transaction('rw', [db.peopleBuckets, db.skippedBuckets, db.meta], async () => {
    const changes = emptyChanges();
    for (const old of await db.people.inGroup(source)) forget(changes, old);
    await writeChanges(ctx, changes);
    await deleteMeta(db, `syncToken:${source}`);
    await deleteMeta(db, `listing:${source}`);
  });
}
