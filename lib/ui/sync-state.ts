import type { Status } from '../messaging/protocol.ts';
import type { RunRow } from '../db/schema.ts';
import type { Progress } from '../domain/run.ts';
import { runErrorText } from '../run-error-text.ts';

/** What the popup's header says about syncing, most urgent first. */
export type SyncView =
  | { kind: 'syncing'; progress: Progress | null }
  | { kind: 'google-reconnect' }
  | { kind: 'setup' }
  | { kind: 'cube-sign-in' }
  | { kind: 'error'; error: string }
  | { kind: 'synced'; at: number }
  | { kind: 'never' };

/** Not every account is linked, or the upload was not agreed to: the popup leads to the options. */
export function needsSetup(status: Status): boolean {
  return (
    !status.google.connected ||
    status.cube.state !== 'signed-in' ||
    status.consent.consent.state !== 'given'
  );
}

/** A run error that only signing in to ConnectyCube again fixes (the engine classifies it). */
export function isCubeAuthError(run: RunRow | undefined): boolean {
  return run?.status === 'failed' && run.error.kind === 'cube-sign-in';
}

export function syncView(status: Status, progress: Progress | null): SyncView {
  if (status.syncing || progress) return { kind: 'syncing', progress: progress ?? status.progress };
  if (status.google.connected && status.google.needsReconnect) return { kind: 'google-reconnect' };
  if (needsSetup(status)) return { kind: 'setup' };
  const last = status.lastRun;
  // An interrupted run is no failure: the next run resumed it.
  const failed = last?.status === 'failed' ? last : undefined;
  // Only signing in again helps: the session ended and the password was not kept, or the last
  // run was refused with the saved sign-in.
  const sessionEnded = status.cube.state === 'signed-in' && status.cube.needsSignIn;
  if (sessionEnded || isCubeAuthError(failed)) return { kind: 'cube-sign-in' };
  if (failed) return { kind: 'error', error: runErrorText(failed.error) };
  if (status.lastSuccessAt !== undefined) return { kind: 'synced', at: status.lastSuccessAt };
  return { kind: 'never' };
}
