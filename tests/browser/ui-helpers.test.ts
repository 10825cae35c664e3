import { describe, expect, it } from 'vitest';
import { initials, isHttpUrl, plainError, syncedAgo } from '@/lib/ui/format';
import { emptyCounts } from '@/lib/sync/engine';
import { isCubeAuthError, syncView } from '@/lib/ui/sync-state';
import { chatUrl, filterUsers, toUserView } from '@/lib/ui/users';
import { validChatTemplate, validateCubeForm } from '@/lib/ui/validate';
import { scrollToShow, visibleRange } from '@/lib/ui/virtual';
import { makeStatus, NOW, registered } from './fake-api.ts';

describe('ui helpers', () => {
  it.each([
    ['https://chat.example.com/{id}', true],
    ['https://chat.example.com/?phone={phone}', true],
    ['', true],
    ['   ', true],
    ['https://chat.example.com/', false],
    ['http://chat.example.com/{id}', false],
    ['javascript:alert("{id}")', false],
    ['{id}', false],
    ['https://{id}', true],
  ])('chat template %j valid: %s', (template, valid) => {
    expect(validChatTemplate(template)).toBe(valid);
  });

  it('builds chat links with the id and phone encoded, https only', () => {
    expect(chatUrl('https://c.example/u/{id}/{phone}', { userId: 5, phone: '+15550101234' })).toBe(
      'https://c.example/u/5/%2B15550101234',
    );
    expect(chatUrl('', { userId: 5, phone: '1' })).toBeNull();
    expect(chatUrl('javascript:{id}', { userId: 5, phone: '1' })).toBeNull();
  });

  it.each([
    ['', ['endpoint', 'applicationId', 'authKey', 'login', 'password']],
    ['https://api.example.com', ['applicationId', 'authKey', 'login', 'password']],
  ])('cube form with endpoint %j flags the empty fields', (endpoint, fields) => {
    const errors = validateCubeForm({
      endpoint,
      applicationId: '',
      authKey: ' ',
      login: '',
      password: '',
    });
    expect(Object.keys(errors).sort()).toEqual([...fields].sort());
  });

  it.each([
    ['http://example.com', 'endpointNotHttps'],
    ['ftp://127.0.0.1', 'endpointNotHttps'],
    ['example.com', 'endpointNotUrl'],
    ['http://127.0.0.1:3000', undefined],
    ['http://localhost:3000', undefined],
    ['https://api.connectycube.com', undefined],
  ])('endpoint %s -> %s', (endpoint, error) => {
    expect(
      validateCubeForm({ endpoint, applicationId: '1', authKey: 'k', login: 'l', password: 'p' })
        .endpoint,
    ).toBe(error);
  });

  it('searches names case-insensitively and phones ignoring formatting', () => {
    const users = [
      registered(1, 'Ada Lovelace', '15550101234'),
      registered(2, 'Pizza 24', '442071838750', { fullName: 'Grace' }),
    ].map((r) => toUserView(r, 'US', false));
    const ids = (q: string) => filterUsers(users, q).map((u) => u.userId);
    expect(ids('ADA')).toEqual([1]);
    expect(ids('grace')).toEqual([2]);
    expect(ids('pizza 24')).toEqual([2]);
    expect(ids('+1 (555) 010-12')).toEqual([1]);
    expect(ids('555.010')).toEqual([1]);
    expect(ids('20 7183')).toEqual([2]);
    expect(ids('  ')).toEqual([1, 2]);
    expect(ids('nobody')).toEqual([]);
  });

  it('classifies the sync state, most urgent first', () => {
    const run = {
      id: 1,
      startedAt: 1,
      endedAt: 2,
      phase: 'upload' as const,
      trigger: 'alarm',
      counts: emptyCounts(),
    };
    expect(syncView(makeStatus(), null)).toEqual({ kind: 'synced', at: NOW - 120_000 });
    expect(syncView(makeStatus(), { phase: 'upload', done: 1 }).kind).toBe('syncing');
    expect(syncView(makeStatus({ google: { needsReconnect: true } }), null).kind).toBe(
      'google-reconnect',
    );
    expect(syncView(makeStatus({ cube: { signedIn: false } }), null).kind).toBe('setup');
    expect(
      syncView(
        makeStatus({
          lastRun: { ...run, error: 'CubeApiError: Unauthorized', errorKind: 'cube-auth' },
        }),
        null,
      ).kind,
    ).toBe('cube-sign-in');
    expect(
      syncView(makeStatus({ lastRun: { ...run, error: 'NetworkError: Could not reach x' } }), null),
    ).toEqual({ kind: 'error', error: 'NetworkError: Could not reach x' });
    const never = makeStatus();
    delete never.lastSuccessAt;
    expect(syncView(never, null).kind).toBe('never');
    expect(isCubeAuthError({ error: 'CubeSignedOutError: x', errorKind: 'cube-auth' })).toBe(true);
    expect(isCubeAuthError({ error: 'CubeApiError: Too many requests', errorKind: 'other' })).toBe(
      false,
    );
    expect(isCubeAuthError(undefined)).toBe(false);
  });

  it('formats for reading', () => {
    expect(syncedAgo(NOW - 20_000, NOW)).toBe('Synced just now');
    expect(syncedAgo(NOW - 2 * 60_000, NOW)).toBe('Synced 2 min ago');
    expect(syncedAgo(NOW - 3 * 3_600_000, NOW)).toBe('Synced 3 h ago');
    expect(syncedAgo(NOW - 3 * 86_400_000, NOW)).toMatch(/^Synced on /);
    expect(initials('Ada Lovelace King')).toBe('AL');
    expect(initials('émile zola')).toBe('ÉZ');
    expect(initials('+1 555')).toBe('#');
    expect(isHttpUrl('https://x.example/a.png')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('data:image/png;base64,AAAA')).toBe(false);
    expect(plainError('CubeApiError: Unauthorized')).toBe('Unauthorized');
  });

  it('computes the rendered window of a virtual list', () => {
    expect(visibleRange(0, 360, 64, 5000, 6)).toEqual({ start: 0, end: 12 });
    expect(visibleRange(64 * 100, 360, 64, 5000, 6)).toEqual({ start: 94, end: 112 });
    expect(visibleRange(64 * 5000, 360, 64, 5000, 6)).toEqual({ start: 4994, end: 5000 });
    expect(visibleRange(0, 360, 64, 3, 6)).toEqual({ start: 0, end: 3 });
    expect(scrollToShow(10, 0, 360, 64)).toBe(64 * 11 - 360);
    expect(scrollToShow(2, 640, 360, 64)).toBe(128);
    expect(scrollToShow(3, 100, 360, 64)).toBe(100);
  });
});
