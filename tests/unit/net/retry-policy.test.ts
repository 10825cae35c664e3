import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
} from '../../../lib/net/retry.ts';

const POLICY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
  maxRetryAfterMs: 300_000,
};

describe('backoffDelay (full jitter)', () => {
  it.each<[number, number]>([
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [4, 4_000],
    [6, 16_000],
    [7, 30_000], // 32 000 capped
    [100, 30_000],
    [0, 500], // treated as the first retry
  ])('attempt %i: delay in [0, %i)', (attempt, ceiling) => {
    expect(backoffDelay(attempt, POLICY, () => 0)).toBe(0);
    expect(backoffDelay(attempt, POLICY, () => 0.5)).toBe(ceiling / 2);
    const top = backoffDelay(attempt, POLICY, () => 0.999_999_9);
    expect(top).toBeLessThan(ceiling);
    expect(top).toBeGreaterThanOrEqual(ceiling - 1);
  });

  it.each<[string, number]>([
    ['1', 1],
    ['above 1', 7],
    ['negative', -1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('tolerates a random() of %s', (_, r) => {
    const delay = backoffDelay(2, POLICY, () => r);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(1_000);
  });

  it('stays an integer in [0, min(max, base * 2^(attempt-1))) (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseDelayMs, maxDelayMs, r) => {
          const policy = { ...POLICY, baseDelayMs, maxDelayMs };
          const delay = backoffDelay(attempt, policy, () => r);
          const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.max(0, ceiling - 1));
        },
      ),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2015, 9, 21, 7, 27, 30);
  it.each<[string | null, number | undefined]>([
    [null, undefined],
    ['', undefined],
    ['0', 0],
    ['7', 7_000],
    [' 120 ', 120_000],
    ['1.5', undefined],
    ['-3', undefined],
    ['soon', undefined],
    ['Wed, 21 Oct 2015 07:28:00 GMT', 30_000],
    ['Wed, 21 Oct 2015 07:27:30 GMT', 0],
    ['Wed, 21 Oct 2015 07:00:00 GMT', 0], // in the past
    ['Wednesday, 21-Oct-15 07:28:00 GMT', 30_000], // RFC 850, obsolete but allowed
  ])('%j -> %s', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('isRetryableStatus', () => {
  it.each<[number, boolean]>([
    [200, false],
    [204, false],
    [304, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [408, true],
    [413, false],
    [422, false],
    [429, true],
    [500, true],
    [501, false],
    [502, true],
    [503, true],
    [504, true],
    [505, false],
    [599, true],
  ])('%i -> %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});
