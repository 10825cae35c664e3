// The words of a run that the database, the engine, the protocol and the pages share: no imports
// beyond lib/domain, so any layer may use them.
import type { RunError } from './errors.ts';

/** What a run did, counted as it goes (stored with the run, shown in Activity). */
export interface RunCounts {
  imported: number;
  created: number;
  updated: number;
  deleted: number;
  rejected: number;
  joins: number;
  requests: number;
  /** Items a server sent malformed: dropped, never stored (absent in runs of older versions). */
  dropped?: number;
  /** "Check and repair": how the server's book differed from what the extension believed. */
  drift?: { missing: number; renamed: number; extra: number };
}

/** How far the phase going on is (the popup's progress bar). */
export interface Progress {
  phase: 'import' | 'project' | 'upload' | 'registered' | 'notify';
  done: number;
  total?: number;
}

/** How an ask for a run ended (the answer to "Sync now", "Check and repair", …). */
export type RunOutcome =
  | { status: 'ok'; runId: number; counts: RunCounts }
  /** `error`: as the run record's, so a button's error reads as the run's (lib/run-error-text.ts). */
  | { status: 'failed'; runId: number; counts: RunCounts; error: RunError }
  | { status: 'stopped' }
  /** Nothing to do yet: an account is missing or needs the user. */
  | { status: 'not-ready'; reason: 'google' | 'google-reconnect' | 'cube-sign-in' };

/** The phases of a run, in order; `done` once it has gone through them all. */
export type Phase = 'import' | 'project' | 'upload' | 'registered' | 'notify' | 'done';

/** Milliseconds spent in each phase of a run. */
export type PhaseTimes = Partial<Record<Exclude<Phase, 'done'>, number>>;

interface RunBase {
  id?: number;
  startedAt: number;
  phase: Phase;
  counts: RunCounts;
  phaseMs?: PhaseTimes;
  trigger: string;
}

/**
 * How a run ended, or that it has not:
 * - `running`: going on (or its worker stopped; the next run's lease closes it as interrupted),
 * - `ok`: it did all it had to,
 * - `failed`: `error` says why and what fixes it (the retry schedule counts it),
 * - `interrupted`: the browser stopped the worker mid-run; the next run resumed from its
 *   checkpoints. Not a failure: the retry schedule does not count it.
 */
export type RunEnd =
  | { status: 'running' }
  | { status: 'ok'; endedAt: number }
  | { status: 'failed'; endedAt: number; error: RunError }
  | { status: 'interrupted'; endedAt: number };

export type RunStatus = RunEnd['status'];

/** A run as the database's `runs` table stores it, and Activity shows it. */
export type RunRow = RunBase & RunEnd;
