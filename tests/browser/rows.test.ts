import { describe, expect, it, vi } from 'vitest';
import type { RejectedRow, RunRow, SkippedRow } from '@/lib/db/schema';
import { emptyCounts } from '@/lib/sync/engine';
import {
  isRegisteredRow,
  isRejectedRow,
  isRunRow,
  isSkippedRow,
  readableRows,
} from '@/lib/ui/rows';
import { NOW, registered } from './fake-api.ts';

const GOOD_USER = registered(1, 'Ada Lovelace', '15550101234', {
  fullName: 'Ada L.',
  login: 'ada',
  avatar: 'https://cdn.example/ada.png',
  profileAt: NOW,
  joinedAt: NOW,
  joinBatch: 3,
  seen: 0,
});

/** `row` with `changes` applied; `undefined` removes the field. */
function changed<T extends object>(row: T, changes: Record<string, unknown>): unknown {
  const next: Record<string, unknown> = { ...row, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete next[key];
  return next;
}

describe('isRegisteredRow', () => {
  it('accepts the rows the background writes, with or without the optional fields', () => {
    expect(isRegisteredRow(GOOD_USER)).toBe(true);
    expect(isRegisteredRow(registered(2, 'Bea', '15550100002'))).toBe(true);
    const { display: _, ...old } = registered(3, 'Old Row', '15550100003');
    expect(isRegisteredRow(old)).toBe(true);
  });

  it.each([
    ['addressBookName: 42', { addressBookName: 42 }],
    ['phone: 5', { phone: 5 }],
    ['fullName: {}', { fullName: {} }],
    ['login: null', { login: null }],
    ['display: []', { display: [] }],
    ['avatar: 1', { avatar: 1 }],
    ['userId: "1"', { userId: '1' }],
    ['userId: 1.5', { userId: 1.5 }],
    ['userId: NaN', { userId: NaN }],
    ['seen: true', { seen: true }],
    ['notified: 2', { notified: 2 }],
    ['joinedAt: "yesterday"', { joinedAt: 'yesterday' }],
    ['firstSeenAt: Infinity', { firstSeenAt: Infinity }],
    ['no phone', { phone: undefined }],
    ['no addressBookName', { addressBookName: undefined }],
    ['no userId', { userId: undefined }],
    ['no seen', { seen: undefined }],
  ])('refuses a row with %s', (_, changes) => {
    expect(isRegisteredRow(changed(GOOD_USER, changes))).toBe(false);
  });

  it.each([null, undefined, 42, 'row', [GOOD_USER], () => GOOD_USER])('refuses %j', (value) => {
    expect(isRegisteredRow(value)).toBe(false);
  });
});

const GOOD_RUN: RunRow = {
  id: 4,
  startedAt: NOW - 9000,
  endedAt: NOW - 8000,
  phase: 'done',
  trigger: 'alarm',
  counts: emptyCounts(),
  phaseMs: { import: 10 },
  status: 'failed',
  error: { kind: 'network', code: 'network-timeout', params: ['api.example.com'] },
};

describe('isRunRow', () => {
  it('accepts runs, finished or not, failed or not', () => {
    expect(isRunRow(GOOD_RUN)).toBe(true);
    const running = {
      startedAt: NOW,
      status: 'running',
      phase: 'import',
      trigger: 'manual',
      counts: emptyCounts(),
    };
    expect(isRunRow(running)).toBe(true);
    expect(isRunRow({ ...running, status: 'ok', endedAt: NOW })).toBe(true);
    expect(isRunRow({ ...running, status: 'interrupted', endedAt: NOW })).toBe(true);
    expect(
      isRunRow({
        ...GOOD_RUN,
        error: { kind: 'google-quota', code: 'google-quota', params: [] },
      }),
    ).toBe(true);
  });

  it.each([
    ['startedAt: "now"', { startedAt: 'now' }],
    ['endedAt: null', { endedAt: null }],
    ['phase: "sleeping"', { phase: 'sleeping' }],
    ['trigger: 7', { trigger: 7 }],
    ['error: {}', { error: {} }],
    ['an error of text (as versions before 4 stored it)', { error: 'NetworkError: offline' }],
    ['error kind "bad"', { error: { kind: 'bad', code: 'other', params: [] } }],
    ['error code "bad"', { error: { kind: 'other', code: 'bad', params: [] } }],
    ['error params of numbers', { error: { kind: 'other', code: 'other', params: [1] } }],
    ['no status', { status: undefined }],
    ['status "done"', { status: 'done' }],
    ['failed without error', { error: undefined }],
    ['ok without endedAt', { status: 'ok', endedAt: undefined }],
    ['no counts', { counts: undefined }],
    ['counts: []', { counts: [] }],
    ['a count missing', { counts: { ...emptyCounts(), joins: undefined } }],
    ['a count of text', { counts: { ...emptyCounts(), imported: '5' } }],
    ['phaseMs: 5', { phaseMs: 5 }],
  ])('refuses a run with %s', (_, changes) => {
    expect(isRunRow(changed(GOOD_RUN, changes))).toBe(false);
  });
});

const GOOD_SKIPPED: SkippedRow = {
  resourceName: 'people/c1',
  raw: '12345',
  name: 'Short Number',
  reason: 'too-short',
  detail: 'too short',
};
const GOOD_REJECTED: RejectedRow = { phone: '15550101234', name: 'Ada', reason: 'No', at: NOW };

describe('isSkippedRow and isRejectedRow', () => {
  it('accept the rows the background writes', () => {
    expect(isSkippedRow(GOOD_SKIPPED)).toBe(true);
    expect(isRejectedRow(GOOD_REJECTED)).toBe(true);
  });

  it.each([
    ['raw: 12345', { raw: 12345 }],
    ['name: {}', { name: {} }],
    ['reason: "toString"', { reason: 'toString' }],
    ['no detail', { detail: undefined }],
  ])('refuse a skipped phone with %s', (_, changes) => {
    expect(isSkippedRow(changed(GOOD_SKIPPED, changes))).toBe(false);
  });

  it.each([
    ['phone: 5', { phone: 5 }],
    ['reason: null', { reason: null }],
    ['at: "today"', { at: 'today' }],
    ['no name', { name: undefined }],
  ])('refuse a refused entry with %s', (_, changes) => {
    expect(isRejectedRow(changed(GOOD_REJECTED, changes))).toBe(false);
  });
});

describe('readableRows', () => {
  it('keeps the readable rows in order and says how many it skipped', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const second = registered(2, 'Bea', '15550100002');
    const rows = [GOOD_USER, { ...GOOD_USER, userId: 9, phone: 5 }, null, second];
    expect(readableRows(rows, isRegisteredRow, 'registered')).toEqual([GOOD_USER, second]);
    expect(warn).toHaveBeenCalledWith('skipped 2 unreadable row(s) of registered');
    warn.mockClear();
    expect(readableRows([GOOD_USER], isRegisteredRow, 'registered')).toEqual([GOOD_USER]);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
