import { useLayoutEffect, useState } from 'preact/hooks';
import type { FirstScreen } from '../settings.ts';
import type { UiApi } from './api.ts';
import { readFirstScreen } from './first-screen.ts';

/**
 * The first screen the background kept for the popup, read once when it opens: `undefined` until
 * known, then the first screen or null (none, or not one: the popup waits for IndexedDB then).
 */
export function useFirstScreen(api: UiApi): FirstScreen | null | undefined {
  const [screen, setScreen] = useState<FirstScreen | null | undefined>(undefined);
  // Asked as the page renders, not after its first frame (when Preact runs effects): the first
  // rows wait for the answer, which the popup asked for before rendering (browser-api.ts).
  useLayoutEffect(() => {
    let cancelled = false;
    api.firstScreen().then(
      (value) => !cancelled && setScreen(readFirstScreen(value)),
      (error: unknown) => {
        console.warn('could not read the first screen', error);
        if (!cancelled) setScreen(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);
  return screen;
}
