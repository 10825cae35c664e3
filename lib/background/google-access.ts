import type { GoogleAuth } from '../google/auth.ts';
import { googleAccessLeftItem, googleAccountItem } from '../settings.ts';

/**
 * Disconnects Google: the account is forgotten here and its access revoked at Google. When that
 * could not be done (RevokeOutcome 'failed'), it is noted so the options page says so and links
 * Google's permissions page, where only the user can withdraw it now.
 */
export async function disconnectGoogle(auth: GoogleAuth): Promise<void> {
  const account = await googleAccountItem.getValue();
  if ((await auth.disconnect()) !== 'failed') return;
  await googleAccessLeftItem.setValue(account?.email ? { email: account.email } : {});
}
