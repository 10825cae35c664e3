import type { SignedInUser } from '../domain/account.ts';
import type { CubeAccount, CubeProfile } from './types.ts';

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

/** The session's user as the pages see it; an empty or null field is no name at all. */
export function signedInUser(profile: CubeProfile): SignedInUser {
  const user: SignedInUser = { id: profile.id };
  if (profile.full_name) user.fullName = profile.full_name;
  if (profile.login) user.login = profile.login;
  if (profile.email) user.email = profile.email;
  return user;
}
