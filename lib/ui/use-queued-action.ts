import { useCallback, useRef, useState } from 'preact/hooks';
import type { ActionState } from './use-action.ts';

/**
 * Requests that must all reach the background, in the order they were asked for: each setting is
 * applied as it changes, and two quick changes are two requests. Unlike `useAction`, a request
 * asked while another runs waits for it instead of being dropped. `busy` while any waits or runs;
 * `error`: the last one's, cleared by the next.
 */
export function useQueuedAction(): ActionState {
  const tail = useRef<Promise<unknown>>(Promise.resolve());
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((task: () => Promise<unknown>) => {
    setPending((n) => n + 1);
    const done = tail.current.then(async () => {
      setError(null);
      try {
        await task();
        return true;
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        return false;
      } finally {
        setPending((n) => n - 1);
      }
    });
    tail.current = done;
    return done;
  }, []);
  return { busy: pending > 0, error, run };
}
