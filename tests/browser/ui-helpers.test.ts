import { describe, expect, it } from 'vitest';
import { initials, isHttpsUrl, plainError, syncedAgo } from '@/lib/ui/format';
import { emptyCounts } from '@/lib/sync/engine';
import { RUN_ERROR_CODES } from '@/lib/domain/errors';
import { RequestFailed, type RunError, type RunErrorCode } from '@/lib/messaging/protocol';
import { runErrorText } from '@/lib/run-error-text';
import { checkOutcome } from '@/lib/ui/outcome';
import { signInRequest } from '@/lib/ui/sign-in';
import { isCubeAuthError, needsSetup, syncView } from '@/lib/ui/sync-state';
import { triggerLabel } from '@/lib/ui/triggers';
import { chatUrl, filterUsers, orderUsers, toUserView } from '@/lib/ui/users';
import { validChatTemplate, validateSignIn, type SignInFields } from '@/lib/ui/validate';
import { scrollToShow, visibleRange } from '@/lib/ui/virtual';
import { ADA, cubeSignedIn, cubeSignedOut, makeStatus, NOW, registered } from './fake-api.ts';

const BUILT_IN = { builtInApp: true, endpoint: 'https://api.example.com' };
const OWN_APP = { builtInApp: false, endpoint: 'https://api.example.com' };
const form = (values: Partial<SignInFields>): SignInFields => ({
  endpoint: 'https://api.example.com',
  applicationId: '',
  authKey: '',
  login: 'ada',
  password: 'secret',
  ...values,
});

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
  ])('cube form of an own app with endpoint %j flags the empty fields', (endpoint, fields) => {
    const errors = validateSignIn(
      form({ endpoint, applicationId: '', authKey: ' ', login: '', password: '' }),
      OWN_APP,
    );
    expect(Object.keys(errors).sort()).toEqual([...fields].sort());
  });

  it.each<[Partial<SignInFields>, Record<string, string>]>([
    [{}, {}],
    [
      { login: ' ', password: '' },
      { login: 'fieldRequired', password: 'fieldRequired' },
    ],
    [{ applicationId: '42' }, { authKey: 'appBothOrNeither' }],
    [{ authKey: 'k' }, { applicationId: 'appBothOrNeither' }],
    [
      { endpoint: 'https://cube.example.org' },
      { applicationId: 'appBothOrNeither', authKey: 'appBothOrNeither' },
    ],
    [
      { endpoint: 'http://cube.example.org', applicationId: '42', authKey: 'k' },
      { endpoint: 'endpointNotHttps' },
    ],
    [{ endpoint: 'http://localhost:8080', applicationId: '42', authKey: 'k' }, {}],
  ])('cube form with the built-in app %j -> %j', (values, errors) => {
    expect(validateSignIn(form(values), BUILT_IN)).toEqual(errors);
  });

  it('sends the app only when Advanced was used', () => {
    expect(signInRequest(form({ login: ' ada ' }), true, BUILT_IN)).toStrictEqual({
      login: 'ada',
      password: 'secret',
      staySignedIn: true,
    });
    expect(
      signInRequest(form({ applicationId: ' 42 ', authKey: 'k' }), false, BUILT_IN),
    ).toStrictEqual({
      login: 'ada',
      password: 'secret',
      staySignedIn: false,
      app: { endpoint: 'https://api.example.com', applicationId: '42', authKey: 'k' },
    });
    expect(signInRequest(form({ applicationId: '1', authKey: 'k' }), true, OWN_APP).app).toEqual({
      endpoint: 'https://api.example.com',
      applicationId: '1',
      authKey: 'k',
    });
  });

  it.each([
    // What production writes.
    ['manual', 'Sync now'],
    ['scheduled', 'Scheduled'],
    ['retry', 'Retry'],
    ['signed-in', 'Signed in'],
    ['google-connected', 'Google connected'],
    ['push', 'Server notice'],
    // What older versions stored.
    ['alarm', 'Scheduled'],
    ['sync', 'Scheduled'],
    ['sync-retry', 'Retry'],
    // Unknown: shown as stored, never a prototype property.
    ['from-the-future', 'from-the-future'],
    ['toString', 'toString'],
  ])('trigger %s reads %j', (trigger, label) => {
    expect(triggerLabel(trigger)).toBe(label);
  });

  it('turns a run that did not succeed into a typed error', () => {
    const counts = emptyCounts();
    expect(checkOutcome({ status: 'ok', runId: 1, counts })).toEqual({
      status: 'ok',
      runId: 1,
      counts,
    });
    const failed = (run: () => unknown): unknown[] => {
      try {
        run();
      } catch (error) {
        return error instanceof RequestFailed ? [error.kind, error.message] : [error];
      }
      return ['no error'];
    };
    expect(
      failed(() =>
        checkOutcome({
          status: 'failed',
          runId: 2,
          counts,
          error: { kind: 'other', code: 'cube-refused', params: ['Too many requests'] },
        }),
      ),
    ).toEqual(['sync-failed', 'ConnectyCube refused: Too many requests']);
    // Google's read quota reads in the user's language, not as the engine's English line.
    expect(
      failed(() =>
        checkOutcome({
          status: 'failed',
          runId: 3,
          counts,
          error: { kind: 'google-quota', code: 'google-quota', params: [] },
        }),
      ),
    ).toEqual([
      'sync-failed',
      'Google allows only so many contact reads per minute, and that limit was reached for now.',
    ]);
    expect(failed(() => checkOutcome({ status: 'not-ready', reason: 'google-reconnect' }))).toEqual(
      ['google-reconnect', 'Google stopped accepting the saved sign-in.'],
    );
    expect(failed(() => checkOutcome({ status: 'not-ready', reason: 'google' }))[0]).toBe('other');
    expect(failed(() => checkOutcome({ status: 'not-ready', reason: 'cube-sign-in' }))).toEqual([
      'cube-sign-in',
      'Your ConnectyCube session ended. Sign in again to keep syncing.',
    ]);
  });

  it('puts the notified user first, then newest joins, then names', () => {
    const users = [
      registered(1, 'Bea', '1555', { joinedAt: 10 }),
      registered(2, 'Al', '1556'),
      registered(3, 'Cy', '1557', { joinedAt: 20 }),
      registered(4, 'Ab', '1558'),
    ].map((r) => toUserView(r, false));
    const order = (focus: number | null) => orderUsers(users, focus).map((u) => u.name);
    expect(order(null)).toEqual(['Cy', 'Bea', 'Ab', 'Al']);
    expect(order(2)).toEqual(['Al', 'Cy', 'Bea', 'Ab']);
    expect(order(99)).toEqual(['Cy', 'Bea', 'Ab', 'Al']);
    expect(users.map((u) => u.name)).toEqual(['Bea', 'Al', 'Cy', 'Ab']);
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
      validateSignIn(form({ endpoint, applicationId: '1', authKey: 'k' }), OWN_APP).endpoint,
    ).toBe(error);
  });

  it('searches names case-insensitively and phones ignoring formatting', () => {
    const users = [
      registered(1, 'Ada Lovelace', '15550101234'),
      registered(2, 'Pizza 24', '442071838750', { fullName: 'Grace' }),
    ].map((r) => toUserView(r, false));
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
      status: 'failed' as const,
    };
    const failed = (error: RunError) => ({ ...run, error });
    expect(syncView(makeStatus(), null)).toEqual({ kind: 'synced', at: NOW - 120_000 });
    expect(syncView(makeStatus(), { phase: 'upload', done: 1 }).kind).toBe('syncing');
    expect(syncView(makeStatus({ google: { needsReconnect: true } }), null).kind).toBe(
      'google-reconnect',
    );
    expect(syncView(makeStatus({ cube: cubeSignedOut() }), null).kind).toBe('setup');
    const confirmNew = {
      state: 'confirm-new',
      endpoint: 'x',
      builtInApp: true,
      phoneSignIn: false,
      user: ADA,
      needsSignIn: false,
    } as const;
    expect(needsSetup(makeStatus({ cube: confirmNew }))).toBe(true);
    expect(
      needsSetup(makeStatus({ consent: { consent: { state: 'needed', changed: true } } })),
    ).toBe(true);
    expect(needsSetup(makeStatus())).toBe(false);
    expect(syncView(makeStatus({ cube: cubeSignedIn({ needsSignIn: true }) }), null).kind).toBe(
      'cube-sign-in',
    );
    expect(
      syncView(
        makeStatus({
          lastRun: failed({ kind: 'cube-sign-in', code: 'cube-refused', params: ['Unauthorized'] }),
        }),
        null,
      ).kind,
    ).toBe('cube-sign-in');
    expect(
      syncView(
        makeStatus({
          lastRun: failed({ kind: 'network', code: 'network-unreachable', params: ['x'] }),
        }),
        null,
      ),
    ).toEqual({ kind: 'error', error: 'Could not reach x.' });
    // An interrupted run is no failure: the header tells when the last sync succeeded.
    expect(syncView(makeStatus({ lastRun: { ...run, status: 'interrupted' } }), null)).toEqual({
      kind: 'synced',
      at: NOW - 120_000,
    });
    expect(
      syncView(
        makeStatus({
          lastRun: failed({ kind: 'google-quota', code: 'google-quota', params: [] }),
        }),
        null,
      ),
    ).toEqual({
      kind: 'error',
      error:
        'Google allows only so many contact reads per minute, and that limit was reached for now.',
    });
    const never = makeStatus();
    delete never.lastSuccessAt;
    expect(syncView(never, null).kind).toBe('never');
    expect(
      isCubeAuthError(failed({ kind: 'cube-sign-in', code: 'cube-signed-out', params: [] })),
    ).toBe(true);
    expect(
      isCubeAuthError(failed({ kind: 'other', code: 'cube-refused', params: ['Too many'] })),
    ).toBe(false);
    expect(isCubeAuthError(undefined)).toBe(false);
  });

  it("says every run error in words, with the service's own words and the host where it has them", () => {
    const say = (code: RunErrorCode, params: string[] = []) =>
      runErrorText({ kind: 'other', code, params });
    expect(RUN_ERROR_CODES.map((code) => say(code, ['X']))).toEqual([
      'Not signed in to ConnectyCube.',
      'The ConnectyCube session ended: sign in again.',
      'ConnectyCube refused: X',
      'Google access expired and could not be renewed without you: reconnect Google.',
      'Google allows only so many contact reads per minute, and that limit was reached for now.',
      'Google refused: X',
      'A service refused: X',
      "This browser's own address book has no id (udid): nothing was sent to the server.",
      'X did not answer in time.',
      'Could not reach X.',
      'Unexpected error: X',
    ]);
  });

  it('formats for reading', () => {
    expect(syncedAgo(NOW - 20_000, NOW)).toBe('Synced just now');
    expect(syncedAgo(NOW - 2 * 60_000, NOW)).toBe('Synced 2 min ago');
    expect(syncedAgo(NOW - 3 * 3_600_000, NOW)).toBe('Synced 3 h ago');
    expect(syncedAgo(NOW - 3 * 86_400_000, NOW)).toMatch(/^Synced on /);
    expect(initials('Ada Lovelace King')).toBe('AL');
    expect(initials('émile zola')).toBe('ÉZ');
    expect(initials('+1 555')).toBe('#');
    expect(plainError('CubeApiError: Unauthorized')).toBe('Unauthorized');
  });

  it.each([
    ['https://x.example/a.png', true],
    ['HTTPS://X.EXAMPLE/A.PNG', true],
    // Plain http: anyone on the path sees the picture fetched, the app user learns the viewer's IP.
    ['http://x.example/a.png', false],
    ['//x.example/a.png', false],
    ['javascript:alert(1)', false],
    ['data:image/png;base64,AAAA', false],
    ['blob:https://x.example/0f6c', false],
    ['ftp://x.example/a.png', false],
    ['not a url', false],
    ['', false],
    [undefined, false],
    [null, false],
    [42, false],
  ])('loads avatar %j: %s', (value, loaded) => {
    expect(isHttpsUrl(value)).toBe(loaded);
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
