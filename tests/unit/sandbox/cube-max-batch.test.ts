// The per-application `maxBatch` switch: an address-book upload with more contacts than allowed
// is refused with 413 and applies nothing, as a server or proxy refusing a large body would.

import { afterEach, describe, expect, it } from 'vitest';
import { ControlError, CubeControl } from '../../sandbox/control.ts';
import { CUBE, cubeFixture } from './fixtures.ts';
import { closeServers, reach } from './hostile-helpers.ts';

afterEach(closeServers);

const TOO_LARGE = { errors: { base: ['Request Entity Too Large'] } };

function contacts(count: number, from = 0): { name: string; phone: string }[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `Contact ${from + index}`,
    phone: `1212555${String(1000 + from + index).padStart(4, '0')}`,
  }));
}

describe('connectycube sandbox: maxBatch', () => {
  it('has no limit by default', async () => {
    const { call, login, state } = cubeFixture();
    const { user, token } = await login('alice');
    expect(state.defaultApp.maxBatch).toBeNull();
    const answer = await call('POST', '/address_book', {
      token,
      body: { contacts: contacts(2000) },
    });
    expect(answer.status).toBe(200);
    expect(state.book(user.id)).toHaveLength(2000);
  });

  it('413 above the limit with nothing applied; at the limit it passes; null lifts it', async () => {
    const { call, login, state, fetch } = cubeFixture();
    const { user, token } = await login('alice');
    const control = new CubeControl(CUBE, fetch);
    expect(await control.setMaxBatch(3)).toMatchObject({ maxBatch: 3 });
    const upload = (count: number, from = 0) =>
      call('POST', '/address_book', { token, body: { contacts: contacts(count, from) } });

    const refused = await upload(4);
    expect([refused.status, refused.body]).toEqual([413, TOO_LARGE]);
    expect(state.book(user.id)).toEqual([]);
    expect(state.log.entries.at(-1)).toMatchObject({ path: '/address_book', status: 413 });

    expect((await upload(3)).body).toEqual({ deleted: 0, rejected: {}, created: 3, updated: 0 });
    expect(state.book(user.id)).toHaveLength(3);

    await control.updateApp(state.defaultApp.applicationId, { maxBatch: null });
    expect((await upload(10, 100)).status).toBe(200);
    expect(state.book(user.id)).toHaveLength(13);
  });

  it('counts destroys too, applies to one application only, not to the control upload', async () => {
    const { call, login, state, fetch } = cubeFixture();
    const control = new CubeControl(CUBE, fetch);
    const other = await control.addApp({ maxBatch: 1 });
    expect(other.maxBatch).toBe(1);
    await control.setMaxBatch(2);
    const { user, token } = await login('alice');
    // The user's phone app (control route) is not the API: no limit there.
    await control.uploadToBook(user.id, contacts(5));
    const destroys = contacts(3).map(({ phone }) => ({ phone, destroy: 1 }));
    const answer = await call('POST', '/address_book', { token, body: { contacts: destroys } });
    expect(answer.status).toBe(413);
    expect(state.book(user.id)).toHaveLength(5);
    expect(state.findApp(other.applicationId)?.maxBatch).toBe(1);
    expect(state.defaultApp.maxBatch).toBe(2);
  });

  it.each([-1, 1.5, '3', true])('PATCH maxBatch %o is a 400', async (maxBatch) => {
    const { fetch, state } = cubeFixture();
    const control = new CubeControl(CUBE, fetch);
    const message = 'maxBatch must be a non-negative integer, or null for no limit';
    await expect(
      control.updateApp(state.defaultApp.applicationId, { maxBatch: maxBatch as number }),
    ).rejects.toEqual(new ControlError(400, message, { error: message }));
    await expect(control.addApp({ maxBatch: maxBatch as number })).rejects.toMatchObject({
      status: 400,
    });
    expect(state.defaultApp.maxBatch).toBeNull();
    expect(state.apps).toHaveLength(1);
  });

  it('over HTTP: the switch and the 413 as a client sees them', async () => {
    const fixture = cubeFixture();
    const { user, token } = await fixture.login('alice');
    const { base } = await reach(fixture.handler, 'http');
    const control = new CubeControl(base);
    await control.setMaxBatch(2, fixture.state.defaultApp.applicationId);
    expect((await control.apps())[0]).toMatchObject({ maxBatch: 2 });
    const upload = (count: number) =>
      fetch(`${base}/address_book.json`, {
        method: 'POST',
        headers: { 'CB-Token': token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ contacts: contacts(count) }),
      });
    const refused = await upload(3);
    expect(refused.status).toBe(413);
    expect(refused.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await refused.json()).toEqual(TOO_LARGE);
    expect(fixture.state.book(user.id)).toEqual([]);
    expect((await upload(2)).status).toBe(200);
    expect(fixture.state.book(user.id)).toHaveLength(2);
  });
});
