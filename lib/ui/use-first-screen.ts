import type { FirstScreen } from '../settings.ts';
import type { UiApi } from './api.ts';
import { readFirstScreen } from './first-screen.ts';
import { useAskedOnce } from './use-asked-once.ts';

const ask = async (api: UiApi) => readFirstScreen(await api.firstScreen());

/**
 * The first screen the background kept for the popup, read once when it opens: `undefined` until
 * known, then the first screen or null (none, or not one: the popup waits for IndexedDB then).
 */
export function useFirstScreen(api: UiApi): FirstScreen | null | undefined {
  return useAskedOnce(api, ask, 'could not read the first screen');
}
