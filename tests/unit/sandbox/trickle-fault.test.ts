// The trickle fault: the request is handled, the headers come at once, the body a piece at a time.
// In virtual time (the handler's injected sleep) and in real time over a socket; a client that
// gives up stops it, leaving no timer behind.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCubeHandler } from '../../sandbox/cube-handler.ts';
import { createGoogleHandler } from '../../sandbox/google-handler.ts';
import { GoogleState, SCOPE_CONTACTS_READONLY } from '../../sandbox/google-state.ts';
import { inProcessFetch, type Sleep } from '../../sandbox/transport.ts';
import { cubeFixture, googleFixture } from './fixtures.ts';
import { closeServers, countedSleep, gatedSleep, reach, readPieces } from './hostile-helpers.ts';

afterEach(closeServers);

const LIST = '/v1/people/me/connections?personFields=names';

/** A Google sandbox with two people, a trickle queued, and the given way of waiting. */
function google(sleep?: Sleep) {
  const state = new GoogleState();
  state.addPerson({ givenName: 'Ada', phones: ['+1 212 555 0100'] });
  state.addPerson({ givenName: 'Grace', phones: ['+1 212 555 0101'] });
  const token = state.issueToken([SCOPE_CONTACTS_READONLY]).accessToken;
  const handler = createGoogleHandler(state, sleep ? { sleep } : {});
  const init = { headers: { Authorization: `Bearer ${token}` } };
  return { state, handler, init };
}

describe('trickle in virtual time (in-process)', () => {
  it('the same answer, in `chunks` pieces, with a wait before each', async () => {
    const { state, fetch, token, sleep } = googleFixture();
    state.addPerson({ givenName: 'Ada' });
    state.injectFault('/v1/people/me/connections', [
      { kind: 'trickle', intervalMs: 30_000, chunks: 4 },
    ]);
    const init = { headers: { Authorization: `Bearer ${token}` } };
    const slow = await fetch(`http://g.test${LIST}`, init);
    // The headers came before the body (the in-process pipe may have started the first wait).
    expect(sleep.calls.length).toBeLessThanOrEqual(1);
    expect(slow.status).toBe(200);
    expect(slow.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const { pieces, text } = await readPieces(slow);
    expect(pieces).toBe(4);
    expect(sleep.calls).toEqual([30_000, 30_000, 30_000, 30_000]);
    expect(text).toBe(await (await fetch(`http://g.test${LIST}`, init)).text());
    expect(state.log.entries[0]).toMatchObject({
      status: 200,
      fault: 'trickle',
      responseBytes: Buffer.byteLength(text),
    });
  });

  it('ten pieces by default; an upload is applied before its answer trickles', async () => {
    const { state, fetch, login, sleep } = cubeFixture();
    const { user, token } = await login('alice');
    state.injectFault('/address_book', [{ kind: 'trickle', intervalMs: 500 }], 'POST');
    const answer = await fetch('http://c.test/address_book', {
      method: 'POST',
      headers: { 'CB-Token': token },
      body: JSON.stringify({ contacts: [{ name: 'Bob', phone: '12125550143' }] }),
    });
    expect(state.book(user.id)).toEqual([{ phone: '12125550143', name: 'Bob' }]);
    const { pieces, text } = await readPieces(answer);
    expect(pieces).toBe(10);
    expect(sleep.calls).toEqual(Array<number>(10).fill(500));
    expect(JSON.parse(text)).toEqual({ deleted: 0, rejected: {}, created: 1, updated: 0 });
  });

  it('a client abort mid-body rejects the read and ends the pending wait', async () => {
    const sleep = gatedSleep();
    const { state, handler, init } = google(sleep);
    state.injectFault('/v1/people/me/connections', [
      { kind: 'trickle', intervalMs: 60_000, chunks: 5 },
    ]);
    const controller = new AbortController();
    const answer = await inProcessFetch(handler)(`http://g.test${LIST}`, {
      ...init,
      signal: controller.signal,
    });
    const reader = answer.body?.getReader();
    const first = reader?.read();
    await vi.waitFor(() => expect(sleep.held).toHaveLength(1));
    sleep.held[0]?.release();
    expect((await first)?.value?.byteLength).toBeGreaterThan(0);
    const second = reader?.read();
    await vi.waitFor(() => expect(sleep.held).toHaveLength(2));
    controller.abort(new DOMException('timed out', 'TimeoutError'));
    await expect(second).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sleep.held[1]?.signal?.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sleep.held).toHaveLength(2);
  });

  it('a client that cancels the body ends the pending wait too', async () => {
    const sleep = gatedSleep();
    const { state, handler, init } = google(sleep);
    state.injectFault('/v1/people/me/connections', [{ kind: 'trickle', intervalMs: 60_000 }]);
    const answer = await inProcessFetch(handler)(`http://g.test${LIST}`, init);
    const reader = answer.body?.getReader();
    const pending = reader?.read();
    await vi.waitFor(() => expect(sleep.held).toHaveLength(1));
    await reader?.cancel();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(sleep.held[0]?.signal?.aborted).toBe(true);
    expect(sleep.held).toHaveLength(1);
  });
});

describe('trickle in real time (HTTP)', () => {
  it('headers at once, the body over chunks × intervalMs', async () => {
    const { state, handler, init } = google();
    state.injectFault('/v1/people/me/connections', [
      { kind: 'trickle', intervalMs: 250, chunks: 3 },
    ]);
    const { base } = await reach(handler, 'http');
    const started = performance.now();
    const answer = await fetch(`${base}${LIST}`, init);
    const headersAt = performance.now() - started;
    const { pieces, text } = await readPieces(answer);
    const endAt = performance.now() - started;
    expect(answer.status).toBe(200);
    expect(headersAt).toBeLessThan(200);
    expect(endAt).toBeGreaterThanOrEqual(740);
    expect(pieces).toBeGreaterThanOrEqual(2);
    expect(text).toBe(await (await fetch(`${base}${LIST}`, init)).text());
  });

  it('a client abort mid-body closes the socket and ends the pending wait', async () => {
    const sleep = gatedSleep();
    const fixture = cubeFixture();
    const { token } = await fixture.login('alice');
    fixture.state.injectFault('/address_book', [{ kind: 'trickle', intervalMs: 50, chunks: 40 }]);
    const { base } = await reach(createCubeHandler(fixture.state, { sleep }), 'http');
    const controller = new AbortController();
    const answer = await fetch(`${base}/address_book`, {
      headers: { 'CB-Token': token },
      signal: controller.signal,
    });
    const reader = answer.body?.getReader();
    const first = reader?.read();
    await vi.waitFor(() => expect(sleep.held).toHaveLength(1));
    sleep.held[0]?.release();
    expect((await first)?.done).toBe(false);
    await vi.waitFor(() => expect(sleep.held).toHaveLength(2));
    controller.abort();
    await expect(reader?.read()).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(sleep.held[1]?.signal?.aborted).toBe(true));
    expect(sleep.held).toHaveLength(2);
    expect(fixture.state.log.entries.at(-1)).toMatchObject({ status: 200, fault: 'trickle' });
  });

  it('no real timer outlives a client that left before the first piece', async () => {
    const sleep = countedSleep();
    const { state, handler, init } = google(sleep);
    state.injectFault('/v1/people/me/connections', [
      { kind: 'trickle', intervalMs: 10_000, chunks: 3 },
    ]);
    const { base } = await reach(handler, 'http');
    const controller = new AbortController();
    const answer = await fetch(`${base}${LIST}`, { ...init, signal: controller.signal });
    expect(answer.status).toBe(200);
    const reader = answer.body?.getReader();
    const pending = reader?.read();
    await vi.waitFor(() => expect(sleep.running()).toBe(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    // Well before the 10 s wait would end on its own.
    await vi.waitFor(() => expect(sleep.running()).toBe(0), { timeout: 2000 });
    expect(sleep.started()).toBe(1);
  });
});
