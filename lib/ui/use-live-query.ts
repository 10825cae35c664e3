import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * The current result of a Dexie query, re-run whenever the tables it read change (in this page or
 * in the background: they share the database). `undefined` until the first result. The options
 * page's: the popup goes without Dexie (use-store-read.ts).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (next) => setValue(() => next),
      error: (error: unknown) => console.error('live query failed', error),
    });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on.
  }, deps);
  return value;
}
