/**
 * The live check's network: the extension's own `RetryDeps` (its deadline and retry rules apply
 * to every request, in `fetchWithRetry`), bounded by the check's phase deadline on top, with each
 * request's method, path and status noted for the report. Paths only: a query may name the
 * scratch book, a header holds the session, neither is shown.
 */
import type { RetryDeps } from '../net/retry.ts';

/** One request of a step: its status, or null when no answer came (network, deadline). */
export interface RequestRecord {
  method: string;
  path: string;
  status: number | null;
}

/** The check's own deadline passed (whatever the server was doing). */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
  constructor(readonly seconds: number) {
    super(`no answer within the live check's ${seconds} s`);
  }
}

function urlOf(input: RequestInfo | URL): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
}

function joined(signal: AbortSignal | null | undefined, phase: AbortSignal): AbortSignal {
  return signal ? AbortSignal.any([signal, phase]) : phase;
}

/** `net` whose requests and waits end when `phase()` aborts, each request noted by `record`. */
export function checkedNet(
  net: RetryDeps,
  phase: () => AbortSignal,
  record: (entry: RequestRecord) => void,
): RetryDeps {
  return {
    ...net,
    fetch: async (input, init) => {
      const { pathname } = urlOf(input);
      const method = (init?.method ?? 'GET').toUpperCase();
      try {
        const response = await net.fetch(input, { ...init, signal: joined(init?.signal, phase()) });
        record({ method, path: pathname, status: response.status });
        return response;
      } catch (error) {
        record({ method, path: pathname, status: null });
        throw error;
      }
    },
    sleep: (ms, signal) => net.sleep(ms, joined(signal, phase())),
  };
}

/**
 * A signal that aborts with a DeadlineError after `ms` (on `sleep`, the injected clock), and a
 * `cancel` that stops the timer so nothing outlives the check.
 */
export function deadline(
  sleep: RetryDeps['sleep'],
  ms: number,
  totalMs: number,
): { signal: AbortSignal; cancel(): void } {
  const controller = new AbortController();
  const timer = new AbortController();
  sleep(Math.max(0, ms), timer.signal).then(
    () => controller.abort(new DeadlineError(Math.round(totalMs / 1000))),
    () => undefined,
  );
  return { signal: controller.signal, cancel: () => timer.abort() };
}

/**
 * `work`, or the signal's reason as soon as it aborts: a step never outlives its phase. The
 * listener goes with the step, so a long check does not pile them up on one signal.
 */
export async function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw signal.reason;
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
