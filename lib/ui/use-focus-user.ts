import type { UiApi } from './api.ts';
import { useAskedOnce } from './use-asked-once.ts';

const ask = (api: UiApi) => api.takeFocusUser();

/**
 * The user this popup opening is about (a clicked "contact joined" notification), read once when
 * the popup opens: `undefined` until known, then the user id or null (unknown: the list still
 * shows, in its usual order).
 */
export function useFocusUser(api: UiApi): number | null | undefined {
  return useAskedOnce(api, ask, 'could not read the user to show first');
}
