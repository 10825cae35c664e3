/**
 * `fetch` with a timeout per attempt and retries with backoff. All I/O (fetch, timers, randomness,
 * clock) comes in through `RetryDeps`, so tests run on virtual time.
 *
 * Only use it for requests that are safe to repeat: a timed-out request may have reached the server.
 * The ConnectyCube calls are (address-book uploads are upserts keyed by phone, `force` replaces the
 * whole book, a second session is harmless) and the Google calls are reads.
 */
import { NetworkError, type NetworkFailure } from './network-error.ts';

export { NetworkError };

export interface RetryPolicy {
  /** Retries after the first attempt: `retries: 4` means up to 5 requests. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt, until the response headers arrive. */
  timeoutMs: number;
  /** Longest `Retry-After` waited for; a longer one ends the retries. Default MAX_RETRY_AFTER_MS. */
  maxRetryAfterMs?: number;
}

/** A server asking for more than this is not waited for: the caller records it and moves on. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 20_000,
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
};

export interface RetryDeps {
  fetch: typeof fetch;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** [0, 1), like Math.random. */
  random: () => number;
  /** Epoch milliseconds, like Date.now (for HTTP-date `Retry-After`). */
  now: () => number;
}

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** 'HTTP 503', 'timeout after 20000 ms', 'network error': never the URL. */
  reason: string;
}

/**
 * RequestInit whose body can be sent again on every attempt: a string (JSON) or nothing. Streams,
 * FormData and the like are one-shot or re-encoded per send, so the type refuses them.
 */
export type RetryInit = Omit<RequestInit, 'body' | 'signal'> & {
  body?: string | null;
  signal?: AbortSignal | null;
};

/**
 * "Full jitter" (AWS architecture blog, "Exponential Backoff And Jitter"): uniform in
 * [0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))). Of the jitter schemes it spreads clients that
 * failed together the most and needs no state between attempts, unlike decorrelated jitter.
 * `attempt` is 1 for the first retry.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.max(0, Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
  return Math.floor(unit * ceiling);
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) in milliseconds from `nowMs`: delay-seconds or an HTTP-date
 * (a date in the past means 0). Undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // A date names a month or weekday; without letters Date.parse would take "1.5" or "-3" as years.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Worth repeating: 429 and server errors, plus 408 (the server timed out waiting for us). Not 501
 * and 505, which say the server will never handle this request, and no other 4xx: those are the
 * caller's to handle (401 renews the session, 422 is a validation answer).
 */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

type Outcome = { kind: 'response'; response: Response } | { kind: NetworkFailure };

interface Attempt {
  outcome: Outcome;
  /**
   * Detaches the attempt from the caller's signal. Skipped for the response handed back, so the
   * caller's signal can still abort reading its body.
   */
  release: () => void;
}

function hostOf(input: string): string {
  try {
    return new URL(input).host;
  } catch {
    // Not retried: a malformed URL is a programming error. The URL is kept out of the message.
    throw new TypeError('fetchWithRetry needs an absolute URL');
  }
}

function throwIfAborted(signal: AbortSignal | null | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/** Frees the connection of a response that will not be read. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

async function attemptOnce(
  input: string,
  init: Omit<RetryInit, 'signal'>,
  caller: AbortSignal | undefined,
  deps: RetryDeps,
  timeoutMs: number,
): Promise<Attempt> {
  const controller = new AbortController();
  const timer = new AbortController();
  let timedOut = false;
  const onCallerAbort = (): void => controller.abort(caller?.reason);
  caller?.addEventListener('abort', onCallerAbort, { once: true });
  const release = (): void => caller?.removeEventListener('abort', onCallerAbort);

  deps.sleep(timeoutMs, timer.signal).then(
    () => {
      if (timer.signal.aborted) return;
      timedOut = true;
      controller.abort(new DOMException('The request timed out', 'TimeoutError'));
    },
    () => undefined, // cancelled because the attempt settled
  );
  // Settle on abort even if a fetch implementation ignores its signal: "stop at once" must hold.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
      once: true,
    });
  });
  const { fetch } = deps;
  const pending = fetch(input, { ...init, signal: controller.signal });
  try {
    const response = await Promise.race([pending, aborted]);
    return { outcome: { kind: 'response', response }, release };
  } catch (error) {
    pending.then(discard, () => undefined);
    release();
    if (caller?.aborted) throw caller.reason;
    if (timedOut) return { outcome: { kind: 'timeout' }, release };
    // fetch reports every network failure (DNS, refused, reset, CORS, offline) as a TypeError.
    if (error instanceof TypeError) return { outcome: { kind: 'network' }, release };
    throw error;
  } finally {
    timer.abort();
  }
}

/**
 * The caller's abort keeps reaching the response until its body has been read, then the listener
 * on the caller's signal goes: a run that makes hundreds of requests on one signal would otherwise
 * gather one listener per request.
 */
function releasedWhenRead(response: Response, release: () => void): Response {
  if (!response.body) {
    release();
    return response;
  }
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({ flush: () => release() }),
  );
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

async function pause(deps: RetryDeps, ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await deps.sleep(ms, signal);
  } catch (error) {
    throwIfAborted(signal);
    throw error;
  }
  throwIfAborted(signal);
}

/**
 * Fetches `input`, retrying timeouts, network errors and retryable statuses (isRetryableStatus)
 * up to `policy.retries` times, with `backoffDelay` between attempts or the server's
 * `Retry-After` when it sends one.
 *
 * - Returns the response as soon as its status is not retryable (the caller handles 401 etc.).
 * - Returns a retryable response as is when retries are exhausted, or when its `Retry-After`
 *   exceeds `maxRetryAfterMs` (the caller can read the header and record "retry after X").
 * - Throws NetworkError when the last attempt got no response at all.
 * - When `init.signal` aborts, throws its reason at once, whatever the attempt is doing.
 */
export async function fetchWithRetry(
  input: string,
  init: RetryInit,
  deps: RetryDeps,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  onRetry?: (info: RetryInfo) => void,
): Promise<Response> {
  const host = hostOf(input);
  const { signal, ...rest } = init;
  const caller = signal ?? undefined;
  const retryAfterCap = policy.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS;
  for (let attempt = 1; ; attempt += 1) {
    throwIfAborted(caller);
    const { outcome, release } = await attemptOnce(input, rest, caller, deps, policy.timeoutMs);
    const canRetry = attempt <= policy.retries;
    let delayMs: number;
    let reason: string;
    if (outcome.kind === 'response') {
      const { response } = outcome;
      if (!canRetry || !isRetryableStatus(response.status))
        return releasedWhenRead(response, release);
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), deps.now());
      if (retryAfter !== undefined && retryAfter > retryAfterCap) {
        return releasedWhenRead(response, release);
      }
      release();
      discard(response);
      delayMs = retryAfter ?? backoffDelay(attempt, policy, deps.random);
      reason = `HTTP ${response.status}`;
    } else {
      if (!canRetry) throw new NetworkError(host, outcome.kind, attempt);
      delayMs = backoffDelay(attempt, policy, deps.random);
      reason =
        outcome.kind === 'timeout' ? `timeout after ${policy.timeoutMs} ms` : 'network error';
    }
    onRetry?.({ attempt, delayMs, reason });
    await pause(deps, delayMs, caller);
  }
}
