import type { RetryDeps } from './retry.ts';

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts (the timer is cleared, so an
 * aborted wait keeps nothing alive).
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock, network and randomness, for production wiring. */
export function defaultRetryDeps(): RetryDeps {
  return {
    // Wrapped: browsers throw "Illegal invocation" when fetch is called as a method of another
    // object, and that TypeError would look like a network error and be retried.
    fetch: (input, init) => globalThis.fetch(input, init),
    sleep: abortableSleep,
    random: Math.random,
    now: Date.now,
  };
}
