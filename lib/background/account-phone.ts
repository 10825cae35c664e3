import type { CubeAccount } from '../connectycube/types.ts';
import { formatForDisplay } from '../contacts/normalize.ts';

// Apart from lib/connectycube/account.ts, which the pages import through lib/settings.ts: the
// phone metadata stays in the background's bundle.

/** A phone account's number for reading (`+1 415 555 0100`); undefined for a login. */
export function accountPhone(account: CubeAccount | null): string | undefined {
  const c = account?.credentials;
  return c?.method === 'phone' ? formatForDisplay(c.phone, '') : undefined;
}
