/**
 * The popup's reads of the database the background writes, on plain IndexedDB: Dexie and its
 * live queries weigh ~30 KB gzipped, more than the rest of the popup together (its budget is
 * checked by tests/e2e/bundle.test.ts). Only types come from lib/db/schema.ts: importing a value
 * from it would bundle Dexie.
 */
import type { EntryRow, InviteRow, RegisteredRow, RunRow } from '../db/schema.ts';
import { isEntryRow, isInviteRow, isRegisteredRow, readableRows } from './rows.ts';

/** `DB_NAME` of lib/db/schema.ts (tests/browser/page-store.test.ts keeps them equal). */
export const PAGE_DB_NAME = 'cube-contacts';

/** The stores the pages read (tables of `CubeDb`). */
export type PageTable = 'registered' | 'runs' | 'entries' | 'invites';

/** What the Invite view is computed from (lib/ui/invites.ts), each row of its shape. */
export interface InviteSources {
  /** The desired address-book entries: every contact's valid number, with its name. */
  entries: EntryRow[];
  registered: RegisteredRow[];
  invites: InviteRow[];
}

/**
 * The channel on which Dexie tells other contexts of the origin (the popup, from the background's
 * service worker) which tables a committed transaction changed: a message maps
 * `idb://<database>/<table>/<index>` to the changed ranges. Dexie's own name for it, not an API;
 * tests/browser/page-store.test.ts fails if a Dexie update changes it.
 */
export const DEXIE_CHANNEL = 'x-storagemutated-1';

export interface PageStore {
  /**
   * Every registered user the popup can show (a row of another shape is skipped); none before the
   * background created the database.
   */
  registered(): Promise<RegisteredRow[]>;
  /**
   * The Invite view's tables, read in one transaction: a sync committing in between cannot show a
   * contact who just joined as one to invite. Empty before the background created the database; no
   * invitations before it upgraded it to the version that has them.
   */
  inviteSources(): Promise<InviteSources>;
  /**
   * The run with the highest id, if any. Its shape is not checked: the pages only compare its id
   * and end to notice that a run started or ended.
   */
  latestRun(): Promise<RunRow | undefined>;
  /**
   * Calls `listener` after a transaction of another context (or of Dexie in this one) changed one
   * of `tables`. Returns the unsubscribe.
   */
  onChange(tables: readonly PageTable[], listener: () => void): () => void;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Opens the database at whatever version it has, or resolves undefined when it does not exist yet:
 * creating it here (empty, version 1) would get in the way of the background's Dexie schema.
 */
function open(name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    let created = false;
    req.onupgradeneeded = () => {
      created = true;
      req.transaction?.abort();
    };
    req.onsuccess = () => {
      const db = req.result;
      // Never hold up an upgrade by the background (a new schema version).
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => {
      if (created) resolve(undefined);
      else reject(req.error ?? new Error(`could not open ${name}`));
    };
    req.onblocked = () => reject(new Error(`opening ${name} is blocked`));
  });
}

/** Runs `read` on one store in a read-only transaction; undefined when there is no such store. */
async function readStore<T>(
  name: string,
  table: PageTable,
  read: (store: IDBObjectStore) => Promise<T>,
): Promise<T | undefined> {
  const db = await open(name);
  if (!db) return undefined;
  try {
    if (!db.objectStoreNames.contains(table)) return undefined;
    return await read(db.transaction(table, 'readonly').objectStore(table));
  } finally {
    // Opened per read: a popup lives briefly, and an open connection would block upgrades.
    db.close();
  }
}

/**
 * The object stores a page table is kept in: the entries are packed in buckets since schema
 * version 6 (lib/db/packed-store.ts), a row each before.
 */
const STORES: Record<PageTable, readonly string[]> = {
  registered: ['registered'],
  runs: ['runs'],
  entries: ['entryBuckets', 'entries'],
  invites: ['invites'],
};

/** The rows of packed buckets (`{id, rows}`; the counts row has none); other values are kept. */
function unpack(buckets: readonly unknown[]): unknown[] {
  return buckets.flatMap((bucket) => {
    if (typeof bucket !== 'object' || bucket === null) return [];
    const rows = (bucket as { rows?: unknown }).rows;
    return Array.isArray(rows) ? (rows as unknown[]) : [];
  });
}

/** `getAll` of each of `tables` that exists, in one read-only transaction. */
async function readAll(
  name: string,
  tables: readonly string[],
): Promise<Partial<Record<string, unknown[]>>> {
  const db = await open(name);
  if (!db) return {};
  try {
    const present = tables.filter((table) => db.objectStoreNames.contains(table));
    if (present.length === 0) return {};
    const tx = db.transaction(present, 'readonly');
    const rows = await Promise.all(
      present.map((table) => request(tx.objectStore(table).getAll() as IDBRequest<unknown[]>)),
    );
    return Object.fromEntries(present.map((table, i) => [table, rows[i]]));
  } finally {
    db.close();
  }
}

/** `MetaValues.usersView`'s key (lib/db/meta.ts): every registered user, sorted, as JSON. */
export const USERS_VIEW_KEY = 'usersView';

/**
 * The registered users, from the one row the background keeps of them (lib/db/users-view.ts): one
 * read, where reading the table costs one per user. A database without that row (written by an
 * older version, or the row unreadable) is read row by row, in the same transaction.
 */
async function readUsers(name: string): Promise<unknown[]> {
  const db = await open(name);
  if (!db) return [];
  try {
    if (!db.objectStoreNames.contains('registered')) return [];
    const stores = db.objectStoreNames.contains('meta') ? ['meta', 'registered'] : ['registered'];
    const tx = db.transaction(stores, 'readonly');
    if (stores.length === 2) {
      const row = (await request(tx.objectStore('meta').get(USERS_VIEW_KEY))) as unknown;
      const view = parseView(row);
      if (view) return view;
    }
    return await request(tx.objectStore('registered').getAll() as IDBRequest<unknown[]>);
  } finally {
    db.close();
  }
}

function parseView(row: unknown): unknown[] | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const value = (row as { value?: unknown }).value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as unknown[]) : undefined;
  } catch {
    return undefined;
  }
}

function changedTables(data: unknown, name: string, tables: readonly PageTable[]): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const prefixes = tables.flatMap((table) => STORES[table].map((s) => `idb://${name}/${s}/`));
  return Object.keys(data).some((key) => prefixes.some((prefix) => key.startsWith(prefix)));
}

/**
 * The users read as soon as the page starts, before its first render (the popup): read once its
 * status is asked, the worker's answer holds the database for ~100 ms first. Not taken when the
 * users changed since (another context's transaction said so): they are read again then.
 */
function preloadUsers(name: string): () => Promise<unknown[] | undefined> {
  const rows = readUsers(name);
  // Failures are the reading caller's, who reads again.
  rows.catch(() => undefined);
  let changed = false;
  const channel =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(DEXIE_CHANNEL);
  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      if (changedTables(event.data, name, ['registered'])) changed = true;
    };
  }
  return async () => {
    try {
      const read = await rows;
      return changed ? undefined : read;
    } catch {
      return undefined;
    } finally {
      channel?.close();
    }
  };
}

export interface PageStoreOptions {
  /** Start reading the registered users at once; the first `registered()` takes that read. */
  preloadUsers?: boolean;
}

export function createPageStore(
  name: string = PAGE_DB_NAME,
  options: PageStoreOptions = {},
): PageStore {
  let preloaded = options.preloadUsers ? preloadUsers(name) : undefined;
  return {
    async registered() {
      const take = preloaded;
      preloaded = undefined;
      const rows = (await take?.()) ?? (await readUsers(name));
      return readableRows(rows, isRegisteredRow, 'registered');
    },
    async inviteSources() {
      const rows = await readAll(name, [...STORES.entries, 'registered', 'invites']);
      const entries = rows.entryBuckets ? unpack(rows.entryBuckets) : (rows.entries ?? []);
      return {
        entries: readableRows(entries, isEntryRow, 'entries'),
        registered: readableRows(rows.registered ?? [], isRegisteredRow, 'registered'),
        invites: readableRows(rows.invites ?? [], isInviteRow, 'invites'),
      };
    },
    latestRun() {
      return readStore(name, 'runs', async (store) => {
        const cursor = await request(store.openCursor(null, 'prev'));
        return (cursor?.value as RunRow | undefined) ?? undefined;
      });
    },
    onChange(tables, listener) {
      if (typeof BroadcastChannel === 'undefined') return () => {};
      const channel = new BroadcastChannel(DEXIE_CHANNEL);
      channel.onmessage = (event: MessageEvent) => {
        if (changedTables(event.data, name, tables)) listener();
      };
      return () => channel.close();
    },
  };
}
