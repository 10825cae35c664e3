import { useLayoutEffect, useState } from 'preact/hooks';
import type { UiApi } from './api.ts';

/**
 * What the popup asks the background once, as it opens: `undefined` until known, then the answer,
 * or null when asking failed (said in the console with `failure`; the popup goes on without it).
 * `ask` must not change between renders (a function of the module, not of the component).
 */
export function useAskedOnce<T>(
  api: UiApi,
  ask: (api: UiApi) => Promise<T>,
  failure: string,
): T | null | undefined {
  const [value, setValue] = useState<T | null | undefined>(undefined);
  // Asked as the page renders, not after its first frame (when Preact runs effects): the first
  // rows wait for the answer, which the popup asked for before rendering (browser-api.ts).
  useLayoutEffect(() => {
    let cancelled = false;
    ask(api).then(
      (answer) => !cancelled && setValue(answer),
      (error: unknown) => {
        console.warn(failure, error);
        if (!cancelled) setValue(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, ask, failure]);
  return value;
}
