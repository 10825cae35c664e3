import type { SignedInUser } from '../domain/account.ts';
import type { UserSettings } from '../domain/settings.ts';
import type { Progress, RunOutcome, RunRow } from '../domain/run.ts';
import type { ErrorKind } from '../domain/errors.ts';

/**
 * The ConnectyCube account as the options page shows it.
 * - `signed-out`: the sign-in form.
 * - `confirm-new`: the sign-in created this account on the fly (the login, or the phone number,
 *   was unknown): nothing is uploaded until the user keeps it or deletes it. `needsSignIn`: its
 *   session is gone (the browser restarted without "Stay signed in"), so deleting it takes a
 *   sign-in to it first.
 * - `signed-in`: `needsSignIn` when the session expired and neither the password nor a phone
 *   account's refresh token was kept.
 * `phoneSignIn`: the card offers "Sign in with your phone number" (the build has the page, the
 * browser launchWebAuthFlow). `phone`: the account signs in by phone; its number for reading
 * (`+1 415 555 0100`).
 */
export type CubeStatus =
  | { state: 'signed-out'; endpoint: string; builtInApp: boolean; phoneSignIn: boolean }
  | {
      state: 'confirm-new';
      endpoint: string;
      builtInApp: boolean;
      phoneSignIn: boolean;
      user: SignedInUser;
      phone?: string;
      needsSignIn: boolean;
    }
  | {
      state: 'signed-in';
      endpoint: string;
      builtInApp: boolean;
      phoneSignIn: boolean;
      user: SignedInUser;
      phone?: string;
      staySignedIn: boolean;
      needsSignIn: boolean;
    };

/**
 * Consent is bound to where it was given: endpoint, application, user and book, and to the Google
 * account connected.
 * - `needs-accounts`: Google or ConnectyCube is not linked yet.
 * - `needed`: never given for this destination (or given for another one, `previous`).
 * - `given`: given for exactly this destination, at `at`.
 */
export type ConsentState =
  | { state: 'needs-accounts' }
  | { state: 'needed'; changed: boolean }
  | { state: 'given'; at: number };

export interface ConsentStatus {
  consent: ConsentState;
  /** "as Alice Example": whose account the book is uploaded to. */
  accountName: string;
  host: string;
  bookMode: UserSettings['bookMode'];
  /** Names are uploaded with the numbers (off: numbers alone, see UserSettings.sendNames). */
  sendNames: boolean;
  phoneCount: number;
  skippedCount: number;
}

/**
 * Disconnecting Google (or "Forget everything") could not withdraw the extension's access there:
 * the token had expired and could not be renewed silently, or Google refused to revoke it. The
 * options page sends the user to Google's permissions page, naming the account when it is known.
 */
export interface GoogleAccessLeft {
  email?: string;
}

/** Everything the popup and the options page need to draw the state of the extension. */
export interface Status {
  google: {
    connected: boolean;
    needsReconnect: boolean;
    /** The build has no OAuth client id: the options page explains how to set one. */
    clientIdMissing: boolean;
    /** identity.getRedirectURL(): what a Google OAuth client must list as a redirect URI. */
    redirectUrl: string;
    contactCount: number;
    /** The connected Google account, when Google told us (the `email` scope). */
    email?: string;
    /** "Other contacts" was asked for and not granted on Google's consent screen. */
    otherContactsRefused: boolean;
    /** The access a disconnect could not withdraw at Google; null once Google is connected again. */
    accessLeft: GoogleAccessLeft | null;
  };
  cube: CubeStatus;
  consent: ConsentStatus;
  settings: UserSettings;
  syncing: boolean;
  progress: Progress | null;
  lastRun?: RunRow;
  lastSuccessAt?: number;
  nextRunAt?: number;
  unseenJoins: number;
  /** Entries this extension put in a book on the server that it still holds (for "Forget"). */
  serverEntryCount: number;
  /**
   * Entries it put in the books of other ConnectyCube accounts signed in here before, still there
   * (for "Forget": only signing in to each can remove them).
   */
  otherAccountsEntryCount: number;
}

/** What the user types to sign in; `app` only when not using the built-in application. */
export interface SignInRequest {
  login: string;
  password: string;
  /**
   * Keep the password (and the session token) in storage.local so sessions renew unattended. Off:
   * the token is kept in storage.session only, and goes when the browser closes.
   */
  staySignedIn: boolean;
  /** "Advanced": another application or a self-hosted endpoint. Absent: the built-in one. */
  app?: { endpoint: string; applicationId: string; authKey: string };
}

/** A request that carries nothing but its type. */
export type NoArguments = Record<never, never>;

/** The one protocol between the UI and the background: each request with the type of its answer. */
export interface Protocol {
  status: { request: NoArguments; answer: Status };
  syncNow: { request: NoArguments; answer: RunOutcome };
  connectGoogle: { request: { includeOther: boolean }; answer: Status };
  /** Revokes the token and forgets it; imported contacts stay until "Forget everything". */
  disconnectGoogle: { request: NoArguments; answer: Status };
  /** Refused (`cube-unconfirmed`) while an account a sign-in created waits for keep or delete. */
  cubeSignIn: { request: SignInRequest; answer: Status };
  /**
   * "Sign in with your phone number": the background opens the hosted page in the browser's auth
   * window and signs in with what it hands back. `staySignedIn`: keep the Firebase refresh token in
   * storage.local (else storage.session). A closed window or a refused answer changes nothing.
   */
  cubePhoneSignIn: { request: { staySignedIn: boolean }; answer: Status };
  /**
   * The account the sign-in created on the fly: keep it, or delete it and sign out. `userId`: the
   * account the page showed; refused (`cube-changed`, nothing sent) unless it is the one stored and
   * still waits for this answer.
   */
  cubeConfirmNew: { request: { keep: boolean; userId: number }; answer: Status };
  /** Refused (`cube-unconfirmed`) while an account a sign-in created waits for keep or delete. */
  cubeSignOut: { request: NoArguments; answer: Status };
  /** "Start syncing": the informed consent to upload to this destination; then a first sync. */
  consent: { request: NoArguments; answer: Status };
  saveSettings: { request: { settings: Partial<UserSettings> }; answer: Status };
  reuploadAll: { request: NoArguments; answer: RunOutcome };
  removeFromServer: { request: NoArguments; answer: Status };
  /** `removeFirst`: empty the extension's book on the server, then forget. */
  forgetEverything: { request: { removeFirst: boolean }; answer: Status };
  /** The popup was opened: joins count as seen, the badge clears. */
  markSeen: { request: NoArguments; answer: null };
  /** The server's copy of the book in use, compared with what it should hold. */
  serverBook: { request: NoArguments; answer: ServerBookReport };
  /** "Check and repair": read the book in use, then send only what makes it right (no force). */
  checkAndRepair: { request: NoArguments; answer: RunOutcome };
  /**
   * The popup copied or shared an invitation to the entry `phone`: noted on this device (the first
   * time only), so the contact shows "Invited" and a later join says so. `at`: when it was first.
   */
  markInvited: { request: { phone: string }; answer: { at: number } };
}

export interface ServerBookReport {
  /** When the server's book was read. */
  readAt: number;
  /** "What the server holds": the book in use as the server answered it. */
  entries: { phone: string; name: string }[];
  serverCount: number;
  expectedCount: number;
  missing: string[];
  unexpected: string[];
  renamed: string[];
}

/** Why a request failed: the one vocabulary, shared with the run record (lib/domain/errors.ts). */
export type { ErrorKind, RunError, RunErrorCode, RunErrorKind } from '../domain/errors.ts';
export type { Progress, RunCounts, RunOutcome, RunRow } from '../domain/run.ts';
export type { UserSettings } from '../domain/settings.ts';
export type { Trigger } from '../domain/triggers.ts';
/** The signed-in user's profile as the pages show it. */
export type { SignedInUser };

export interface ReplyError {
  kind: ErrorKind;
  message: string;
}

export type RequestType = keyof Protocol;
/** One request on the wire; without a type argument, the union of every request. */
export type Message<T extends RequestType = RequestType> = T extends RequestType
  ? { type: T } & Protocol[T]['request']
  : never;
export type Reply<T extends RequestType> =
  { ok: true; value: Protocol[T]['answer'] } | { ok: false; error: ReplyError };

/** Broadcast by the background while a sync runs (null when it ends). */
export interface ProgressEvent {
  type: 'progress';
  progress: Progress | null;
}

export class RequestFailed extends Error {
  override name = 'RequestFailed';
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a request to the background and unwraps its answer. */
export async function ask<T extends RequestType>(
  send: (message: unknown) => Promise<unknown>,
  type: T,
  request: Protocol[T]['request'],
): Promise<Protocol[T]['answer']> {
  const reply = (await send({ type, ...request })) as Reply<T> | undefined;
  if (!reply) throw new RequestFailed('other', 'The background did not answer');
  if (!reply.ok) throw new RequestFailed(reply.error.kind, reply.error.message);
  return reply.value;
}
