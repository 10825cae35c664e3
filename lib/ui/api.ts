import type { CubeDb } from '../db/schema.ts';
import type { Protocol, RequestType } from '../messaging/protocol.ts';
import type { Progress } from '../sync/ports.ts';

/** Sends one protocol request to the background and resolves with its answer (rejects with its error). */
export type Ask = <T extends RequestType>(
  type: T,
  request: Protocol[T]['request'],
) => Promise<Protocol[T]['answer']>;

/**
 * Everything the popup and the options page use from outside: the protocol, the shared database,
 * and the few browser calls. `createBrowserApi()` builds the real one; tests pass a fake.
 */
export interface UiApi {
  ask: Ask;
  /** Progress broadcasts of the background (null when a run ends); returns the unsubscribe. */
  onProgress(listener: (progress: Progress | null) => void): () => void;
  openOptions(): Promise<void>;
  openTab(url: string): Promise<void>;
  copy(text: string): Promise<void>;
  /**
   * The user a clicked "contact joined" notification is about, or null; cleared by reading it, so
   * only the popup opened by that click shows them first.
   */
  takeFocusUser(): Promise<number | null>;
  /** The database the background writes: lists are read from it with live queries. */
  db: CubeDb;
  now(): number;
  /** The browser's language, for the default phone country ("From browser language"). */
  language: string;
}
