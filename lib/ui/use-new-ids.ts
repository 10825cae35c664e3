import { useEffect, useState } from 'preact/hooks';
import type { UiApi } from './api.ts';

/**
 * Opening the popup marks every join as seen (the badge clears), but the joins unseen until now
 * stay marked "new" for this opening: their ids are read first, then `markSeen` is sent.
 */
export function useNewIds(api: UiApi): ReadonlySet<number> {
  const [ids, setIds] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const rows = await api.store.registered();
        if (!cancelled) setIds(new Set(rows.filter((r) => r.seen === 0).map((r) => r.userId)));
        await api.ask('markSeen', {});
      } catch (error) {
        console.warn('could not mark joins as seen', error);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api]);
  return ids;
}
