import { formatForDisplay } from '../contacts/normalize.ts';
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

/** A phone account's number for reading (`+1 415 555 0100`); undefined for a login. */
export function accountPhone(account: CubeAccount | null): string | undefined {
  const c = account?.credentials;
  return c?.method === 'phone' ? formatForDisplay(c.phone, '') : undefined;
}
