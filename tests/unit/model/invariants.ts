// One sync, and everything that must hold around it:
// - `run()` resolves, never rejects; a failure is a recorded run with its error; the lease is
//   released; every earlier run is closed (an interrupted one by the run that followed);
// - the popup's view of the registered users (one row) is the table's, however the run ended;
// - a completed sync leaves the server book equal to the projection of Google (bookProblems);
// - cost follows change: nothing changed since the last completed sync -> nothing uploaded, and
//   never more than what differs plus what was in doubt (uploadBound);
// - a run that meets more failures than the client retries fails;
// - a completed sync does not show again a join that an earlier completed sync showed (a stopped
//   one may: it shows again under the same id, which replaces the notification);
// - a forced batch (re-upload of the own book) whose answer is in doubt is the first upload of
//   the next run, forced again: anything sent before it would be wiped by it.
// A run resuming a listing that Google changed under may miss those changes (Google delivers them
// with the next sync token): the book and cost checks wait for the next completed sync.

import { ackedTotals } from '@/lib/db/acked-store';
import { readBookState } from '@/lib/db/book-state';
import { getMeta } from '@/lib/db/meta';
import { LOOSE_FROM } from '@/lib/db/packed-store';
import type { AckedCounts } from '@/lib/db/schema';
import { sortForPopup } from '@/lib/db/users-view';
import type { RunOutcome } from '@/lib/sync/engine';
import { fail, type Real } from './command.ts';
import { bookProblems, expectedEntries, uploadBound } from './expected.ts';
import { count } from './tracker.ts';
import { RETRIES } from './world.ts';

interface Upload {
  udid?: string;
  force?: number | boolean;
  contacts: { phone: string }[];
}

/** The address-book uploads logged since `from`, in order. */
function uploadsSince(real: Real, from: number): Upload[] {
  return real.world.cube.log.entries
    .slice(from)
    .filter((e) => e.method === 'POST' && e.path === '/address_book')
    .map((e) => e.body as Upload);
}

/**
 * Entries (book and phone) sent in the address-book uploads logged since `from`. Counted once
 * however often they went: a retried request, or a resent batch whose entry is then destroyed.
 */
function sentSince(real: Real, from: number): number {
  const sent = new Set<string>();
  for (const body of uploadsSince(real, from)) {
    for (const c of body.contacts) sent.add(`${body.udid ?? 'global'} ${c.phone}`);
  }
  return sent.size;
}

/**
 * The run asked for profiles (`GET /users/v2`) and the server never gave them: the check went on
 * without (lib/sync/registered.ts). The client stops at a page that fails, so the last is it.
 */
function profilesFailedSince(real: Real, from: number): boolean {
  const asked = real.world.cube.log.entries
    .slice(from)
    .filter((e) => e.method === 'GET' && e.path === '/users/v2');
  const last = asked[asked.length - 1];
  return last !== undefined && last.status !== 200;
}

/** A run's own record: a row with its error when it failed, the lease released, none left open. */
export async function recordProblems(real: Real, outcome: RunOutcome): Promise<string[]> {
  const { db } = real.world.current;
  const problems: string[] = [];
  if (outcome.status === 'ok' || outcome.status === 'failed') {
    const row = await db.runs.get(outcome.runId);
    if (!row) problems.push(`run ${outcome.runId} not recorded`);
    else if (outcome.status === 'ok' && (row.status !== 'ok' || row.phase !== 'done'))
      problems.push(`ok run recorded as ${JSON.stringify(row)}`);
    else if (
      outcome.status === 'failed' &&
      (row.status !== 'failed' || JSON.stringify(row.error) !== JSON.stringify(outcome.error))
    )
      problems.push(`failed run recorded as ${JSON.stringify(row)}`);
    const open = await db.runs.filter((r) => r.status === 'running').toArray();
    if (open.length > 0) problems.push(`runs left open: ${open.map((r) => r.id).join(', ')}`);
    if (await getMeta(db, 'lock')) problems.push('the lease was not released');
  }
  // Whatever stopped the run, the popup's one-row view of the users is the table's.
  const view = await getMeta(db, 'usersView');
  const users = JSON.stringify(sortForPopup(await db.registered.toArray()));
  if (view !== undefined && view !== users) problems.push(`users view ${view}, table ${users}`);
  if (view === undefined && (await db.registered.count()) > 0)
    problems.push('registered users without their view');
  // And the row of counts the status reads is the buckets' own.
  const sorted = (counts: AckedCounts) =>
    JSON.stringify(
      Object.entries(counts)
        .map(([book, states]) => [book, Object.entries(states).sort()] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  const counts = sorted(await db.acked.counts());
  const tallied = sorted(ackedTotals(await db.acked.toArray()).counts);
  if (counts !== tallied) problems.push(`acknowledgement counts ${counts}, rows ${tallied}`);
  // The people's and entries' counts rows are their buckets' own too; a person is stored once.
  const people = await db.people.toArray();
  const names = new Set(people.map((p) => p.resourceName));
  if (names.size !== people.length)
    problems.push(`${people.length - names.size} people stored twice`);
  for (const source of ['contact', 'other'] as const) {
    const n = people.filter((p) => p.source === source).length;
    if ((await db.people.count(source)) !== n)
      problems.push(`${source} people counted ${await db.people.count(source)}, stored ${n}`);
  }
  const skipped = (await db.skipped.toArray()).reduce((n, p) => n + p.phones.length, 0);
  if ((await db.skipped.count()) !== skipped)
    problems.push(`skipped numbers counted ${await db.skipped.count()}, stored ${skipped}`);
  const entries = await db.entries.toArray();
  if ((await db.entries.count()) !== entries.length)
    problems.push(`entries counted ${await db.entries.count()}, stored ${entries.length}`);
  // Pages appended whole are sorted into their buckets when their listing ends.
  const loose =
    (await db.peopleBuckets.where(':id').aboveOrEqual(LOOSE_FROM).count()) +
    (await db.skippedBuckets.where(':id').aboveOrEqual(LOOSE_FROM).count());
  const listing = (await getMeta(db, 'listing:contact')) ?? (await getMeta(db, 'listing:other'));
  if (loose > 0 && !listing) problems.push(`${loose} loose pages of people without a listing`);
  return problems;
}

/** `run()` must resolve: a rejection is a failure of the test, with the error. */
export async function settled(run: Promise<RunOutcome>): Promise<RunOutcome> {
  try {
    const outcome = await run;
    count(`run ${outcome.status}`);
    return outcome;
  } catch (error) {
    throw new Error(`engine.run() rejected: ${String(error)}`, { cause: error });
  }
}

export interface RunStart {
  from: number;
  shown: number;
  /** Most entries the run may send (Infinity: not checked). */
  bound: number;
  quiet: boolean;
  peopleFaults: number;
  /** The run resumes a listing Google changed since it began: it may miss those changes. */
  resumesStale: boolean;
  /** Notifications were on in the settings the run reads. */
  notifications: boolean;
  /** The contacts of a forced batch in doubt, which must be resent first. */
  forced?: string[];
}

/** What a run is judged against, taken before it starts. */
export async function beginRun(real: Real): Promise<RunStart> {
  const { world, tracker } = real;
  const { db } = world.current;
  const inflight = await db.inflight.toArray();
  const inDoubt = new Set(inflight.flatMap((b) => b.contacts.map((c) => `${b.book} ${c.phone}`)));
  // Google hands out the snapshot of a listing with its first page; later changes to people
  // already listed come with the next sync token, i.e. at the next sync. (The change sequence is
  // shared by both sources: a change to either makes a resumed listing of both count as stale.)
  const seq = world.google.changeSeq;
  for (const source of ['contact', 'other'] as const) {
    const cursor = await getMeta(db, `listing:${source}`);
    if (!cursor || cursor.pages === 0) tracker.listingSeq[source] = seq;
  }
  const stale =
    tracker.listingSeq.contact !== seq ||
    (world.settings.includeOther && tracker.listingSeq.other !== seq);
  const peopleFaults = world.google.faults.list().reduce((n, rule) => n + rule.faults.length, 0);
  // A re-upload may send every entry again, once.
  const again = tracker.reupload ? expectedEntries(world).size : 0;
  const forced = inflight.find((b) => b.force);
  return {
    from: world.cube.log.entries.length,
    shown: world.shown.length,
    bound: uploadBound(world, inDoubt.size) + again,
    quiet: !tracker.changed && inflight.length === 0,
    peopleFaults,
    resumesStale: stale,
    notifications: world.settings.notifications,
    ...(forced ? { forced: forced.contacts.map((c) => c.phone) } : {}),
  };
}

/** Checks a finished run against its start; the tracker learns whether it completed. */
export async function endRun(real: Real, start: RunStart, outcome: RunOutcome): Promise<void> {
  const { world, tracker } = real;
  const problems = await recordProblems(real, outcome);
  if (start.peopleFaults > RETRIES && outcome.status === 'ok')
    problems.push(`ok despite ${start.peopleFaults} failures of the People API queued`);
  const sent = sentSince(real, start.from);
  const uploads = uploadsSince(real, start.from);
  if (uploads.length > 1) count('run with several upload batches');
  if (!start.notifications) count(`run ${outcome.status} with notifications off`);
  if (world.settings.includeOther && world.google.listOtherContacts().length > 0)
    count(`run ${outcome.status} including other contacts`);
  const first = uploads[0];
  if (start.forced && first) {
    count('forced batch in doubt, resent');
    const phones = first.contacts.map((c) => c.phone);
    if (!first.force || JSON.stringify(phones) !== JSON.stringify(start.forced))
      problems.push(`a forced batch in doubt was not resent first: sent ${JSON.stringify(first)}`);
  }
  const profilesFailed = profilesFailedSince(real, start.from);
  problems.push(
    ...(await tracker.ran(world, start.notifications, outcome.status === 'ok', profilesFailed)),
  );
  // A stale listing may bring back what Google has changed since: its cost is the next sync's too.
  if (sent > start.bound && !start.resumesStale)
    problems.push(`uploaded ${sent} entries, at most ${start.bound} changed`);
  const exact = outcome.status === 'ok' && !start.resumesStale;
  if (outcome.status === 'ok') {
    problems.push(...tracker.reshown(world.shown.slice(start.shown)));
    // Nobody marks a join seen here: the badge counts joins, each of them shown (or recorded
    // while notifications were off).
    const bound = tracker.badgeBound(world);
    if (world.badge > bound) problems.push(`badge ${world.badge}, but ${bound} joins shown`);
  }
  if (exact) {
    problems.push(...bookProblems(world));
    if (start.quiet && sent > 0) problems.push(`nothing changed, yet ${sent} entries uploaded`);
  } else if (outcome.status === 'ok') {
    count('ok run that resumed a listing Google changed under');
  }
  fail(`sync ended ${outcome.status}`, problems);
  if (outcome.status === 'ok') {
    tracker.settle(world, exact);
    // An own book's re-upload waits in `meta` until it is forced through (maybe in a later run).
    tracker.reupload = (await readBookState(world.current.db)).ownBook === 'reupload-requested';
  } else tracker.changed = true;
}

/** Runs one sync (with `signal`, for the kill switch) and checks it. */
export async function checkedRun(real: Real, signal?: AbortSignal): Promise<RunOutcome> {
  const start = await beginRun(real);
  const outcome = await settled(real.world.run(signal));
  await endRun(real, start, outcome);
  return outcome;
}
