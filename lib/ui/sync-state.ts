import type { Status } from '../messaging/protocol.ts';
import type { RunRow } from '../db/schema.ts';
import type { Progress } from '../sync/ports.ts';
import { runErrorText } from './format.ts';

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
export function isCubeAuthError(run: Pick<RunRow, 'error' | 'errorKind'> | undefined): boolean {
  return !!run?.error && run.errorKind === 'cube-auth';
}

export function syncView(status: Status, progress: Progress | null): SyncView {
  if (status.syncing || progress) return { kind: 'syncing', progress: progress ?? status.progress };
  if (status.google.connected && status.google.needsReconnect) return { kind: 'google-reconnect' };
  if (needsSetup(status)) return { kind: 'setup' };
  const last = status.lastRun;
  const lastError = last?.endedAt !== undefined ? last.error : undefined;
  // Only signing in again helps: the session ended and the password was not kept, or the last
  // run was refused with the saved sign-in.
  const sessionEnded = status.cube.state === 'signed-in' && status.cube.needsSignIn;
  if (sessionEnded || (lastError && isCubeAuthError(last))) return { kind: 'cube-sign-in' };
  if (lastError) return { kind: 'error', error: runErrorText({ ...last, error: lastError }) };
  if (status.lastSuccessAt !== undefined) return { kind: 'synced', at: status.lastSuccessAt };
  return { kind: 'never' };
}
