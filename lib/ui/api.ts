import type { CubeDb } from '../db/schema.ts';
import type { Protocol, RequestType } from '../messaging/protocol.ts';
import type { Progress } from '../domain/run.ts';
import type { PageStore } from './page-store.ts';

/** Sends one protocol request to the background and resolves with its answer (rejects with its error). */
export type Ask = <T extends RequestType>(
  type: T,
  request: Protocol[T]['request'],
) => Promise<Protocol[T]['answer']>;

/**
 * Everything the popup uses from outside (the options page too): the protocol, reads of the shared
 * database, and the few browser calls. `createBrowserApi()` builds the real one; tests pass a fake.
 */
export interface UiApi {
  ask: Ask;
  /** Progress broadcasts of the background (null when a run ends); returns the unsubscribe. */
  onProgress(listener: (progress: Progress | null) => void): () => void;
  openOptions(): Promise<void>;
  openTab(url: string): Promise<void>;
  copy(text: string): Promise<void>;
  /**
   * The system's share sheet (`navigator.share`), where the browser has one; rejects when the user
   * closes it without sharing.
   */
  share?(text: string): Promise<void>;
  /** The extension's version (its manifest's), for error reports. */
  version(): string;
  /**
   * The user a clicked "contact joined" notification is about, or null; cleared by reading it, so
   * only the popup opened by that click shows them first.
   */
  takeFocusUser(): Promise<number | null>;
  /**
   * The popup's first screen as storage.session holds it (lib/settings.ts `FirstScreen`),
   * unchecked: lib/ui/first-screen.ts reads it. Null when there is none.
   */
  firstScreen(): Promise<unknown>;
  /** Reads of the database the background writes, without Dexie (the popup's size budget). */
  store: PageStore;
  now(): number;
}

/** The options page's `UiApi`: also Dexie, for its live queries over more tables. */
export interface OptionsApi extends UiApi {
  /** The database the background writes. */
  db: CubeDb;
  /** The browser's language, for the default phone country ("From browser language"). */
  language: string;
}
