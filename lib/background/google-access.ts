import type { GoogleAuth } from '../google/auth.ts';
import type { Stores } from './background-ports.ts';

/**
 * Disconnects Google: the account is forgotten here and its access revoked at Google. When that
 * could not be done (RevokeOutcome 'failed'), it is noted so the options page says so and links
 * Google's permissions page, where only the user can withdraw it now.
 */
export async function disconnectGoogle(
  auth: GoogleAuth,
  stores: Pick<Stores, 'googleAccount' | 'googleAccessLeft'>,
): Promise<void> {
  const account = await stores.googleAccount.getValue();
  if ((await auth.disconnect()) !== 'failed') return;
  await stores.googleAccessLeft.setValue(account?.email ? { email: account.email } : {});
}
