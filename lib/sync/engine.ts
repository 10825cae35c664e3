import type { CubeDb, Phase, PhaseTimes, RunCounts, RunEnd, RunRow } from '../db/schema.ts';
import type { RunOutcome } from '../domain/run.ts';
import { getMeta, setMeta, deleteMeta } from '../db/meta.ts';
import { checkpoint, type PhaseContext } from './context.ts';
import { dropSource, importSource } from './import-people.ts';
import { projectEntries } from './project.ts';
import type {
  AddressBookPort,
  Clock,
  NotifierPort,
  PeoplePort,
  Progress,
  SyncSettings,
} from './ports.ts';
import { checkRegistered, notifyJoins } from './registered.ts';
import { BATCH_SIZE } from './outbox.ts';
import { inspectBook } from './repair.ts';
import { removeAllPhase, uploadPhase } from './upload.ts';
import { toRunError } from './errors.ts';
import { bindDestination } from './destination.ts';
import { bindPeople } from './people-account.ts';
import type { Trigger } from '../domain/triggers.ts';
import { createRunQueue, type Job, type RunMode } from './run-queue.ts';

/** Runs kept in the history; older ones are dropped. */
export const MAX_RUNS = 50;

export interface EngineDeps {
  db: CubeDb;
  people: PeoplePort;
  cube: AddressBookPort;
  notifier: NotifierPort;
  clock: Clock;
  settings(): Promise<SyncSettings>;
  onProgress?(progress: Progress | null): void;
  newId?(): string;
  /** Identifies this worker's lifetime; a lease held by another owner belongs to a stopped worker. */
  owner?: string;
  /** Contacts per upload request; BATCH_SIZE unless a test wants many small batches. */
  batchSize?: number;
}

export type { RunOutcome };

export type { RunMode };

interface RunJob extends Job {
  readonly trigger: Trigger;
}

export interface Engine {
  /**
   * One run at a time (run-queue.ts): a call while a run is going joins it or waits its turn.
   * 'remove' empties what the extension uploaded instead of syncing.
   */
  run(trigger: Trigger, signal?: AbortSignal, mode?: RunMode): Promise<RunOutcome>;
  /**
   * Stops the run going on (and drops the one queued after it), and resolves once it has ended:
   * after this nothing the run does can write to the database or reach a server.
   */
  stop(): Promise<void>;
  readonly running: boolean;
}

/** A run's counts before it has done anything. */
export const emptyCounts = (): RunCounts => ({
  imported: 0,
  created: 0,
  updated: 0,
  deleted: 0,
  rejected: 0,
  joins: 0,
  requests: 0,
});

/**
 * Takes the lease in `meta`. Only one background context runs at a time, so a lease held by another
 * owner means the worker that held it was stopped mid-run: its run is closed as interrupted and this
 * run resumes from the checkpoints it left.
 */
async function takeLease(db: CubeDb, owner: string, run: RunRow): Promise<number> {
  return db.transaction('rw', db.meta, db.runs, async () => {
    const lease = await getMeta(db, 'lock');
    if (lease) {
      const old = await db.runs.get(lease.runId);
      if (old?.status === 'running') {
        const closed: RunRow = { ...old, status: 'interrupted', endedAt: run.startedAt };
        await db.runs.put(closed);
      }
    }
    const runId = (await db.runs.add(run)) as number;
    await setMeta(db, 'lock', { owner, runId });
    const ids = await db.runs.orderBy('id').primaryKeys();
    if (ids.length > MAX_RUNS) await db.runs.bulkDelete(ids.slice(0, ids.length - MAX_RUNS));
    return runId;
  });
}

export function createEngine(deps: EngineDeps): Engine {
  const owner = deps.owner ?? crypto.randomUUID();
  const newId = deps.newId ?? (() => crypto.randomUUID());

  async function execute(
    trigger: Trigger,
    signal: AbortSignal,
    mode: RunMode,
    settled: () => void,
  ): Promise<RunOutcome> {
    const { db } = deps;
    const counts = emptyCounts();
    const run: RunRow = {
      startedAt: deps.clock.now(),
      phase: 'import',
      counts,
      trigger,
      status: 'running',
    };
    let runId: number;
    try {
      runId = await takeLease(db, owner, run);
    } catch (error) {
      if (signal.aborted) return { status: 'stopped' };
      // The database refused even the run record: report it (run() never rejects); runId 0 = none.
      return { status: 'failed', runId: 0, counts, error: toRunError(error) };
    }
    // Where the time goes, phase by phase (Activity and the bench read it).
    const phaseMs: PhaseTimes = {};
    let phaseNow: Phase = 'import';
    let since = run.startedAt;
    const lap = (): PhaseTimes => {
      const now = deps.clock.now();
      if (phaseNow !== 'done') phaseMs[phaseNow] = (phaseMs[phaseNow] ?? 0) + (now - since);
      since = now;
      return { ...phaseMs };
    };
    const setPhase = async (phase: Phase): Promise<void> => {
      checkpoint({ signal });
      const times = lap();
      phaseNow = phase;
      await db.runs.update(runId, { phase, counts: { ...counts }, phaseMs: times });
    };
    const complete = async (): Promise<RunOutcome> => {
      const phaseTimes = lap();
      await finish(runId, {
        phase: 'done',
        counts: { ...counts },
        phaseMs: phaseTimes,
        status: 'ok',
        endedAt: deps.clock.now(),
      });
      return { status: 'ok', runId, counts };
    };
    try {
      const settings = await deps.settings();
      // From here on the run works with what it read: a later ask needs a run of its own.
      settled();
      const ctx: PhaseContext = {
        db,
        people: deps.people,
        cube: deps.cube,
        notifier: deps.notifier,
        clock: deps.clock,
        settings,
        counts,
        signal,
        newId,
        batchSize: deps.batchSize ?? BATCH_SIZE,
        progress: (p) => deps.onProgress?.(p),
      };
      if (mode === 'remove') {
        await setPhase('upload');
        await removeAllPhase(ctx);
        return await complete();
      }
      // Before anything is imported onto them: the local contacts are the connected account's.
      if (settings.google) await bindPeople(db, settings.google);
      await importSource(ctx, 'contact');
      if (settings.includeOther) await importSource(ctx, 'other');
      else if ((await db.people.count('other')) > 0) await dropSource(ctx, 'other');
      await setPhase('project');
      await projectEntries(ctx);
      if (settings.consented) {
        // What the extension believes a server holds is about one account's book: another account
        // (or app, or server) starts from nothing, so its first upload is complete.
        await bindDestination(db, settings.destination);
        await setPhase('upload');
        if (mode === 'repair') await inspectBook(ctx);
        await uploadPhase(ctx);
        await setPhase('registered');
        await checkRegistered(ctx);
        await setPhase('notify');
        await notifyJoins(ctx);
      }
      return await complete();
    } catch (error) {
      if (signal.aborted) return { status: 'stopped' };
      const runError = toRunError(error);
      try {
        await finish(runId, {
          counts: { ...counts },
          status: 'failed',
          endedAt: deps.clock.now(),
          error: runError,
        });
      } catch {
        // Recording the failure failed too (the worker is being stopped, the database is going):
        // the run stays open for the next lease to close, and run() still never rejects.
      }
      if (signal.aborted) return { status: 'stopped' };
      return { status: 'failed', runId, counts, error: runError };
    } finally {
      deps.onProgress?.(null);
    }
  }

  /** Closes the run with how it ended, and gives the lease back. */
  async function finish(
    runId: number,
    changes: Pick<RunRow, 'counts'> & Partial<Pick<RunRow, 'phase' | 'phaseMs'>> & RunEnd,
  ): Promise<void> {
    const { db } = deps;
    await db.transaction('rw', db.runs, db.meta, async () => {
      await db.runs.update(runId, changes);
      const lease = await getMeta(db, 'lock');
      if (lease?.owner === owner) await deleteMeta(db, 'lock');
    });
  }

  const queue = createRunQueue<RunJob, RunOutcome>(
    (job, signal, settled) => execute(job.trigger, signal, job.mode, settled),
    { status: 'stopped' },
  );
  return {
    run: (trigger, signal = new AbortController().signal, mode = 'sync') =>
      queue.ask({ trigger, signal, mode }),
    stop: () => queue.stop(),
    get running() {
      return queue.state !== 'idle';
    },
  };
}
