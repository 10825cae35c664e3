import type { CubeAccount } from '../connectycube/types.ts';
import type { GoogleAccount } from '../google/auth.ts';
import type { UserSettings } from '../settings.ts';
import { destinationKey } from '../sync/destination.ts';
import { accountPhone } from './account-phone.ts';

/**
 * Consent is given for one destination: this endpoint, application, ConnectyCube user and book;
 * for whose contacts: the Google account connected (`google`); and for what is uploaded there:
 * numbers with names, or numbers alone (`names`). Any other destination or Google account, or names
 * after agreeing to numbers alone, asks again, so nothing is ever uploaded where or beyond what the
 * user agreed to.
 */
export interface ConsentRecord {
  at: number;
  endpoint: string;
  applicationId: string;
  userId: number;
  book: UserSettings['bookMode'];
  /** Names are uploaded too. Absent in records older than the names-free mode, which agreed to them. */
  names?: boolean;
  /**
   * The Google account whose contacts are uploaded (googleKey). Absent in records older than this
   * binding: see consentCovers.
   */
  google?: string;
}

export type ConsentTarget = Required<Omit<ConsentRecord, 'at'>> & {
  /** When the Google account was connected: what a record without `google` is judged by. */
  googleSince: number;
};

/**
 * The Google account's identity for consent: its People id; without one (Google did not say, or
 * it was connected before the id was asked for), its email; without either, this very connection
 * (a new connection, maybe of another account, is then another identity).
 */
export function googleKey(account: GoogleAccount): string {
  if (account.id) return account.id;
  if (account.email) return `email:${account.email.toLowerCase()}`;
  return `connected:${account.connectedAt}`;
}

/**
 * Where an upload would go now, whose contacts and what it holds; null while Google is not
 * connected or no ConnectyCube account is signed in and confirmed.
 */
export function consentTarget(
  account: CubeAccount | null,
  google: GoogleAccount | null,
  settings: Pick<UserSettings, 'bookMode' | 'sendNames'>,
): ConsentTarget | null {
  if (!account || account.state === 'confirm-new' || !google) return null;
  return {
    endpoint: account.credentials.endpoint,
    applicationId: account.credentials.applicationId,
    userId: account.user.id,
    book: settings.bookMode,
    names: settings.sendNames,
    google: googleKey(google),
    googleSince: google.connectedAt,
  };
}

/** The record that consent to `target` stores, given at `at`. */
export function consentRecord(target: ConsentTarget, at: number): ConsentRecord {
  const { googleSince: _since, ...record } = target;
  return { ...record, at };
}

/**
 * Whether a record covers the target's Google account. A record from before consent named it was
 * given while some Google account was connected; connecting replaces the stored account and its
 * `connectedAt` (renewals keep it), so an account connected no later than the consent is the one
 * it was given with, and it stays covered. One connected since (a reconnect, or maybe the user's
 * work account) asks again: the safe side, at the cost of asking once more after a reconnect.
 */
function sameGoogle(r: Partial<ConsentRecord>, target: ConsentTarget): boolean {
  if (r.google !== undefined) return r.google === target.google;
  return typeof r.at === 'number' && target.googleSince <= r.at;
}

/**
 * Whether stored consent covers this target: the same destination and Google account, and names
 * only if they were agreed to (consent to send names covers sending fewer). Records without an
 * endpoint (older versions) never do.
 */
export function consentCovers(record: unknown, target: ConsentTarget | null): boolean {
  if (!target || typeof record !== 'object' || record === null) return false;
  const r = record as Partial<ConsentRecord>;
  return (
    r.endpoint === target.endpoint &&
    r.applicationId === target.applicationId &&
    r.userId === target.userId &&
    r.book === target.book &&
    sameGoogle(r, target) &&
    (r.names !== false || !target.names)
  );
}

/** The destination key of the account (without the book): see lib/sync/destination.ts. */
export function accountDestination(account: CubeAccount | null): string {
  if (!account) return '';
  return destinationKey(
    account.credentials.endpoint,
    account.credentials.applicationId,
    account.user.id,
  );
}

/** "Alice Example": how the consent summary names the account (a phone account by its number). */
export function accountName(account: CubeAccount | null): string {
  const user = account?.user;
  if (!user) return '';
  return user.full_name || user.login || user.email || accountPhone(account) || String(user.id);
}
