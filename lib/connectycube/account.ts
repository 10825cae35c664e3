import type { CubeAccount } from './types.ts';

/** Whether the account can make a new session by itself: a kept password or refresh token. */
export function canRenew(account: CubeAccount): boolean {
  const c = account.credentials;
  return c.method === 'phone' ? c.refreshToken !== undefined : c.password !== undefined;
}

/** Whether the user chose "Stay signed in on this device" for this account. */
export function staysSignedIn(account: CubeAccount): boolean {
  const c = account.credentials;
  return c.method === 'phone' ? c.staySignedIn : c.password !== undefined;
}
