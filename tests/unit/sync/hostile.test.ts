// Servers that answer wrongly, scripted through the sandboxes' fault layer, against the real engine
// and clients: each case ends with the run record telling what happened and, once the server
// behaves again, the server's book checked entry by entry against what the extension means it to be.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY } from '@/lib/net/retry';
import { abortableSleep } from '@/lib/net/sleep';
import { createPeopleClient } from '@/lib/google/people-client';
import type { Fault } from '../../sandbox/index.ts';
import {
  SCOPE_CONTACTS_READONLY,
  createGoogleHandler,
  generatePeople,
  inProcessFetch,
} from '../../sandbox/index.ts';
import { fakeNet } from '../fake-net.ts';
import { engineWorld } from './engine-world.ts';

const PEOPLE = generatePeople(40, 5);
const REGISTERED = '/address_book/registered_users';
const CONNECTIONS = '/v1/people/me/connections';

type World = Awaited<ReturnType<typeof engineWorld>>;

async function lastRun(w: World) {
  return (await w.db.runs.orderBy('id').last())!;
}

/** The last run's error detail (a failed run's own words, untranslated); '' if it did not fail. */
async function lastError(w: World): Promise<string> {
  const run = await lastRun(w);
  return run.status === 'failed' ? run.error.params.join(' ') : '';
}

/** After the server behaves again, the next run leaves its book exactly as wanted. */
async function recovers(w: World): Promise<void> {
  expect(await w.engine.run('manual')).toMatchObject({ status: 'ok' });
  const wanted = await w.wanted();
  expect(wanted.size).toBeGreaterThan(20);
  expect([...w.serverBook()].sort()).toEqual([...wanted].sort());
}

describe('answers that are wrong', () => {
  it.each<[string, string, Fault, string]>([
    [
      'registered users as broken JSON',
      REGISTERED,
      { kind: 'raw', status: 200, body: '{"items": [' },
      'ConnectyCube sent a malformed answer: registered users is not an object',
    ],
    [
      'registered users whose items are not a list',
      REGISTERED,
      { kind: 'json', body: { items: 'oops' } },
      'ConnectyCube sent a malformed answer: items is not a list',
    ],
    [
      'an upload answer refusing a contact the request does not have',
      '/address_book',
      { kind: 'json', body: { created: 1, rejected: { '900': ['no'] } } },
      'rejected.900 names no contact of the request',
    ],
    [
      'a People page that is not JSON',
      CONNECTIONS,
      { kind: 'raw', status: 200, body: '<html>proxy</html>', contentType: 'text/html' },
      'Google People API sent a malformed answer: page is not JSON',
    ],
    [
      'a People page whose connections are not a list',
      CONNECTIONS,
      { kind: 'json', body: { connections: { a: 1 } } },
      'Google People API sent a malformed answer: connections is not a list',
    ],
  ])('%s: the run fails saying so, nothing is stored', async (_title, path, fault, message) => {
    const w = await engineWorld({ people: PEOPLE });
    if (path === REGISTERED || path === CONNECTIONS) {
      (path === CONNECTIONS ? w.google : w.cube).injectFault(path, [fault]);
    } else w.cube.injectFault(path, [fault], 'POST');
    const outcome = await w.engine.run('manual');
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(await lastError(w)).toContain(message);
    expect(await w.db.registered.count()).toBe(0);
    await recovers(w);
  });

  it('registered users with numbers where strings belong: dropped, counted, the rest stored', async () => {
    const w = await engineWorld({ people: PEOPLE });
    const phone = [...(await (async () => (await w.engine.run('manual'), w.wanted()))())][0]![0];
    const user = w.cube.registerUser({ login: 'amy', password: 'amy-pass-1', phone });
    w.cube.injectFault(REGISTERED, [
      {
        kind: 'json',
        body: {
          items: [
            { user: { id: user.id, phone, address_book_name: 'Amy' } },
            { user: { id: 'x', phone: 12125550101, address_book_name: 5 } },
            { user: null },
            'oops',
          ],
        },
      },
    ]);
    expect(await w.engine.run('manual')).toMatchObject({ status: 'ok' });
    expect((await lastRun(w)).counts.dropped).toBe(3);
    expect((await w.db.registered.toArray()).map((r) => [r.userId, r.phone])).toEqual([
      [user.id, phone],
    ]);
  });

  it('a People answer that repeats its page token: the listing stops, and the next run ends it', async () => {
    const w = await engineWorld({ people: PEOPLE });
    const loop = { kind: 'json' as const, body: { connections: [], nextPageToken: 'same' } };
    w.google.injectFault(CONNECTIONS, [loop, loop, loop]);
    w.google.log.clear();
    expect(await w.engine.run('manual')).toMatchObject({ status: 'failed' });
    expect(await lastError(w)).toContain('nextPageToken of a page already read');
    expect(w.google.log.entries.length).toBeLessThanOrEqual(2);
    w.google.faults.clear();
    await recovers(w);
  });

  it('a listing Google restarts again and again: one restart per run, then a failure', async () => {
    const w = await engineWorld({ people: PEOPLE });
    expect((await w.engine.run('manual')).status).toBe('ok');
    const expired = {
      kind: 'json' as const,
      status: 400,
      body: {
        error: {
          code: 400,
          message:
            'Sync token is expired. Clear local cache and retry call without the sync token.',
          status: 'FAILED_PRECONDITION',
          details: [{ reason: 'EXPIRED_SYNC_TOKEN' }],
        },
      },
    };
    w.google.injectFault(CONNECTIONS, Array(10).fill(expired));
    w.google.log.clear();
    expect(await w.engine.run('manual')).toMatchObject({ status: 'failed' });
    expect(await lastError(w)).toContain('asked again to restart the listing');
    expect(w.google.log.entries.length).toBe(2);
    w.google.faults.clear();
    await recovers(w);
  });
});

describe('Google asks for patience, or for a fresh start', () => {
  it("an expired sync token answered with 410 (as Google's client docs say): a full listing, the run completes", async () => {
    const w = await engineWorld({ people: PEOPLE });
    expect((await w.engine.run('manual')).status).toBe('ok');
    w.google.injectFault(CONNECTIONS, [{ kind: 'status', status: 410 }]);
    w.google.log.clear();
    expect(await w.engine.run('manual')).toMatchObject({ status: 'ok' });
    const asked = w.google.log.entries.map((e) => [e.status, e.query.syncToken !== undefined]);
    expect(asked).toEqual([
      [410, true],
      [200, false],
    ]);
  });

  it('429 on the first page of a full listing: one request, the run stops saying so; the next run completes', async () => {
    const w = await engineWorld({ people: PEOPLE });
    const quota: Fault = { kind: 'status', status: 429, retryAfter: 2 };
    w.google.injectFault(CONNECTIONS, Array<Fault>(DEFAULT_RETRY_POLICY.retries + 1).fill(quota));
    expect(await w.engine.run('manual')).toMatchObject({ status: 'failed' });
    // A per-minute quota: no retry within the run, the schedule's retry comes a minute later.
    expect(w.google.log.entries.map((e) => e.status)).toEqual([429]);
    expect(await lastRun(w)).toMatchObject({
      status: 'failed',
      error: { kind: 'google-quota', code: 'google-quota', params: [] },
    });
    expect(await w.db.people.count()).toBe(0);
    w.google.faults.clear();
    await recovers(w);
  });

  it('a page token judged repeated is dropped: the next listing starts fresh and sees what changed meanwhile', async () => {
    const w = await engineWorld({ people: generatePeople(1_500, 5) });
    // Page 1 as Google sends it; asked for page 2, the server hands back page 1's token again.
    const probe = createPeopleClient({
      apiUrl: 'http://google.test',
      tokens: {
        token: async () => w.google.issueToken([SCOPE_CONTACTS_READONLY]).accessToken,
        invalidate: async () => undefined,
      },
      net: fakeNet(inProcessFetch(createGoogleHandler(w.google)), w.clock.now),
    });
    const page1 = (await probe.list({ source: 'contact' })).nextPageToken;
    expect(page1).toBeDefined();
    const repeat: Fault = { kind: 'json', body: { connections: [], nextPageToken: page1 } };
    w.google.injectFault(CONNECTIONS, [{ kind: 'delay', ms: 0 }, repeat]);
    expect(await w.engine.run('manual')).toMatchObject({ status: 'failed' });
    expect(await lastError(w)).toContain('nextPageToken of a page already read');
    // Meanwhile a contact of page 1 gets a new number.
    w.google.updatePerson(w.refs[0]!, { givenName: 'Ada', phones: ['+1 212 555 0199'] });
    w.google.log.clear();
    expect(await w.engine.run('manual')).toMatchObject({ status: 'ok' });
    expect(w.serverBook().get('12125550199')).toBeDefined();
    expect([...w.serverBook()].sort()).toEqual([...(await w.wanted())].sort());
    expect(w.google.log.entries[0]?.query.pageToken).toBeUndefined();
  }, 20_000);
});

describe('answers that never end', () => {
  // Real timers with a short deadline: the engine's one deadline covers headers and body.
  const net = {
    deps: (fetch: typeof globalThis.fetch) => ({
      fetch,
      sleep: abortableSleep,
      random: () => 0.5,
      now: Date.now,
    }),
    policy: { ...DEFAULT_RETRY_POLICY, retries: 1, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 300 },
  };

  it('a body that trickles past the deadline is a timeout; the run fails and the next one recovers', async () => {
    const w = await engineWorld({ people: PEOPLE, net });
    const trickle: Fault = { kind: 'trickle', intervalMs: 100, chunks: 10 };
    w.cube.injectFault(REGISTERED, [trickle, trickle]);
    const started = Date.now();
    expect(await w.engine.run('manual')).toMatchObject({ status: 'failed' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await lastRun(w)).toMatchObject({
      status: 'failed',
      error: { kind: 'network', code: 'network-timeout', params: ['cube.test'] },
    });
    await recovers(w);
  }, 20_000);

  it('an answer far too big is refused, not read to the end', async () => {
    const w = await engineWorld({ people: PEOPLE, net });
    w.cube.injectFault(REGISTERED, [{ kind: 'oversize', bytes: 17 * 1024 * 1024 }]);
    expect(await w.engine.run('manual')).toMatchObject({ status: 'failed' });
    expect(await lastError(w)).toContain('sent an answer larger than 16 MB');
    await recovers(w);
  }, 20_000);
});

describe('a server that takes only small batches', () => {
  it('413 on a large batch: the client halves it and goes on; the book is complete', async () => {
    const w = await engineWorld({ people: PEOPLE, batchSize: 16 });
    w.cube.updateApp(w.cube.defaultApp.applicationId, { maxBatch: 5 });
    w.cube.log.clear();
    expect(await w.engine.run('manual')).toMatchObject({ status: 'ok' });
    const posts = w.cube.log.entries.filter((e) => e.path === '/address_book');
    expect(posts.some((e) => e.status === 413)).toBe(true);
    expect(posts.filter((e) => e.status === 200).length).toBeGreaterThan(4);
    const wanted = await w.wanted();
    expect([...w.serverBook()].sort()).toEqual([...wanted].sort());
    expect(await w.db.inflight.count()).toBe(0);
  });
});
