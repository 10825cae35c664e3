import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  fetchWithRetry,
  NetworkError,
  ResponseTooLargeError,
  type RetryInfo,
  type RetryPolicy,
} from '../../../lib/net/retry.ts';
import { fakeDeps, type Step } from './fakes.ts';

const POLICY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
  maxRetryAfterMs: 300_000,
};
const URL_WITH_SECRET = 'https://api.example.com/address_book?token=SECRET';

describe('fetchWithRetry outcomes', () => {
  it.each<[string, Step[], number, string[]]>([
    ['200 at once', [200], 200, []],
    ['500 then 200', [500, 200], 200, ['HTTP 500']],
    ['503, 503, 200', [503, 503, 200], 200, ['HTTP 503', 'HTTP 503']],
    ['429 then 200', [429, 200], 200, ['HTTP 429']],
    ['502, 504, 200', [502, 504, 200], 200, ['HTTP 502', 'HTTP 504']],
    ['network error then 200', ['network', 200], 200, ['network error']],
    ['timeout then 200', ['hang', 200], 200, ['timeout after 10000 ms']],
    ['a fetch deaf to abort still times out', ['deaf', 200], 200, ['timeout after 10000 ms']],
    ['400 is returned', [400], 400, []],
    ['401 is returned', [401], 401, []],
    ['403 is returned', [403], 403, []],
    ['404 is returned', [404], 404, []],
    ['422 is returned', [422], 422, []],
    ['501 is returned', [501], 501, []],
    [
      'gives up after 4 retries with the last response',
      [500, 503, 500, 502, 503],
      503,
      ['HTTP 500', 'HTTP 503', 'HTTP 500', 'HTTP 502'],
    ],
    [
      'network errors then a 503 to return',
      ['network', 'network', 'hang', 'network', 503],
      503,
      ['network error', 'network error', 'timeout after 10000 ms', 'network error'],
    ],
  ])('%s', async (_, steps, status, reasons) => {
    const { deps, time, calls } = fakeDeps(steps);
    const retries: RetryInfo[] = [];
    const response = await time.run(
      fetchWithRetry(URL_WITH_SECRET, { method: 'GET' }, deps, POLICY, (info) =>
        retries.push(info),
      ),
    );
    expect(response.status).toBe(status);
    expect(calls).toHaveLength(steps.length);
    expect(retries.map((r) => r.reason)).toEqual(reasons);
    expect(retries.map((r) => r.attempt)).toEqual(reasons.map((_, i) => i + 1));
    expect(time.pendingTimers).toBe(0);
  });

  it.each<[string, Step[], NetworkError['failure']]>([
    ['network errors only', ['network', 'network', 'network', 'network', 'network'], 'network'],
    ['timeouts only', ['hang', 'hang', 'hang', 'hang', 'hang'], 'timeout'],
    ['the last failure decides', [500, 500, 'network', 500, 'hang'], 'timeout'],
  ])('throws NetworkError after the last attempt: %s', async (_, steps, failure) => {
    const { deps, time, calls } = fakeDeps(steps);
    const error = await time
      .run(fetchWithRetry(URL_WITH_SECRET, {}, deps, POLICY))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ failure, attempts: 5, host: 'api.example.com' });
    expect(String((error as Error).message)).toContain('api.example.com');
    expect(String((error as Error).message)).not.toMatch(/SECRET|address_book|token/);
    expect(calls).toHaveLength(5);
  });

  it.each<[number, number]>([
    [0, 1],
    [1, 2],
  ])('retries: %i means %i attempts', async (retries, attempts) => {
    const { deps, time, calls } = fakeDeps([500, 500, 500]);
    const response = await time.run(
      fetchWithRetry(URL_WITH_SECRET, {}, deps, { ...POLICY, retries }),
    );
    expect(response.status).toBe(500);
    expect(calls).toHaveLength(attempts);
  });

  it('waits the backoff between attempts', async () => {
    const { deps, time } = fakeDeps([500, 'network', 503, 200], () => 0.5);
    const retries: RetryInfo[] = [];
    await time.run(fetchWithRetry(URL_WITH_SECRET, {}, deps, POLICY, (r) => retries.push(r)));
    expect(retries.map((r) => r.delayMs)).toEqual([250, 500, 1_000]);
    expect(time.now).toBe(1_750);
  });

  it('does not retry errors that are not network errors', async () => {
    const { deps, time, calls } = fakeDeps([new RangeError('bug'), 200]);
    await expect(time.run(fetchWithRetry(URL_WITH_SECRET, {}, deps, POLICY))).rejects.toThrow(
      RangeError,
    );
    expect(calls).toHaveLength(1);
  });

  it('refuses a relative URL without echoing it', async () => {
    const { deps, calls } = fakeDeps([200]);
    const error = await fetchWithRetry('/session?token=SECRET', {}, deps, POLICY).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain('SECRET');
    expect(calls).toHaveLength(0);
  });

  it('sends the same request every time, each attempt with its own signal', async () => {
    const caller = new AbortController();
    const { deps, time, calls } = fakeDeps([500, 'network', 200]);
    const init = {
      method: 'POST',
      headers: { 'CB-Token': 't' },
      body: '{"a":1}',
      signal: caller.signal,
    };
    await time.run(fetchWithRetry(URL_WITH_SECRET, init, deps, POLICY));
    expect(calls.map((c) => [c.url, c.init?.method, c.init?.body, c.init?.headers])).toEqual(
      Array(3).fill([URL_WITH_SECRET, 'POST', '{"a":1}', { 'CB-Token': 't' }]),
    );
    const signals = calls.map((c) => c.init?.signal);
    expect(new Set(signals).size).toBe(3);
    expect(signals).not.toContain(caller.signal);
  });

  it('gives a status of `giveUpOn` back at once, and still retries the others', async () => {
    const quota = fakeDeps([{ status: 429, headers: { 'Retry-After': '2' } }, 200]);
    const once = await quota.time.run(
      fetchWithRetry(URL_WITH_SECRET, {}, quota.deps, { ...POLICY, giveUpOn: [429] }),
    );
    expect(once.status).toBe(429);
    expect(quota.calls).toHaveLength(1);
    const other = fakeDeps([503, 200]);
    const retried = await other.time.run(
      fetchWithRetry(URL_WITH_SECRET, {}, other.deps, { ...POLICY, giveUpOn: [429] }),
    );
    expect(retried.status).toBe(200);
    expect(other.calls).toHaveLength(2);
  });

  it('uses the default policy when none is given', async () => {
    const { deps, time, calls } = fakeDeps(['hang', 200]);
    await time.run(fetchWithRetry(URL_WITH_SECRET, {}, deps));
    expect(time.requested[0]).toBe(DEFAULT_RETRY_POLICY.timeoutMs);
    expect(calls).toHaveLength(2);
  });
});

describe('fetchWithRetry and Retry-After', () => {
  const start = Date.UTC(2015, 9, 21, 7, 27, 30);
  it.each<[string, Record<string, string>, number]>([
    ['seconds', { 'Retry-After': '7' }, 7_000],
    ['zero', { 'Retry-After': '0' }, 0],
    ['HTTP-date', { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }, 30_000],
    ['exactly the cap', { 'Retry-After': '300' }, 300_000],
    ['unreadable: backoff instead', { 'Retry-After': 'later' }, 250],
  ])('waits as told: %s', async (_, headers, delayMs) => {
    const { deps, time, calls } = fakeDeps([{ status: 503, headers }, 200]);
    time.now = start;
    const retries: RetryInfo[] = [];
    const response = await time.run(
      fetchWithRetry(URL_WITH_SECRET, {}, deps, POLICY, (r) => retries.push(r)),
    );
    expect(response.status).toBe(200);
    expect(retries).toEqual([{ attempt: 1, delayMs, reason: 'HTTP 503' }]);
    expect(time.now - start).toBe(delayMs);
    expect(calls).toHaveLength(2);
  });

  it.each<[number, string]>([
    [429, '301'],
    [503, '3600'],
    [429, 'Wed, 21 Oct 2015 09:00:00 GMT'],
  ])('gives a %i back at once when Retry-After (%s) is beyond the cap', async (status, value) => {
    const { deps, time, calls } = fakeDeps([{ status, headers: { 'Retry-After': value } }, 200]);
    time.now = start;
    const response = await time.run(fetchWithRetry(URL_WITH_SECRET, {}, deps, POLICY));
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBe(value);
    expect(calls).toHaveLength(1);
    expect(time.now).toBe(start);
  });
});

describe('fetchWithRetry and the caller signal', () => {
  it('throws at once when already aborted', async () => {
    const caller = new AbortController();
    caller.abort(new Error('closed'));
    const { deps, calls } = fakeDeps([200]);
    await expect(
      fetchWithRetry(URL_WITH_SECRET, { signal: caller.signal }, deps, POLICY),
    ).rejects.toThrow('closed');
    expect(calls).toHaveLength(0);
  });

  it.each<[string, Step[], number | 'retry', number, number]>([
    ['during a request', ['hang', 200], 1, 1, 0],
    ['during a request whose fetch ignores abort', ['deaf', 200], 1, 1, 0],
    ['during the backoff wait', [503, 200], 'retry', 1, 0],
    ['during a later request', [503, 'hang', 200], 2, 2, 250],
  ])('stops %s with the abort reason, no retry', async (_, steps, abortAt, expectedCalls, now) => {
    const caller = new AbortController();
    const reason = new Error('user cancelled');
    const { deps, time, calls } = fakeDeps(steps);
    const { fetch } = deps;
    deps.fetch = (input, init) => {
      const answer = fetch(input, init);
      if (calls.length === abortAt) queueMicrotask(() => caller.abort(reason));
      return answer;
    };
    const onRetry = (): void => {
      if (abortAt === 'retry') caller.abort(reason);
    };
    const pending = fetchWithRetry(
      URL_WITH_SECRET,
      { signal: caller.signal },
      deps,
      POLICY,
      onRetry,
    );
    await expect(time.run(pending)).rejects.toBe(reason);
    expect(calls).toHaveLength(expectedCalls);
    expect(time.now).toBe(now);
    expect(time.pendingTimers).toBe(0);
  });

  it('one deadline covers the body: an answer that trickles in is a timeout, then retried', async () => {
    const { deps, time } = fakeDeps([200]);
    let attempts = 0;
    deps.fetch = async (_input, init) => {
      attempts += 1;
      if (attempts > 1) return new Response('{"ok":true}', { status: 200 });
      // Headers at once, then one byte and nothing more: a reader would wait forever.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([123]));
          init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
        },
      });
      return new Response(body, { status: 200 });
    };
    const reasons: string[] = [];
    const response = await time.run(
      fetchWithRetry(URL_WITH_SECRET, {}, deps, POLICY, (r) => reasons.push(r.reason)),
    );
    expect(await response.json()).toEqual({ ok: true });
    expect(reasons).toEqual(['timeout after 10000 ms']);
  });

  it('refuses an answer over the size cap, without retrying, naming only the host', async () => {
    const { deps, time } = fakeDeps([200]);
    let attempts = 0;
    deps.fetch = async () => {
      attempts += 1;
      return new Response(new Uint8Array(2_000), { status: 200 });
    };
    const error = await time
      .run(fetchWithRetry(URL_WITH_SECRET, {}, deps, { ...POLICY, maxBodyBytes: 1_000 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(String(error)).toContain('api.example.com');
    expect(String(error)).not.toContain('SECRET');
    expect(attempts).toBe(1);
  });

  it('lets go of the caller signal once the body has been read', async () => {
    const caller = new AbortController();
    const { deps, time, calls } = fakeDeps([200]);
    const response = await time.run(
      fetchWithRetry(URL_WITH_SECRET, { signal: caller.signal }, deps, POLICY),
    );
    await response.text();
    caller.abort();
    expect(calls[0]?.init?.signal?.aborted).toBe(false);
    expect(response.status).toBe(200);
  });
});
