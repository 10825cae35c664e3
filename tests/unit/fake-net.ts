import type { RetryDeps } from '@/lib/net/retry';

/**
 * RetryDeps over an in-process sandbox: backoff waits pass at once, while the per-attempt timeout
 * (a long sleep) never fires, since the sandbox answers at once.
 */
export function fakeNet(fetch: typeof globalThis.fetch, now: () => number): RetryDeps {
  return {
    fetch,
    sleep: (ms, signal) =>
      ms >= 10_000
        ? new Promise((_resolve, reject) =>
            signal?.addEventListener('abort', () => reject(signal.reason)),
          )
        : Promise.resolve(),
    random: () => 0.5,
    now,
  };
}
