/**
 * Virtual time and a scripted fetch for fetchWithRetry tests: nothing really waits, and time only
 * moves when every promise that can settle has settled, so each run is deterministic.
 */
import type { RetryDeps } from '../../../lib/net/retry.ts';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class VirtualTime {
  now = 0;
  /** Every duration asked for, timeouts included. */
  readonly requested: number[] = [];
  private timers: Timer[] = [];
  private seq = 0;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      this.requested.push(ms);
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = { at: this.now + ms, seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Settles `promise`, firing timers in order whenever nothing else is left to do. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let outcome: { value: T } | { error: unknown } | undefined;
    promise.then(
      (value) => (outcome = { value }),
      (error: unknown) => (outcome = { error }),
    );
    for (let step = 0; step < 1000; step += 1) {
      await flush();
      if (outcome) break;
      const next = [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) throw new Error('deadlock: the promise waits on nothing virtual time can fire');
      this.timers = this.timers.filter((t) => t !== next);
      this.now = next.at;
      next.resolve();
    }
    if (!outcome) throw new Error('still pending after 1000 timers');
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }
}

/**
 * One step per call: a status (or status + headers), 'network' (TypeError like a refused
 * connection), 'hang' (never answers, honours abort), 'deaf' (never answers, ignores abort) or an
 * Error to throw.
 */
export type Step =
  | number
  | { status: number; headers?: Record<string, string> }
  | 'network'
  | 'hang'
  | 'deaf'
  | Error;

export interface FetchCall {
  url: string;
  init: RequestInit | undefined;
}

export function scriptedFetch(steps: readonly Step[]): { fetch: typeof fetch; calls: FetchCall[] } {
  const calls: FetchCall[] = [];
  const fake = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), init });
    const step = steps[calls.length - 1];
    if (step === undefined) return Promise.reject(new Error(`unexpected call ${calls.length}`));
    if (step === 'network') return Promise.reject(new TypeError('fetch failed'));
    if (step === 'deaf') return new Promise<Response>(() => undefined);
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }
    if (step instanceof Error) return Promise.reject(step);
    const { status, headers } = typeof step === 'number' ? { status: step, headers: {} } : step;
    return Promise.resolve(new Response(`body ${status}`, { status, headers }));
  };
  return { fetch: fake as typeof fetch, calls };
}

export function fakeDeps(
  steps: readonly Step[],
  random: () => number = () => 0.5,
): { deps: RetryDeps; time: VirtualTime; calls: FetchCall[] } {
  const time = new VirtualTime();
  const { fetch, calls } = scriptedFetch(steps);
  return { deps: { fetch, sleep: time.sleep, random, now: () => time.now }, time, calls };
}
