import type { CubeCredentials, CubeProfile } from '../connectycube/types.ts';
import type { RunRow } from '../db/schema.ts';
import type { UserSettings } from '../settings.ts';
import type { Progress } from '../sync/ports.ts';
import type { RunOutcome } from '../sync/engine.ts';

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
  };
  cube: { signedIn: boolean; endpoint: string; user?: CubeProfile };
  consent: {
    given: boolean;
    /** When the user agreed ("Syncing is on since …"). */
    at?: number;
    phoneCount: number;
    skippedCount: number;
    host: string;
    bookMode: UserSettings['bookMode'];
  };
  settings: UserSettings;
  syncing: boolean;
  progress: Progress | null;
  lastRun?: RunRow;
  lastSuccessAt?: number;
  nextRunAt?: number;
  unseenJoins: number;
}

/** A request that carries nothing but its type. */
export type NoArguments = Record<never, never>;

/** The one protocol between the UI and the background: each request with the type of its answer. */
export interface Protocol {
  status: { request: NoArguments; answer: Status };
  syncNow: { request: NoArguments; answer: RunOutcome };
  connectGoogle: { request: { includeOther: boolean }; answer: Status };
  disconnectGoogle: { request: NoArguments; answer: Status };
  cubeSignIn: { request: { credentials: CubeCredentials }; answer: Status };
  cubeSignOut: { request: NoArguments; answer: Status };
  /** "Start syncing": the informed consent to upload; then a first sync. */
  consent: { request: NoArguments; answer: Status };
  saveSettings: { request: { settings: Partial<UserSettings> }; answer: Status };
  reuploadAll: { request: NoArguments; answer: RunOutcome };
  removeFromServer: { request: NoArguments; answer: Status };
  forgetEverything: { request: NoArguments; answer: Status };
  /** The popup was opened: joins count as seen, the badge clears. */
  markSeen: { request: NoArguments; answer: null };
  /** The server's copy of the book in use, compared with what it should hold. */
  serverBook: { request: NoArguments; answer: ServerBookReport };
}

export interface ServerBookReport {
  serverCount: number;
  expectedCount: number;
  missing: string[];
  unexpected: string[];
  renamed: string[];
}

export type RequestType = keyof Protocol;
/** One request on the wire; without a type argument, the union of every request. */
export type Message<T extends RequestType = RequestType> = T extends RequestType
  ? { type: T } & Protocol[T]['request']
  : never;
export type Reply<T extends RequestType> =
  { ok: true; value: Protocol[T]['answer'] } | { ok: false; error: string };

/** Broadcast by the background while a sync runs (null when it ends). */
export interface ProgressEvent {
  type: 'progress';
  progress: Progress | null;
}

export class RequestFailed extends Error {
  override name = 'RequestFailed';
}

/** Sends a request to the background and unwraps its answer. */
export async function ask<T extends RequestType>(
  send: (message: unknown) => Promise<unknown>,
  type: T,
  request: Protocol[T]['request'],
): Promise<Protocol[T]['answer']> {
  const reply = (await send({ type, ...request })) as Reply<T> | undefined;
  if (!reply) throw new RequestFailed('The background did not answer');
  if (!reply.ok) throw new RequestFailed(reply.error);
  return reply.value;
}
