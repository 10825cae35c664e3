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
