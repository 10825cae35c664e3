// The hostile faults scripted over real HTTP through `/__control/faults`, as an e2e test would,
// and the control API's 400s for fault bodies it cannot use.

import { afterEach, describe, expect, it } from 'vitest';
import { ControlError, CubeControl, GoogleControl } from '../../sandbox/control.ts';
import type { Fault } from '../../sandbox/faults.ts';
import { cubeFixture, googleFixture } from './fixtures.ts';
import { closeServers, countBytes, reach } from './hostile-helpers.ts';

afterEach(closeServers);

const LIST = '/v1/people/me/connections?personFields=names';

describe('hostile faults through the control API over HTTP', () => {
  it('Google: injects each new kind, lists it, and the API answers it', async () => {
    const fixture = googleFixture();
    const { base } = await reach(fixture.handler, 'http');
    const control = new GoogleControl(base);
    const faults: Fault[] = [
      { kind: 'raw', status: 200, body: '{"connections": [', contentType: 'application/json' },
      { kind: 'json', body: { connections: 'oops', nextPageToken: 'same' } },
      { kind: 'oversize', bytes: 4096, contentLength: true },
      { kind: 'trickle', intervalMs: 0, chunks: 3 },
    ];
    expect(await control.injectFaults('/v1/people/me/connections', faults, 'get')).toEqual([
      { path: '/v1/people/me/connections', method: 'GET', faults },
    ]);
    const get = () =>
      fetch(`${base}${LIST}`, { headers: { Authorization: `Bearer ${fixture.token}` } });
    expect(await (await get()).text()).toBe('{"connections": [');
    expect(await (await get()).json()).toEqual({ connections: 'oops', nextPageToken: 'same' });
    expect(await countBytes(await get())).toBe(4096);
    const trickled = await get();
    expect(trickled.status).toBe(200);
    expect(await trickled.json()).toEqual({});
    expect(await control.pendingFaults()).toEqual([]);
    expect((await control.log()).map((entry) => entry.fault)).toEqual([
      'raw',
      'json',
      'oversize',
      'trickle',
    ]);
  });

  it('ConnectyCube: the same endpoint, the same kinds', async () => {
    const fixture = cubeFixture();
    const { token } = await fixture.login('alice');
    const { base } = await reach(fixture.handler, 'http');
    const control = new CubeControl(base);
    await control.injectFaults('/address_book', [
      { kind: 'json', status: 200, body: { items: [{ id: 'seven' }] } },
      { kind: 'raw', status: 503, body: '<html>down</html>', contentType: 'text/html' },
    ]);
    const get = () => fetch(`${base}/address_book.json`, { headers: { 'CB-Token': token } });
    expect(await (await get()).json()).toEqual({ items: [{ id: 'seven' }] });
    const html = await get();
    expect([html.status, html.headers.get('content-type'), await html.text()]).toEqual([
      503,
      'text/html',
      '<html>down</html>',
    ]);
    expect(await (await get()).json()).toEqual([]);
  });

  it.each([
    [{ kind: 'raw', status: 200 }, 'faults[0]: body must be a string (sent as is)'],
    [{ kind: 'raw', status: 200, body: { a: 1 } }, 'faults[0]: body must be a string (sent as is)'],
    [{ kind: 'raw', status: 99, body: '' }, 'faults[0]: status must be an integer 200..599'],
    [
      { kind: 'raw', status: 200, body: '', contentType: 7 },
      'faults[0]: contentType must be a non-empty string',
    ],
    [{ kind: 'json' }, 'faults[0]: body is required (any JSON value)'],
    [{ kind: 'json', status: 600, body: {} }, 'faults[0]: status must be an integer 200..599'],
    [{ kind: 'trickle' }, 'faults[0]: intervalMs must be a non-negative number'],
    [{ kind: 'trickle', intervalMs: -1 }, 'faults[0]: intervalMs must be a non-negative number'],
    [{ kind: 'trickle', intervalMs: 5, chunks: 0 }, 'faults[0]: chunks must be a positive integer'],
    [
      { kind: 'trickle', intervalMs: 5, chunks: 2.5 },
      'faults[0]: chunks must be a positive integer',
    ],
    [{ kind: 'oversize', bytes: -1 }, 'faults[0]: bytes must be a non-negative integer'],
    [{ kind: 'oversize', bytes: '10' }, 'faults[0]: bytes must be a non-negative integer'],
    [{ kind: 'oversize', bytes: 2 ** 31 }, `faults[0]: bytes must be at most ${2 ** 30}`],
    [
      { kind: 'oversize', bytes: 10, contentLength: 'yes' },
      'faults[0]: contentLength must be a boolean',
    ],
    [
      { kind: 'redirect', status: 200, location: 'http://127.0.0.1:1/' },
      'faults[0]: status must be one of 301, 302, 303, 307, 308',
    ],
    [
      { kind: 'redirect', status: 307, location: '/elsewhere' },
      'faults[0]: location must be an absolute URL',
    ],
    [
      { kind: 'slow' },
      'faults[0]: kind must be one of status, delay, drop, drop-after-apply, raw, json, trickle, oversize, redirect',
    ],
  ])('%o is a 400: %s', async (fault, message) => {
    const google = googleFixture();
    const cube = cubeFixture();
    for (const [fixture, Control] of [
      [google, GoogleControl],
      [cube, CubeControl],
    ] as const) {
      const { base } = await reach(fixture.handler, 'http');
      const control = new Control(base);
      await expect(control.injectFaults('*', [fault as Fault])).rejects.toEqual(
        new ControlError(400, message, { error: message }),
      );
      expect(fixture.state.faults.pending).toBe(false);
    }
  });
});
