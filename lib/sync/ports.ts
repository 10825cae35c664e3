import type { Progress } from '../domain/run.ts';
import type { PersonRecord, PhoneFormat, RawPhone } from '../contacts/types.ts';
import type { UploadContact } from '../domain/upload.ts';
import type { RunErrorCode, RunErrorKind } from '../domain/errors.ts';

export type PeopleSource = PersonRecord['source'];

/** One change a listing reports: a person as Google has it now, or one Google deleted. */
export type PersonChange =
  { kind: 'person'; person: PersonRecord } | { kind: 'deleted'; resourceName: string };

export interface PeoplePageRequest {
  source: PeopleSource;
  pageToken?: string;
  syncToken?: string;
}

/** Items read from a server, and how many it sent malformed (dropped, counted in the run). */
export interface Checked<T> {
  items: T[];
  dropped: number;
}

export interface PeoplePage {
  people: PersonChange[];
  /** Malformed people in the answer: dropped, counted in the run. */
  dropped: number;
  nextPageToken?: string;
  nextSyncToken?: string;
  totalItems?: number;
}

/** Google People API, one page at a time (lib/google/people-client.ts over fetch). */
export interface PeoplePort {
  list(request: PeoplePageRequest, signal?: AbortSignal): Promise<PeoplePage>;
}

export interface UploadRequest {
  udid?: string;
  force?: boolean;
  contacts: UploadContact[];
}

export interface UploadResult {
  created: number;
  updated: number;
  deleted: number;
  /** Index in the request -> the server's reasons. */
  rejected: Record<string, string[]>;
}

/** One item of the compact registered-users answer: who uses the app, under which contact. */
export interface RegisteredItem {
  id: number;
  /** The contact's phone, as uploaded. */
  phone: string;
  /** The name the contact was uploaded under; changes when the contact is renamed. */
  addressBookName: string;
}

/** A user's profile (`GET /users/v2`): what the popup shows, and when the account was made. */
export interface CubeUser {
  id: number;
  fullName?: string | null;
  login?: string | null;
  avatar?: string | null;
  /** Server time of the account's creation; see lib/sync/joins.ts. */
  createdAt?: string | null;
}

/** ConnectyCube address book (lib/connectycube/client.ts over fetch). */
export interface AddressBookPort {
  upload(request: UploadRequest, signal?: AbortSignal): Promise<UploadResult>;
  /** Every app user among the book's contacts, compact: ids, phones and names only. */
  registeredUsers(udid: string | undefined, signal?: AbortSignal): Promise<Checked<RegisteredItem>>;
  /**
   * The profiles of these users, in requests of at most `profilesPerRequest` ids; a user the
   * server no longer has is absent from the answer.
   */
  profiles(ids: readonly number[], signal?: AbortSignal): Promise<Checked<CubeUser>>;
  /** The service's limit of ids per profiles request (a run counts its requests with it). */
  readonly profilesPerRequest: number;
  book(
    udid: string | undefined,
    signal?: AbortSignal,
  ): Promise<Checked<{ phone: string; name: string }>>;
}

export interface JoinNotification {
  /** Derived from the join, so showing it again after a restart replaces instead of adding. */
  id: string;
  /** One user: a notification of its own; more: one summary. Names as in the user's book. */
  users: JoinedUser[];
}

export interface JoinedUser {
  userId: number;
  name: string;
  /** The app profile's name, when it differs from `name` (lib/contacts/shown-name.ts). */
  appName?: string;
  /** When the user invited this contact from the popup (the `invites` table), if they did. */
  invitedAt?: number;
}

export interface NotifierPort {
  show(notification: JoinNotification): Promise<void>;
  setBadge(count: number): Promise<void>;
}

export interface SyncSettings {
  defaultCountry: string;
  phoneFormat: PhoneFormat;
  bookMode: 'own' | 'global';
  /** This installation's own book. */
  udid: string;
  notifications: boolean;
  includeOther: boolean;
  /** Upload names; false: every entry goes with its number as its name (see lib/sync/names.ts). */
  sendNames: boolean;
  /**
   * The user agreed to upload to exactly this destination and book; without it the engine imports
   * and projects but sends nothing.
   */
  consented: boolean;
  /** The account uploads go to (lib/sync/destination.ts); '' when signed out. */
  destination: string;
  /**
   * The Google account whose contacts are imported, as consent names it (its key); '' when none is
   * connected. The local contacts are this account's alone (lib/sync/people-account.ts).
   */
  google: string;
}

export type { Progress };

export interface Clock {
  now(): number;
}

export type { RawPhone };

/*
 * The errors the engine acts on. The adapters (lib/google, lib/connectycube) throw these or their
 * own subclasses of them, so the engine never imports an adapter to tell one failure from another.
 */

/** The listing's sync token is no longer accepted: only a full listing brings the truth back. */
export class ListingExpiredError extends Error {
  override name = 'ListingExpiredError';
}

/** A page token is no longer accepted: the listing restarts. */
export class PageTokenRejectedError extends Error {
  override name = 'PageTokenRejectedError';
}

/**
 * This browser's own book was to be used without its udid. The server keeps books apart by udid
 * alone, and an empty one names the shared book: sent, a forced upload would replace the phone
 * app's book, and "Check and repair" would take its entries for ours. Nothing is sent.
 */
export class MissingUdidError extends Error {
  override name = 'MissingUdidError';
  constructor(
    message = "This browser's own address book has no id (udid): nothing was sent to the server",
  ) {
    super(message);
  }
}

/** A udid that names a book of its own: not empty, not only spaces. */
export function isUdid(udid: string | undefined): udid is string {
  return udid !== undefined && udid.trim() !== '';
}

/** What only the user can fix: signing in to ConnectyCube again, or reconnecting Google. */
export type UserFix = Extract<RunErrorKind, 'cube-sign-in' | 'google-reconnect'>;

/**
 * The account cannot be used without the user; syncing waits for them. `code`: which words the run
 * record gets (lib/domain/errors.ts).
 */
export class NeedsUserError extends Error {
  override name = 'NeedsUserError';
  constructor(
    readonly fix: UserFix,
    message: string,
    readonly code: RunErrorCode = fix === 'cube-sign-in' ? 'cube-signed-out' : 'google-reconnect',
  ) {
    super(message);
  }
}

/**
 * A service said no (an HTTP error answer); `fix` when only the user can change that. `code`: which
 * words the run record gets, the message its parameter (the service's own words).
 */
export class ServiceRefusedError extends Error {
  override name = 'ServiceRefusedError';
  readonly code: RunErrorCode = 'service-refused';
  constructor(
    readonly status: number,
    message: string,
    readonly fix?: UserFix,
  ) {
    super(message);
  }
}

/**
 * The People listing's quota is used up for now (HTTP 429): it is counted per minute, so retries
 * within the run cannot beat it. The run stops; the next one (the schedule's retry, a minute or
 * more later) tries again.
 */
export class ListingQuotaError extends ServiceRefusedError {
  override name = 'ListingQuotaError';
  override readonly code = 'google-quota';
  constructor(message: string) {
    super(429, message);
  }
}
