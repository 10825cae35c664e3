// The live check against the sandbox's fault modes: each gives its ✗ line and advice, and the
// check still leaves nothing on the server; a server that hangs cannot keep it past its deadline.
import { afterEach, describe, expect, it } from 'vitest';
import { exitCode } from '@/lib/live-check/report';
import { CHECK_DEADLINE_MS } from '@/lib/live-check/run';
import type { Fault } from '../../sandbox/index.ts';
import { check, liveWorld, PASSWORD, type LiveWorld } from './world.ts';

let world: LiveWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Nothing of the check's on the server: no entry in any book, subscription, session or user. */
function expectNothingLeft(w: LiveWorld): void {
  const { cube } = w.sandbox;
  const udids = new Set<string>();
  for (const entry of cube.log.entries) {
    const body = entry.body as { udid?: unknown } | undefined;
    if (typeof body?.udid === 'string') udids.add(body.udid);
    if (typeof entry.query.udid === 'string') udids.add(entry.query.udid);
  }
  for (const udid of udids) expect(cube.book(w.userId, udid)).toEqual([]);
  expect(cube.book(w.userId)).toEqual([]);
  expect(cube.subscriptions()).toEqual([]);
  expect(cube.sessions.list()).toEqual([]);
  expect(cube.listUsers().map((u) => u.id)).toEqual([w.userId]);
}

function fault(w: LiveWorld, path: string, faults: Fault[], method?: string): void {
  w.sandbox.cube.injectFault(path, faults, method);
}

describe('live check, faults', () => {
  it('a wrong auth key: the session ✗ names the two variables', async () => {
    world = await liveWorld();
    const { step, report, text } = await check({
      ...world.env,
      WXT_CONNECTYCUBE_AUTH_KEY: 'not-the-key',
    });
    expect(step('session')).toMatchObject({ outcome: 'fail', detail: 'Unexpected signature' });
    expect(step('session').requests).toEqual([{ method: 'POST', path: '/session', status: 401 }]);
    expect(step('session').advice).toContain(
      'copy WXT_CONNECTYCUBE_APP_ID and WXT_CONNECTYCUBE_AUTH_KEY',
    );
    expect(step('upload')).toMatchObject({ outcome: 'skip', detail: 'needs a session' });
    expect(text).not.toContain('not-the-key');
    expect(exitCode(report)).toBe(1);
    expectNothingLeft(world);
  });

  it('a refusal that echoes the password is printed without it', async () => {
    world = await liveWorld();
    const echo = { errors: { base: [`password "${PASSWORD}" is refused`] } };
    fault(world, '/session', [{ kind: 'status', status: 422, body: echo }], 'POST');
    const { text } = await check(world.env);
    expect(text).toContain(
      '✗ session (login)              POST /session 422 · password "[hidden]" is refused',
    );
    expect(text).not.toContain(PASSWORD);
  });

  it('on-the-fly creation on: ✗ with the advice, the user made is deleted, exit 0', async () => {
    world = await liveWorld();
    world.sandbox.cube.updateApp(world.sandbox.cubeApp.applicationId, {
      createUsersOnSession: true,
    });
    const { step, report, text } = await check(world.env);
    const probe = step('on-the-fly');
    expect(probe).toMatchObject({ outcome: 'fail', required: false });
    expect(
      probe.requests.map((r) => `${r.method} ${r.path.replace(/\d+$/, 'N')} ${r.status}`),
    ).toEqual(['POST /session 201', 'DELETE /users/N 200', 'DELETE /session 401']);
    expect(text).toMatch(
      /✗ users on the fly .*user \d+ was created, and deleted again with its own session \(advice only/,
    );
    expect(text).toContain(
      '→ the app creates users on the fly: the extension will ask users who mistype their login; deny creation in the dashboard to avoid it',
    );
    expect(step('nothing-left')).toMatchObject({ outcome: 'pass' });
    expect(exitCode(report)).toBe(0);
    expectNothingLeft(world);
  });

  it('a 413 on upload: ✗ with the batch advice, nothing uploaded, nothing left', async () => {
    world = await liveWorld();
    world.sandbox.cube.updateApp(world.sandbox.cubeApp.applicationId, { maxBatch: 1 });
    const { step, report } = await check(world.env);
    expect(step('upload')).toMatchObject({
      outcome: 'fail',
      detail: 'Request Entity Too Large',
      requests: [{ method: 'POST', path: '/address_book', status: 413 }],
    });
    expect(step('upload').advice).toContain('allow request bodies of at least 1 MB');
    expect(step('read-back').outcome).toBe('skip');
    expect(step('delete-entries')).toMatchObject({
      outcome: 'pass',
      detail: 'the scratch book is empty',
    });
    expect(step('nothing-left')).toMatchObject({ outcome: 'pass' });
    expect(exitCode(report)).toBe(1);
    expectNothingLeft(world);
  });

  it('a malformed answer: ✗ names the field and the endpoint variable, cleanup still runs', async () => {
    world = await liveWorld();
    fault(world, '/address_book/registered_users', [{ kind: 'json', body: { items: 'oops' } }]);
    const { step, report } = await check(world.env);
    expect(step('registered')).toMatchObject({
      outcome: 'fail',
      detail: 'ConnectyCube sent a malformed answer: items is not a list',
    });
    expect(step('registered').advice).toContain(
      'check that WXT_CONNECTYCUBE_API_URL is the API itself',
    );
    expect(step('delete-entries')).toMatchObject({ outcome: 'pass', detail: 'deleted 2 of 2' });
    expect(exitCode(report)).toBe(1);
    expectNothingLeft(world);
  });

  it('a subscription the list does not show: ✗, and the last step reports what was left', async () => {
    world = await liveWorld();
    fault(world, '/subscriptions', [{ kind: 'json', body: [] }], 'GET');
    const { step, report } = await check(world.env);
    expect(step('push-unsubscribe')).toMatchObject({
      outcome: 'fail',
      detail: 'listed and deleted 0',
    });
    expect(step('nothing-left')).toMatchObject({
      outcome: 'fail',
      detail: 'left: 1 test subscription(s), deleted now',
    });
    expect(exitCode(report)).toBe(1);
    expectNothingLeft(world);
  });

  it('an answer that trickles past the deadline: the check ends on time and still cleans up', async () => {
    world = await liveWorld();
    // Applied at once, its answer then takes ten minutes.
    fault(world, '/address_book', [{ kind: 'trickle', intervalMs: 1000, chunks: 600 }], 'POST');
    const started = Date.now();
    const { step, report } = await check(world.env, { deadlineMs: 3000, cleanupMs: 1500 });
    expect(Date.now() - started).toBeLessThan(3500);
    expect(step('upload')).toMatchObject({
      outcome: 'fail',
      detail: "no answer within the live check's 3 s",
    });
    expect(step('upload').advice).toContain('kept the check waiting past its deadline');
    expect(step('read-back')).toMatchObject({ outcome: 'skip' });
    expect(step('registered')).toMatchObject({
      outcome: 'fail',
      detail: 'not run: the check ran out of time',
    });
    expect(step('delete-entries')).toMatchObject({ outcome: 'pass', detail: 'deleted 2 of 2' });
    expect(step('nothing-left')).toMatchObject({ outcome: 'pass' });
    expect(exitCode(report)).toBe(1);
    expectNothingLeft(world);
  });

  it('a server that hangs on everything: the check ends by its deadline, saying what may be left', async () => {
    world = await liveWorld();
    const hang: Fault[] = Array.from({ length: 50 }, () => ({
      kind: 'trickle',
      intervalMs: 1000,
      chunks: 600,
    }));
    fault(world, '/address_book', hang);
    const started = Date.now();
    const { step, report, text } = await check(world.env, { deadlineMs: 2000, cleanupMs: 1000 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(step('delete-entries').outcome).toBe('fail');
    expect(step('delete-entries').advice).toContain('may still hold test entries');
    expect(text).toContain('✗ upload to a scratch book');
    expect(exitCode(report)).toBe(1);
  });

  it('gives the whole check one minute', () => {
    expect(CHECK_DEADLINE_MS).toBe(60_000);
  });
});
