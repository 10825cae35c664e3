import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CubeControl,
  GoogleControl,
  generatePeople,
  startSandbox,
  type Sandbox,
} from '../../sandbox/index.ts';
import { SAMPLE_PEOPLE } from '../../sandbox/seed.ts';
import { SCOPE_CONTACTS_READONLY } from '../../sandbox/google-state.ts';

let sandbox: Sandbox;
let google: GoogleControl;
let cube: CubeControl;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: true });
  google = new GoogleControl(sandbox.googleUrl);
  cube = new CubeControl(sandbox.cubeUrl);
});
afterAll(() => sandbox.close());

describe('startSandbox + control clients over HTTP', () => {
  it('seeds the sample data and a demo user', async () => {
    expect(await google.listPeople()).toHaveLength(SAMPLE_PEOPLE.length);
    expect(await google.listOtherContacts()).toHaveLength(3);
    const users = await cube.users();
    expect(users.map((user) => user.login)).toContain('demo');
    expect(sandbox.cubeUser).toMatchObject({ login: 'demo', password: 'demo-password' });
    expect(sandbox.cubeApp).toEqual({
      applicationId: expect.any(String),
      authKey: expect.any(String),
    });
    expect(await cube.book(sandbox.cubeUser?.id ?? 0)).toHaveLength(2);
  });

  it('edits Google contacts and reads the listing through the API', async () => {
    const [resourceName] = await google.addPeople([
      { givenName: 'Zed', phones: ['+1 212 555 0100'] },
    ]);
    await google.updatePerson(resourceName ?? '', { familyName: 'Zulu' });
    const { accessToken } = await google.issueToken([SCOPE_CONTACTS_READONLY]);
    const first = await fetch(
      `${sandbox.googleUrl}/v1/people/me/connections?personFields=names&pageSize=1000&requestSyncToken=true`,
      {
        headers: { Authorization: `Bearer ${accessToken}` },
      },
    );
    const body = (await first.json()) as {
      connections: { resourceName: string; names?: { displayName: string }[] }[];
      nextSyncToken: string;
    };
    expect(
      body.connections.find((person) => person.resourceName === resourceName)?.names?.[0]
        ?.displayName,
    ).toBe('Zed Zulu');
    await google.deletePerson(resourceName ?? '');
    await google.expireSyncTokens();
    const expired = await fetch(
      `${sandbox.googleUrl}/v1/people/me/connections?personFields=names&syncToken=${encodeURIComponent(body.nextSyncToken)}`,
      { headers: { Authorization: `Bearer ${accessToken}` } },
    );
    expect(expired.status).toBe(400);
    const log = await google.log();
    expect(log.at(-1)).toMatchObject({
      method: 'GET',
      path: '/v1/people/me/connections',
      status: 400,
    });
    await google.clearLog();
    expect(await google.log()).toEqual([]);
  });

  it('scripts faults, auth modes and the clock over HTTP', async () => {
    await google.injectFaults('/v1/people/me/connections', [
      { kind: 'status', status: 503 },
      { kind: 'drop' },
    ]);
    expect(await google.pendingFaults()).toEqual([
      {
        path: '/v1/people/me/connections',
        faults: [{ kind: 'status', status: 503 }, { kind: 'drop' }],
      },
    ]);
    await google.clearFaults();
    expect(await google.pendingFaults()).toEqual([]);
    await google.setAuthMode('deny');
    const denied = await fetch(
      `${sandbox.googleUrl}/o/oauth2/v2/auth?client_id=c&redirect_uri=https://x.chromiumapp.org/&response_type=token&scope=s`,
      { redirect: 'manual' },
    );
    expect(denied.headers.get('location')).toMatch(/#error=access_denied$/);
    await google.setAuthMode('approve');
    const before = await cube.now();
    expect(await google.advanceClock(60_000)).toBeGreaterThanOrEqual(before + 60_000);
    // One clock for both servers.
    expect(await cube.now()).toBeGreaterThanOrEqual(before + 60_000);
    await expect(google.setAuthMode('maybe' as 'deny')).rejects.toThrow(/mode must be one of/);
  });

  it('revokes a token over HTTP with CORS, as an extension page would', async () => {
    const { accessToken } = await google.issueToken([SCOPE_CONTACTS_READONLY]);
    const origin = { Origin: 'chrome-extension://abcdefghijklmnop' };
    const preflight = await fetch(`${sandbox.googleUrl}/revoke`, {
      method: 'OPTIONS',
      headers: { ...origin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const revoked = await fetch(`${sandbox.googleUrl}/revoke`, {
      method: 'POST',
      headers: { ...origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(accessToken)}`,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.headers.get('access-control-allow-origin')).toBe('*');
    expect(await revoked.json()).toEqual({});
    const listed = await fetch(`${sandbox.googleUrl}/v1/people/me/connections?personFields=names`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(listed.status).toBe(401);
    expect((await google.log()).some((entry) => entry.path === '/revoke')).toBe(true);
  });

  it('registers app users, fills and inspects books, expires sessions', async () => {
    const alice = await cube.registerUser({
      login: 'alice-http',
      password: 'pw-alice',
      phone: '14155550111',
    });
    expect(alice).toMatchObject({ login: 'alice-http', phone: '14155550111' });
    await expect(cube.registerUser({ login: 'alice-http', password: 'x' })).rejects.toMatchObject({
      status: 422,
      body: { errors: { login: ['has already been taken'] } },
    });
    expect(
      await cube.uploadToBook(alice.id, [{ phone: '12125550143', name: 'Gordie' }], {
        udid: 'phone-1',
      }),
    ).toEqual({
      deleted: 0,
      rejected: {},
      created: 1,
      updated: 0,
    });
    expect(await cube.book(alice.id, 'phone-1')).toEqual([
      { phone: '12125550143', name: 'Gordie' },
    ]);
    expect(await cube.book(alice.id)).toEqual([]);

    const { applicationId, authKey } = sandbox.cubeApp;
    const session = await fetch(`${sandbox.cubeUrl}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        application_id: applicationId,
        auth_key: authKey,
        user: { login: 'alice-http', password: 'pw-alice' },
      }),
    });
    expect(session.status).toBe(201);
    expect((await cube.sessions()).some((item) => item.user_id === alice.id)).toBe(true);
    await cube.expireSessions();
    expect(await cube.sessions()).toEqual([]);
    expect((await cube.log()).at(-1)).toMatchObject({
      method: 'POST',
      path: '/session',
      status: 201,
      body: { user: { login: 'alice-http' } },
    });
    expect((await cube.apps())[0]).toMatchObject({ applicationId, authKey });
  });

  it.each([
    ['google', () => sandbox.googleUrl, /Authorization/],
    ['cube', () => sandbox.cubeUrl, /CB-Token/],
  ])('%s answers CORS preflights and tags answers for any origin', async (_, url, header) => {
    const preflight = await fetch(`${url()}/anything`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(header);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    const plain = await fetch(`${url()}/__control/log`);
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('reset and seed over HTTP', () => {
  it('forgets everything, then loads the sample data again', async () => {
    await google.reset();
    await cube.reset();
    expect(await google.listPeople()).toEqual([]);
    expect(await cube.users()).toEqual([]);
    await google.seed();
    await cube.seed();
    expect(await google.listPeople()).toHaveLength(SAMPLE_PEOPLE.length);
    expect((await cube.users()).map((user) => user.login)).toContain('demo');
  });
});

describe('helpers', () => {
  it('generatePeople is deterministic and varied', () => {
    const a = generatePeople(1000, 7);
    expect(generatePeople(1000, 7)).toEqual(a);
    expect(generatePeople(1000, 8)).not.toEqual(a);
    const values = a
      .flatMap((person) => person.phones ?? [])
      .map((phone) => (typeof phone === 'string' ? phone : phone.value));
    expect(values.some((value) => value.startsWith('00'))).toBe(true);
    expect(values.some((value) => value.includes('ext.'))).toBe(true);
    expect(a.some((person) => person.givenName === undefined)).toBe(true);
  });

  it('main.ts prints one JSON line, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/sandbox/main.ts', '--seed'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const info = JSON.parse(first) as {
      google: string;
      cube: string;
      cubeApp: { applicationId: string };
      cubeUser: { login: string };
    };
    expect(info).toMatchObject({
      google: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      cubeUser: { login: 'demo' },
    });
    expect((await fetch(`${info.cube}/__control/users`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);
});
