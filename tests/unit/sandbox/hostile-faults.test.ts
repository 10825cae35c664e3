// Faults that answer badly rather than fail: raw text, well-formed but wrong JSON, a body too
// large to keep. Same expectations in-process and over a real socket.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Fault } from '../../sandbox/faults.ts';
import { cubeFixture, googleFixture } from './fixtures.ts';
import { responseMeta, setResponseMeta, type Handler } from '../../sandbox/transport.ts';
import { closeServers, countBytes, reach, readPieces, TRANSPORTS } from './hostile-helpers.ts';

afterEach(closeServers);

const LIST = '/v1/people/me/connections?personFields=names';
const GOOGLE_JSON = 'application/json; charset=UTF-8';

describe.each(TRANSPORTS)('hostile answers over %s', (transport) => {
  async function google(faults: Fault[]) {
    const fixture = googleFixture();
    fixture.state.addPerson({ givenName: 'Ada' });
    fixture.state.injectFault('/v1/people/me/connections', faults);
    const { fetch, base } = await reach(fixture.handler, transport);
    const get = () =>
      fetch(`${base}${LIST}`, { headers: { Authorization: `Bearer ${fixture.token}` } });
    return { ...fixture, get };
  }

  async function cube(faults: Fault[]) {
    const fixture = cubeFixture();
    const { user, token } = await fixture.login('alice');
    fixture.state.injectFault('/address_book', faults, 'POST');
    const { fetch, base } = await reach(fixture.handler, transport);
    const upload = () =>
      fetch(`${base}/address_book`, {
        method: 'POST',
        headers: { 'CB-Token': token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ contacts: [{ name: 'Bob', phone: '12125550143' }] }),
      });
    return { ...fixture, user, upload };
  }

  it('raw: malformed JSON as given, with the JSON content type, then the real answer', async () => {
    const { get, state } = await google([{ kind: 'raw', status: 200, body: '{"items": [' }]);
    const broken = await get();
    expect(broken.status).toBe(200);
    expect(broken.headers.get('content-type')).toBe(GOOGLE_JSON);
    expect(await broken.text()).toBe('{"items": [');
    const fine = await get();
    expect(await fine.json()).toMatchObject({
      connections: [{ resourceName: expect.any(String) }],
    });
    expect(state.log.entries.map((entry) => [entry.status, entry.fault])).toEqual([
      [200, 'raw'],
      [200, undefined],
    ]);
  });

  it('raw: an HTML page with its own content type; the upload is not applied', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const { upload, state, user } = await cube([
      { kind: 'raw', status: 502, body: html, contentType: 'text/html' },
    ]);
    const answer = await upload();
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toBe('text/html');
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(await answer.text()).toBe(html);
    expect(state.book(user.id)).toEqual([]);
  });

  it('json: a page token that repeats, twice, then the real listing', async () => {
    const page = { connections: [{ resourceName: 'people/c1' }], nextPageToken: 'same' };
    const { get } = await google([
      { kind: 'json', body: page },
      { kind: 'json', body: page },
    ]);
    for (const _ of [1, 2]) {
      const answer = await get();
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe(GOOGLE_JSON);
      expect(await answer.json()).toEqual(page);
    }
    expect(await (await get()).json()).not.toHaveProperty('nextPageToken');
  });

  it.each([
    [{ kind: 'json', body: { items: 'oops' } } as Fault, 200, { items: 'oops' }],
    [
      { kind: 'json', body: { items: [{ id: '7', phone: 12125550143 }] } } as Fault,
      200,
      { items: [{ id: '7', phone: 12125550143 }] },
    ],
    [{ kind: 'json', status: 422, body: null } as Fault, 422, null],
    // The older spelling: a status fault with a body, at 200.
    [{ kind: 'status', status: 200, body: { deleted: 'x' } } as Fault, 200, { deleted: 'x' }],
  ])('%o answers %i with that body; nothing applied', async (fault, status, body) => {
    const { upload, state, user } = await cube([fault]);
    const answer = await upload();
    expect(answer.status).toBe(status);
    expect(await answer.json()).toEqual(body);
    expect(state.book(user.id)).toEqual([]);
    expect(state.log.entries.at(-1)).toMatchObject({ status, fault: fault.kind });
  });

  it('oversize: exactly N bytes of valid JSON, chunked, in several pieces', async () => {
    const bytes = 3 * 64 * 1024 + 17;
    const { get, state } = await google([{ kind: 'oversize', bytes }]);
    const answer = await get();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(GOOGLE_JSON);
    expect(answer.headers.get('content-length')).toBeNull();
    const { pieces, text } = await readPieces(answer);
    expect(pieces).toBeGreaterThan(1);
    expect(Buffer.byteLength(text)).toBe(bytes);
    expect(JSON.parse(text)).toEqual({ padding: 'x'.repeat(bytes - 14) });
    expect(state.log.entries.at(-1)).toMatchObject({
      status: 200,
      fault: 'oversize',
      responseBytes: bytes,
    });
  });

  it('oversize: 20 MB counted as it streams; nothing applied', async () => {
    const bytes = 20 * 1024 * 1024;
    const { upload, state, user } = await cube([{ kind: 'oversize', bytes }]);
    expect(await countBytes(await upload())).toBe(bytes);
    expect(state.book(user.id)).toEqual([]);
  });

  it('oversize with contentLength announces the size up front', async () => {
    const { get } = await google([{ kind: 'oversize', bytes: 1000, contentLength: true }]);
    const answer = await get();
    expect(answer.headers.get('content-length')).toBe('1000');
    expect(await countBytes(answer)).toBe(1000);
  });

  it.each([0, 1, 2, 13, 14])('oversize of %i bytes is exactly that long', async (bytes) => {
    const { get } = await google([{ kind: 'oversize', bytes }]);
    const text = await (await get()).text();
    expect(Buffer.byteLength(text)).toBe(bytes);
    if (bytes >= 2) expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it('oversize: produced only as fast as read, and a client that stops reading ends it', async () => {
    const fixture = googleFixture();
    fixture.state.injectFault('/v1/people/me/connections', [
      { kind: 'oversize', bytes: 256 * 1024 * 1024 },
    ]);
    // Watches the sandbox's own stream: how much it produced, and whether it was cancelled.
    let produced = 0;
    let cancelled = false;
    const watched: Handler = async (request) => {
      const response = await fixture.handler(request);
      const source = response.body?.getReader();
      if (!source) return response;
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const next = await source.read();
            if (next.done) return controller.close();
            produced += next.value.byteLength;
            controller.enqueue(next.value);
          },
          async cancel(reason) {
            cancelled = true;
            await source.cancel(reason);
          },
        },
        { highWaterMark: 0 },
      );
      const copy = new Response(body, { status: response.status, headers: response.headers });
      return setResponseMeta(copy, responseMeta(response));
    };
    const { fetch, base } = await reach(watched, transport);
    const answer = await fetch(`${base}${LIST}`, {
      headers: { Authorization: `Bearer ${fixture.token}` },
    });
    const reader = answer.body?.getReader();
    expect((await reader?.read())?.value?.byteLength).toBeGreaterThan(0);
    await reader?.cancel();
    await vi.waitFor(() => expect(cancelled).toBe(true));
    // Socket buffers allow some read-ahead over HTTP, nowhere near the whole body.
    expect(produced).toBeLessThan(32 * 1024 * 1024);
    expect((await fetch(`${base}${LIST}`)).status).toBe(401);
  });
});
