import { useEffect, useState } from 'preact/hooks';
import type { UiApi } from './api.ts';
import type { PageTable } from './page-store.ts';

/**
 * The current result of `read`, read again whenever one of `tables` changes (the background writes
 * them) and when a run ends (a second signal, should a change notice be missed). `undefined` until
 * the first result. Reads never overlap: changes during a read cause one more read after it.
 */
export function useStoreRead<T>(
  api: UiApi,
  tables: readonly PageTable[],
  read: () => Promise<T>,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    let reading = false;
    let again = false;
    const run = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      do {
        again = false;
        try {
          const next = await read();
          if (alive) setValue(() => next);
        } catch (error) {
          console.error('reading the database failed', error);
        }
      } while (again && alive);
      reading = false;
    };
    void run();
    const offChange = api.store.onChange(tables, () => void run());
    const offProgress = api.onProgress((progress) => {
      if (progress === null) void run();
    });
    return () => {
      alive = false;
      offChange();
      offProgress();
    };
    // `read` and `tables` are the caller's, fixed for an `api`.
  }, [api]);
  return value;
}
