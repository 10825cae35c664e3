import { useLayoutEffect, useState } from 'preact/hooks';
import type { UiApi } from './api.ts';

/**
 * The user this popup opening is about (a clicked "contact joined" notification), read once when
 * the popup opens: `undefined` until known, then the user id or null.
 */
export function useFocusUser(api: UiApi): number | null | undefined {
  const [userId, setUserId] = useState<number | null | undefined>(undefined);
  // Asked as the page renders, not after its first frame (when Preact runs effects): the first
  // rows wait for the answer, which the popup asked for before rendering (browser-api.ts).
  useLayoutEffect(() => {
    let cancelled = false;
    api.takeFocusUser().then(
      (id) => !cancelled && setUserId(id),
      (error: unknown) => {
        // The list still shows, in its usual order.
        console.warn('could not read the user to show first', error);
        if (!cancelled) setUserId(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);
  return userId;
}
