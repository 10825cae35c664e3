import type { CubeAccount, CubeProfile } from './types.ts';

/** How close a user's `created_at` must be to the session's for the sign-in to have created it. */
export const ON_THE_FLY_WINDOW_MS = 60_000;

/**
 * Whether this very sign-in created the user: ConnectyCube creates an unknown login on the fly
 * (unless the application denies it), so a mistyped login signs into a brand-new, empty account.
 * Its `created_at` is then the moment of the session (within a minute; Rails drops milliseconds).
 */
export function createdBySignIn(
  user: Pick<CubeProfile, 'created_at'>,
  sessionCreatedAt: string | null | undefined,
  now: number,
): boolean {
  const created = Date.parse(user.created_at ?? '');
  if (!Number.isFinite(created)) return false;
  const session = Date.parse(sessionCreatedAt ?? '');
  const at = Number.isFinite(session) ? session : now;
  return Math.abs(at - created) <= ON_THE_FLY_WINDOW_MS;
}

/** The stored account is user `userId`, created by a sign-in and waiting for keep or delete. */
export function waitingFor(account: CubeAccount | null, userId: number): account is CubeAccount {
  return account?.state === 'confirm-new' && account.user.id === userId;
}

/** The same user of the same application on the same server. */
export function sameUser(a: CubeAccount, b: CubeAccount): boolean {
  return (
    a.user.id === b.user.id &&
    a.credentials.endpoint === b.credentials.endpoint &&
    a.credentials.applicationId === b.credentials.applicationId
  );
}
