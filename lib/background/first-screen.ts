// The popup's first screen (lib/settings.ts `FirstScreen`), kept by the background in
// storage.session beside the users view it is cut from. The popup reads it before IndexedDB answers;
// IndexedDB waits behind the worker's own transactions (measured: 50–1,100 ms after
// DOMContentLoaded with 5,000 users, the longest during a re-upload).
import { liveQuery } from 'dexie';
import { getMeta } from '../db/meta.ts';
import type { CubeDb } from '../db/schema.ts';
import { serialQueue } from '../serial.ts';
import type { FirstScreen } from '../settings.ts';

/**
 * Users in a first screen: the popup's list shows ~6 rows of 64 px; the rest are there should the
 * user scroll before the whole list is read.
 */
export const FIRST_SCREEN_USERS = 30;

/** Where the first screen is kept (firstScreenItem of lib/settings.ts in the extension). */
export interface FirstScreenArea {
  setValue(screen: FirstScreen): Promise<void>;
  removeValue(): Promise<void>;
}

export interface FirstScreenDeps {
  db: CubeDb;
  area: FirstScreenArea;
  /** The destination (lib/sync/destination.ts) of the account signed in now; '' for none. */
  signedIn(): Promise<string>;
  /** How soon the view is followed again after its live query failed (FOLLOW_AGAIN_MS). */
  followAgainMs?: number;
}

/** The view as one transaction saw it: its users (JSON) and whose they are. */
interface ViewRead {
  destination: string | undefined;
  view: string | undefined;
}

function readView(db: CubeDb): Promise<ViewRead> {
  return db.transaction('r', db.meta, async () => ({
    destination: await getMeta(db, 'destination'),
    view: await getMeta(db, 'usersView'),
  }));
}

/** The first screen of a users view (`MetaValues.usersView`); undefined when it is not one. */
export function firstScreenOf(view: string): FirstScreen | undefined {
  let rows: unknown;
  try {
    rows = JSON.parse(view);
  } catch {
    return undefined;
  }
  if (!Array.isArray(rows)) return undefined;
  return { total: rows.length, users: rows.slice(0, FIRST_SCREEN_USERS) as FirstScreen['users'] };
}

/**
 * Keeps the first screen equal to the start of the users view, and only ever the signed-in
 * account's: it is written only when the destination bound with the view (read in the same
 * transaction) is the signed-in account's, and removed otherwise. A sign-in to another account
 * holds it (`held`): removed before the account changes, written again once the view is that
 * account's. Writes and removals take turns, so none lands after a later one.
 */
/** How soon the view is followed again after its live query failed. */
export const FOLLOW_AGAIN_MS = 5_000;

export function createFirstScreen(deps: FirstScreenDeps) {
  const serially = serialQueue();
  let holds = 0;

  function publish(read: ViewRead): Promise<void> {
    return serially(async () => {
      const signedIn = holds > 0 ? '' : await deps.signedIn();
      const screen =
        signedIn !== '' && read.destination === signedIn && read.view !== undefined
          ? firstScreenOf(read.view)
          : undefined;
      await (screen ? deps.area.setValue(screen) : deps.area.removeValue());
    });
  }

  const warn = (error: unknown) => console.warn('could not keep the first screen', error);

  return {
    /**
     * Follows the users view (every transaction that writes it, whoever commits it: a sync, a
     * "seen", an account change) from now on, starting with the view as it is. Returns the stop.
     */
    follow(): () => void {
      let stopped = false;
      let subscription: { unsubscribe(): void } | undefined;
      const subscribe = () => {
        subscription = liveQuery(() => readView(deps.db)).subscribe({
          next: (read) => void publish(read).catch(warn),
          // A live query whose read failed watches nothing more: the first screen, which would go
          // stale, is removed, and the view followed again a little later.
          error: (error: unknown) => {
            warn(error);
            subscription?.unsubscribe();
            void serially(() => deps.area.removeValue()).catch(warn);
            setTimeout(() => {
              if (!stopped) subscribe();
            }, deps.followAgainMs ?? FOLLOW_AGAIN_MS);
          },
        });
      };
      subscribe();
      return () => {
        stopped = true;
        subscription?.unsubscribe();
      };
    },
    /**
     * Runs `task` (a sign-in, a sign-out, "Forget everything") with no first screen: removed before
     * it starts, written again from the view as it is after it ends (if still the account's).
     */
    async held<T>(task: () => Promise<T>): Promise<T> {
      holds += 1;
      try {
        // A cache of the popup never stands in the way of a privacy action: a removal that fails is
        // said, and the task runs (Forget clears the whole session area anyway).
        await serially(() => deps.area.removeValue()).catch(warn);
        return await task();
      } finally {
        holds -= 1;
        if (holds === 0) await readView(deps.db).then(publish).catch(warn);
      }
    },
  };
}

export type FirstScreenKeeper = ReturnType<typeof createFirstScreen>;
