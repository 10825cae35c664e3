// The storing minimal client: the minimal client's work (tests/bench/minimal-client.ts) in an
// extension service worker in the bench's headless Chromium, keeping what it read and sent in
// IndexedDB the cheapest way the same data can be kept: one row per People page (its people with
// their normalised phones and names) and one per acknowledged upload batch, one transaction each,
// relaxed durability, and the registered users as one row. The floor for any client that stores:
// the bench prints the extension's first sync as a ratio to it (tests/bench/run.ts).
import { minimalClient, type MinimalOptions, type MinimalTimes } from './minimal-client.ts';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  const req = indexedDB.open('storing-minimal', 1);
  req.onupgradeneeded = () => {
    for (const store of ['pages', 'batches', 'registered']) req.result.createObjectStore(store);
  };
  return request(req);
}

async function put(db: IDBDatabase, store: string, key: number, value: unknown): Promise<void> {
  const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' });
  tx.objectStore(store).put(value, key);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('transaction failed'));
  });
}

async function runStoring(opts: MinimalOptions): Promise<MinimalTimes> {
  const db = await openDb();
  try {
    return await minimalClient(opts, {
      page: (index, people) => put(db, 'pages', index, people),
      batch: (index, contacts) =>
        put(
          db,
          'batches',
          index,
          contacts.map((c) => ({ ...c, state: 'owned', sentAt: Date.now() })),
        ),
      registered: (body) => put(db, 'registered', 0, body),
    });
  } finally {
    db.close();
  }
}

(globalThis as unknown as { runStoring: typeof runStoring }).runStoring = runStoring;
