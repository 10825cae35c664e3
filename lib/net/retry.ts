/**
 * `fetch` with a timeout per attempt and retries with backoff. All I/O (fetch, timers, randomness,
 * clock) comes in through `RetryDeps`, so tests run on virtual time.
 *
 * Only use it for requests that are safe to repeat: a timed-out request may have reached the server.
 * The ConnectyCube calls are (address-book uploads are upserts keyed by phone, `force` replaces the
 * whole book, a second session is harmless) and the Google calls are reads.
 */
import { NetworkError, RedirectRefusedError, type NetworkFailure } from './network-error.ts';
import { buffered, discard, readBody, ResponseTooLargeError } from './read-body.ts';

export { NetworkError, RedirectRefusedError, ResponseTooLargeError };

export interface RetryPolicy {
  /** Retries after the first attempt: `retries: 4` means up to 5 requests. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt: one deadline for the headers and the whole body. */
  timeoutMs: number;
  /** Largest body read; a bigger answer fails the request (ResponseTooLargeError). */
  maxBodyBytes?: number;
  /** Longest `Retry-After` waited for; a longer one ends the retries. Default MAX_RETRY_AFTER_MS. */
  maxRetryAfterMs?: number;
}

/** A server asking for more than this is not waited for: the caller records it and moves on. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * No answer the extension reads comes near this: a People page of 1,000 people is ~0.7 MB, the
 * book of 25,000 contacts ~1.3 MB. A server that sends more is not trusted to end.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

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
 * FormData and the like are one-shot or re-encoded per send, so the type refuses them. No
 * `redirect`: every request is sent with `redirect: 'manual'` (see `isRedirect`).
 */
export type RetryInit = Omit<RequestInit, 'body' | 'signal' | 'redirect'> & {
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

type Outcome =
  | { kind: 'response'; response: Response }
  | { kind: 'redirect'; status: number }
  | { kind: NetworkFailure };

/**
 * Whether the answer is a redirect, which is never followed. Requests go out with
 * `redirect: 'manual'`: the browser then answers a redirect with an opaque response (status 0,
 * the Location not contacted) and Node with the 3xx itself, so either is told apart from a lost
 * connection and fails at once as RedirectRefusedError. (`redirect: 'error'` would not follow
 * either, but fails as the same TypeError as a network error: retried, then "could not reach".)
 */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || [301, 302, 303, 307, 308].includes(response.status);
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

/**
 * One attempt: headers and body within one deadline (a body that trickles in is a timeout like
 * an answer that never starts), and the body within `maxBytes`.
 */
async function attemptOnce(
  input: string,
  init: Omit<RetryInit, 'signal'>,
  caller: AbortSignal | undefined,
  deps: RetryDeps,
  policy: RetryPolicy,
  host: string,
): Promise<Outcome> {
  const controller = new AbortController();
  const timer = new AbortController();
  let timedOut = false;
  const onCallerAbort = (): void => controller.abort(caller?.reason);
  caller?.addEventListener('abort', onCallerAbort, { once: true });

  deps.sleep(policy.timeoutMs, timer.signal).then(
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
  aborted.catch(() => undefined);
  const { fetch } = deps;
  // Never followed: a 307 would resend the body (a password) and headers (a token) elsewhere.
  const pending = fetch(input, { ...init, redirect: 'manual', signal: controller.signal });
  try {
    const response = await Promise.race([pending, aborted]);
    if (isRedirect(response)) {
      discard(response);
      return { kind: 'redirect', status: response.status };
    }
    const reading = readBody(response, policy.maxBodyBytes ?? MAX_BODY_BYTES, host);
    reading.catch(() => undefined);
    const body = await Promise.race([reading, aborted]);
    return { kind: 'response', response: buffered(response, body) };
  } catch (error) {
    pending.then(discard, () => undefined);
    if (caller?.aborted) throw caller.reason;
    if (timedOut) return { kind: 'timeout' };
    // fetch reports every network failure (DNS, refused, reset, CORS, offline) as a TypeError.
    if (error instanceof TypeError) return { kind: 'network' };
    throw error;
  } finally {
    timer.abort();
    caller?.removeEventListener('abort', onCallerAbort);
  }
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
 * - Throws RedirectRefusedError at once when the server answers with a redirect (not followed).
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
    const outcome = await attemptOnce(input, rest, caller, deps, policy, host);
    if (outcome.kind === 'redirect') throw new RedirectRefusedError(host, outcome.status);
    const canRetry = attempt <= policy.retries;
    let delayMs: number;
    let reason: string;
    if (outcome.kind === 'response') {
      const { response } = outcome;
      if (!canRetry || !isRetryableStatus(response.status)) return response;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), deps.now());
      if (retryAfter !== undefined && retryAfter > retryAfterCap) return response;
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
