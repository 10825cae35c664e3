import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep, defaultRetryDeps } from '../../../lib/net/sleep.ts';

describe('abortableSleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each<[number]>([[0], [1], [250], [30_000]])('resolves after %i ms, not before', async (ms) => {
    let done = false;
    const sleeping = abortableSleep(ms).then(() => (done = true));
    if (ms > 0) {
      await vi.advanceTimersByTimeAsync(ms - 1);
      expect(done).toBe(false);
    }
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each<[string, boolean]>([
    ['aborted before', true],
    ['aborted while waiting', false],
  ])('rejects with the reason when %s, leaving no timer', async (_, before) => {
    const controller = new AbortController();
    const reason = new Error('stop');
    if (before) controller.abort(reason);
    const sleeping = abortableSleep(10_000, controller.signal);
    if (!before) {
      await vi.advanceTimersByTimeAsync(5_000);
      controller.abort(reason);
    }
    await expect(sleeping).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('defaultRetryDeps', () => {
  it('calls the global fetch without a foreign `this`', async () => {
    const spy = vi.fn(function (this: unknown) {
      // Browsers throw "Illegal invocation" when fetch's receiver is not the global object.
      expect(this === undefined || this === globalThis).toBe(true);
      return Promise.resolve(new Response('ok'));
    });
    vi.stubGlobal('fetch', spy);
    try {
      const deps = defaultRetryDeps();
      const response = await deps.fetch('https://example.com/', { method: 'GET' });
      expect(await response.text()).toBe('ok');
      expect(spy).toHaveBeenCalledWith('https://example.com/', { method: 'GET' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
