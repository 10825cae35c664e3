import type { CubeDb, RunCounts } from '../db/schema.ts';
import type {
  AddressBookPort,
  Clock,
  NotifierPort,
  PeoplePort,
  Progress,
  SyncSettings,
} from './ports.ts';

/** Everything a phase needs: the ports, the settings of this run, and where to count. */
export interface PhaseContext {
  db: CubeDb;
  people: PeoplePort;
  cube: AddressBookPort;
  notifier: NotifierPort;
  clock: Clock;
  settings: SyncSettings;
  counts: RunCounts;
  signal: AbortSignal;
  progress(progress: Progress): void;
  /** A fresh id (listings, batches); injected so tests are deterministic. */
  newId(): string;
  /** Contacts per upload request (BATCH_SIZE; tests make it tiny so uploads span many batches). */
  batchSize: number;
}

/** Throws the abort reason when the run was stopped: called after every await that does I/O. */
export function checkpoint(ctx: Pick<PhaseContext, 'signal'>): void {
  ctx.signal.throwIfAborted();
}

/** Items a server sent malformed were dropped: the run record says how many. */
export function countDropped(ctx: Pick<PhaseContext, 'counts'>, dropped: number): void {
  if (dropped > 0) ctx.counts.dropped = (ctx.counts.dropped ?? 0) + dropped;
}
