// A server answering with a redirect must not get the extension to resend a password or a token
// elsewhere: over real HTTP (Node's fetch follows redirects unless told not to), the sandboxes
// redirect to a recorder on another port, which must see nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCubeClient } from '@/lib/connectycube/client';
import type { CubeAccount } from '@/lib/connectycube/types';
import { revokeToken, fetchAccountIdentity } from '@/lib/google/account';
import { createPeopleClient } from '@/lib/google/people-client';
import { RedirectRefusedError } from '@/lib/net/network-error';
import { fetchWithRetry, type RetryPolicy } from '@/lib/net/retry';
import { defaultRetryDeps } from '@/lib/net/sleep';
import {
  CubeControl,
  GoogleControl,
  startRecorder,
  startSandbox,
  type Recorder,
  type Sandbox,
} from '../../sandbox/index.ts';
import { REDIRECT_STATUSES } from '../../sandbox/faults.ts';

/** Retries allowed, quickly: a redirect must not use any of them. */
const POLICY: RetryPolicy = { retries: 3, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 5_000 };
const PASSWORD = 'owner-secret-pass';

let sandbox: Sandbox;
let recorder: Recorder;
let cubeControl: CubeControl;
let googleControl: GoogleControl;

beforeAll(async () => {
  [sandbox, recorder] = await Promise.all([startSandbox(), startRecorder()]);
  cubeControl = new CubeControl(sandbox.cubeUrl);
  googleControl = new GoogleControl(sandbox.googleUrl);
});
afterAll(async () => {
  await Promise.all([sandbox.close(), recorder.close()]);
});
beforeEach(async () => {
  await Promise.all([cubeControl.reset(), googleControl.reset()]);
  recorder.requests.length = 0;
});

function cubeClient() {
  let stored: CubeAccount | null = null;
  const client = createCubeClient({
    store: { get: async () => stored, set: async (a) => void (stored = a) },
    net: defaultRetryDeps(),
    policy: POLICY,
    now: Date.now,
  });
  const credentials = {
    endpoint: sandbox.cubeUrl,
    ...sandbox.cubeApp,
    login: 'owner',
    password: PASSWORD,
  };
  sandbox.cube.registerUser({ login: 'owner', password: PASSWORD });
  return { client, credentials, stored: () => stored };
}

const elsewhere = (path: string) => `${recorder.url}${path}`;

/** What reached the recorder, as text: any secret in a header, the URL or the body shows here. */
const leaked = () => JSON.stringify(recorder.requests);

describe('the sandbox redirect fault', () => {
  it('sends a client that follows redirects to the recorder, with the body (the danger)', async () => {
    await cubeControl.injectFaults('/session', [
      { kind: 'redirect', status: 307, location: elsewhere('/stolen') },
    ]);
    const response = await fetch(`${sandbox.cubeUrl}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(recorder.requests).toMatchObject([{ method: 'POST', url: '/stolen' }]);
    expect(leaked()).toContain(PASSWORD);
    expect((await cubeControl.log()).map((e) => [e.path, e.status, e.fault])).toEqual([
      ['/session', 307, 'redirect'],
    ]);
  });
});

describe('every API call refuses redirects', () => {
  it('ConnectyCube sign-in: the password never leaves for the Location, and is not retried', async () => {
    const { client, credentials, stored } = cubeClient();
    await cubeControl.injectFaults('/session', [
      { kind: 'redirect', status: 307, location: elsewhere('/session') },
    ]);
    const error = await client.signIn(credentials, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect(error).toMatchObject({ status: 307, host: new URL(sandbox.cubeUrl).host });
    // The message names the host only: never the Location, which may carry anything.
    expect(String(error)).not.toContain(recorder.url);
    expect(recorder.requests).toEqual([]);
    expect(stored()).toBeNull();
    expect((await cubeControl.log()).filter((e) => e.path === '/session')).toHaveLength(1);
  });

  it.each(REDIRECT_STATUSES)(
    'ConnectyCube API call answered %i: the session token stays with the endpoint',
    async (status) => {
      const { client, credentials, stored } = cubeClient();
      await client.signIn(credentials, true);
      const token = stored()?.token ?? '';
      expect(token).not.toBe('');
      await cubeControl.injectFaults(
        '/address_book',
        [{ kind: 'redirect', status, location: elsewhere('/address_book') }],
        'POST',
      );
      await expect(
        client.upload({ contacts: [{ phone: '12125550101', name: 'Amy Pond' }] }),
      ).rejects.toThrow(RedirectRefusedError);
      expect(recorder.requests).toEqual([]);
      expect(leaked()).not.toContain(token);
      // Nothing was applied, and the next request goes where it always went.
      expect(sandbox.cube.book(stored()?.user.id ?? 0)).toEqual([]);
      await client.upload({ contacts: [{ phone: '12125550101', name: 'Amy Pond' }] });
      expect(sandbox.cube.book(stored()?.user.id ?? 0)).toHaveLength(1);
    },
  );

  it('Google People API: the access token is not sent to the Location', async () => {
    const people = createPeopleClient({
      apiUrl: sandbox.googleUrl,
      tokens: { token: async () => 'google-access-token', invalidate: async () => undefined },
      net: defaultRetryDeps(),
      policy: POLICY,
    });
    await googleControl.injectFaults('/v1/people/me/connections', [
      { kind: 'redirect', status: 308, location: elsewhere('/v1/people/me/connections') },
    ]);
    await expect(people.list({ source: 'contact' })).rejects.toThrow(RedirectRefusedError);
    expect(recorder.requests).toEqual([]);
  });

  it("Google's revoke endpoint and people/me: the token is not sent to the Location", async () => {
    const net = defaultRetryDeps();
    await googleControl.injectFaults('/revoke', [
      { kind: 'redirect', status: 307, location: elsewhere('/revoke') },
    ]);
    await expect(
      revokeToken(`${sandbox.googleUrl}/revoke`, 'google-access-token', net),
    ).rejects.toThrow(RedirectRefusedError);
    await googleControl.injectFaults('/v1/people/me', [
      { kind: 'redirect', status: 302, location: elsewhere('/v1/people/me') },
    ]);
    await expect(fetchAccountIdentity(sandbox.googleUrl, 'google-access-token', net)).rejects.toThrow(
      RedirectRefusedError,
    );
    expect(recorder.requests).toEqual([]);
  });

  it('fetchWithRetry sends every request with redirect "manual", whatever the caller asks', async () => {
    const seen: (RequestRedirect | undefined)[] = [];
    const net = {
      ...defaultRetryDeps(),
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(init?.redirect);
        return new Response('{}', { status: 200 });
      },
    };
    // The type refuses `redirect`; a caller that casts its way past it is overruled.
    const init = { method: 'GET', redirect: 'follow' } as Parameters<typeof fetchWithRetry>[1];
    await fetchWithRetry('https://api.example.com/x', init, net, POLICY);
    expect(seen).toEqual(['manual']);
  });
});
