import type { CubeAccount } from '../connectycube/types.ts';
import type { UserSettings } from '../settings.ts';
import { destinationKey } from '../sync/destination.ts';

/**
 * Consent is given for one destination: this endpoint, application, ConnectyCube user and book,
 * and for what is uploaded there: numbers with names, or numbers alone (`names`). Any other
 * destination, or names after agreeing to numbers alone, asks again, so nothing is ever uploaded
 * where or beyond what the user agreed to.
 */
export interface ConsentRecord {
  at: number;
  endpoint: string;
  applicationId: string;
  userId: number;
  book: UserSettings['bookMode'];
  /** Names are uploaded too. Absent in records older than the names-free mode, which agreed to them. */
  names?: boolean;
}

export type ConsentTarget = Required<Omit<ConsentRecord, 'at'>>;

/** Where an upload would go now, and what it holds; null while no account is signed in and confirmed. */
export function consentTarget(
  account: CubeAccount | null,
  settings: Pick<UserSettings, 'bookMode' | 'sendNames'>,
): ConsentTarget | null {
  if (!account || account.state === 'confirm-new') return null;
  return {
    endpoint: account.credentials.endpoint,
    applicationId: account.credentials.applicationId,
    userId: account.user.id,
    book: settings.bookMode,
    names: settings.sendNames,
  };
}

/**
 * Whether stored consent covers this target: the same destination, and names only if they were
 * agreed to (consent to send names covers sending fewer). Records without an endpoint (older
 * versions) never do.
 */
export function consentCovers(record: unknown, target: ConsentTarget | null): boolean {
  if (!target || typeof record !== 'object' || record === null) return false;
  const r = record as Partial<ConsentRecord>;
  return (
    r.endpoint === target.endpoint &&
    r.applicationId === target.applicationId &&
    r.userId === target.userId &&
    r.book === target.book &&
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

/** "Alice Example": how the consent summary names the account. */
export function accountName(account: CubeAccount | null): string {
  const user = account?.user;
  if (!user) return '';
  return user.full_name || user.login || user.email || String(user.id);
}
