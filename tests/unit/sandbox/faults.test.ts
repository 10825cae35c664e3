import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../sandbox/faults.ts';
import { serveHandler, type RunningServer } from '../../sandbox/http-adapter.ts';
import { inProcessFetch, type Handler } from '../../sandbox/transport.ts';
import { cubeFixture, googleFixture } from './fixtures.ts';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

type Transport = 'in-process' | 'http';

/** The same handler reached either directly or over a real socket on 127.0.0.1:0. */
async function reach(
  handler: Handler,
  transport: Transport,
): Promise<{ fetch: typeof fetch; base: string }> {
  if (transport === 'in-process')
    return { fetch: inProcessFetch(handler), base: 'http://sandbox.test' };
  const server = await serveHandler(handler, { port: 0 });
  servers.push(server);
  return { fetch: globalThis.fetch, base: server.url };
}

const TRANSPORTS: Transport[] = ['in-process', 'http'];
const LIST = '/v1/people/me/connections?personFields=names';

describe.each(TRANSPORTS)('faults over %s', (transport) => {
  describe('google', () => {
    async function setup(faults: Fault[]) {
      const fixture = googleFixture();
      fixture.state.addPerson({ givenName: 'Ada' });
      fixture.state.injectFault('/v1/people/me/connections', faults);
      const { fetch, base } = await reach(fixture.handler, transport);
      const get = () =>
        fetch(`${base}${LIST}`, { headers: { Authorization: `Bearer ${fixture.token}` } });
      return { ...fixture, get };
    }

    it.each([
      [{ kind: 'status', status: 500 } as Fault, 500, 'INTERNAL', null],
      [{ kind: 'status', status: 503 } as Fault, 503, 'UNAVAILABLE', null],
      [{ kind: 'status', status: 429, retryAfter: 2 } as Fault, 429, 'RESOURCE_EXHAUSTED', '2'],
    ])('%o answers %i %s once, then recovers', async (fault, status, name, retryAfter) => {
      const { get, state } = await setup([fault]);
      const failed = await get();
      expect(failed.status).toBe(status);
      expect(failed.headers.get('Retry-After')).toBe(retryAfter);
      expect(await failed.json()).toMatchObject({ error: { code: status, status: name } });
      expect((await get()).status).toBe(200);
      expect(state.log.entries.map((entry) => [entry.status, entry.fault])).toEqual([
        [status, 'status'],
        [200, undefined],
      ]);
    });

    it('drop: the client sees a network error, then the next request works', async () => {
      const { get, state } = await setup([{ kind: 'drop' }]);
      await expect(get()).rejects.toThrow(TypeError);
      expect((await get()).status).toBe(200);
      expect(state.log.entries[0]).toMatchObject({ status: 0, fault: 'drop' });
    });

    it('delay: waits, then answers normally', async () => {
      const { get, sleep } = await setup([{ kind: 'delay', ms: 3000 }]);
      expect((await get()).status).toBe(200);
      expect(sleep.calls).toEqual([3000]);
    });

    it('faults for another path or method are left queued', async () => {
      const { get, state } = await setup([]);
      state.injectFault('/v1/otherContacts', [{ kind: 'status', status: 500 }]);
      state.injectFault('/v1/people/me/connections', [{ kind: 'status', status: 500 }], 'POST');
      expect((await get()).status).toBe(200);
      expect(state.faults.list()).toHaveLength(2);
    });
  });

  describe('connectycube', () => {
    async function setup(faults: Fault[], method?: string) {
      const fixture = cubeFixture();
      const { user, token } = await fixture.login('alice');
      fixture.state.injectFault('/address_book', faults, method);
      const { fetch, base } = await reach(fixture.handler, transport);
      const upload = () =>
        fetch(`${base}/address_book`, {
          method: 'POST',
          headers: { 'CB-Token': token, 'Content-Type': 'application/json' },
          body: JSON.stringify({ contacts: [{ name: 'Bob', phone: '12125550143' }] }),
        });
      return { ...fixture, user, upload };
    }

    it.each([
      [
        { kind: 'status', status: 500 } as Fault,
        500,
        { errors: { base: ['Internal server error'] } },
        null,
      ],
      [
        { kind: 'status', status: 401 } as Fault,
        401,
        { errors: { base: ['Required session does not exist'] } },
        null,
      ],
      [
        { kind: 'status', status: 429, retryAfter: 5 } as Fault,
        429,
        { errors: { base: ['Too many requests'] } },
        '5',
      ],
      [
        { kind: 'status', status: 413, body: { errors: ['Too big'] } } as Fault,
        413,
        { errors: ['Too big'] },
        null,
      ],
    ])('%o answers %i and applies nothing', async (fault, status, body, retryAfter) => {
      const { upload, state, user } = await setup([fault]);
      const failed = await upload();
      expect(failed.status).toBe(status);
      expect(failed.headers.get('Retry-After')).toBe(retryAfter);
      expect(await failed.json()).toEqual(body);
      expect(state.book(user.id)).toEqual([]);
      expect((await upload()).status).toBe(200);
      expect(state.book(user.id)).toEqual([{ phone: '12125550143', name: 'Bob' }]);
    });

    it('drop: a network error, nothing applied', async () => {
      const { upload, state, user } = await setup([{ kind: 'drop' }]);
      await expect(upload()).rejects.toThrow(TypeError);
      expect(state.book(user.id)).toEqual([]);
    });

    it('drop-after-apply: a network error, but the upload was applied', async () => {
      const { upload, state, user } = await setup([{ kind: 'drop-after-apply' }]);
      await expect(upload()).rejects.toThrow(TypeError);
      expect(state.book(user.id)).toEqual([{ phone: '12125550143', name: 'Bob' }]);
      const entry = state.log.entries.at(-1);
      expect(entry).toMatchObject({
        method: 'POST',
        path: '/address_book',
        status: 200,
        fault: 'drop-after-apply',
      });
      // Resending is harmless: the phone is known with this name, nothing changes.
      expect(await (await upload()).json()).toEqual({
        deleted: 0,
        rejected: {},
        created: 0,
        updated: 0,
      });
    });

    it('delay: applied after the wait', async () => {
      const { upload, sleep } = await setup([{ kind: 'delay', ms: 1500 }]);
      expect((await upload()).status).toBe(200);
      expect(sleep.calls).toEqual([1500]);
    });

    it('a method filter leaves other methods alone', async () => {
      const { upload, state } = await setup([{ kind: 'status', status: 500 }], 'GET');
      expect((await upload()).status).toBe(200);
      expect(state.faults.pending).toBe(true);
    });
  });
});

describe('faults in-process: a client that gives up', () => {
  it('rejects with the abort reason during a delay; the server still applies the request', async () => {
    const fixture = cubeFixture();
    const { token, user } = await fixture.login('alice');
    let release = (): void => undefined;
    const { createCubeHandler } = await import('../../sandbox/cube-handler.ts');
    const handler = createCubeHandler(fixture.state, {
      sleep: () => new Promise<void>((resolve) => (release = resolve)),
    });
    fixture.state.injectFault('/address_book', [{ kind: 'delay', ms: 10_000 }]);
    const controller = new AbortController();
    const pending = inProcessFetch(handler)('http://cube.test/address_book', {
      method: 'POST',
      headers: { 'CB-Token': token },
      body: JSON.stringify({ contacts: [{ name: 'Late', phone: '12125550143' }] }),
      signal: controller.signal,
    });
    controller.abort(new DOMException('timed out', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(fixture.state.book(user.id)).toEqual([]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fixture.state.book(user.id)).toEqual([{ phone: '12125550143', name: 'Late' }]);
  });
});

describe('faults over real HTTP: connections', () => {
  function rawGet(url: string, agent?: Agent): Promise<{ res: IncomingMessage; socket: Socket }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { agent }, (res) => {
        const socket = res.socket;
        res.resume();
        res.on('end', () => resolve({ res, socket }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answers Connection: close while a fault is pending, keep-alive otherwise', async () => {
    const { handler, state } = googleFixture();
    const server = await serveHandler(handler);
    servers.push(server);
    const agent = new Agent({ keepAlive: true });
    const plain = await rawGet(`${server.url}${LIST}`, agent);
    expect(plain.res.headers.connection).toBe('keep-alive');
    // The idle keep-alive socket is closed when a fault gets queued (Chrome would reuse it).
    const closed = new Promise<void>((resolve) => plain.socket.once('close', () => resolve()));
    await fetch(`${server.url}/__control/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/v1/otherContacts', faults: [{ kind: 'drop' }] }),
    });
    await closed;
    const pending = await rawGet(`${server.url}${LIST}`, agent);
    expect(pending.res.headers.connection).toBe('close');
    state.faults.clear();
    agent.destroy();
  });

  it('really waits for a delay fault when no sleep is injected', async () => {
    const { GoogleState } = await import('../../sandbox/google-state.ts');
    const { createGoogleHandler } = await import('../../sandbox/google-handler.ts');
    const state = new GoogleState();
    state.injectFault('/v1/people/me/connections', [{ kind: 'delay', ms: 150 }]);
    const server = await serveHandler(createGoogleHandler(state));
    servers.push(server);
    const started = performance.now();
    const response = await fetch(`${server.url}${LIST}`);
    expect(response.status).toBe(401);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});
