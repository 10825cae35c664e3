import { useEffect, useRef, useState } from 'preact/hooks';
import type { RegisteredRow } from '../db/schema.ts';
import type { UiApi } from './api.ts';

/**
 * Opening the popup marks every join as seen (the badge clears), but the joins unseen until now
 * stay marked "new" for this opening: their ids are taken from the popup's first read of the users
 * (`rows`; reading them a second time for this cost as much as the read itself), then `markSeen`
 * is sent, once.
 */
export function useNewIds(
  api: UiApi,
  rows: readonly RegisteredRow[] | undefined,
): ReadonlySet<number> {
  const [ids, setIds] = useState<ReadonlySet<number>>(new Set());
  const asked = useRef(false);
  useEffect(() => {
    if (!rows || asked.current) return;
    asked.current = true;
    setIds(new Set(rows.filter((r) => r.seen === 0).map((r) => r.userId)));
    api.ask('markSeen', {}).catch((error: unknown) => {
      console.warn('could not mark joins as seen', error);
    });
  }, [api, rows]);
  return ids;
}
