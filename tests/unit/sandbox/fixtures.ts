// Shared set-up for the sandbox tests: states on a manual clock, reached through in-process fetch.

import { ManualClock } from '../../sandbox/clock.ts';
import { createCubeHandler } from '../../sandbox/cube-handler.ts';
import type { FirebaseAuthMode } from '../../sandbox/cube-firebase.ts';
import { CubeState } from '../../sandbox/cube-state.ts';
import { createGoogleHandler } from '../../sandbox/google-handler.ts';
import { GoogleState, SCOPE_CONTACTS_READONLY } from '../../sandbox/google-state.ts';
import { inProcessFetch, type Sleep } from '../../sandbox/transport.ts';

/** Records delays instead of waiting, so fault tests stay instant. */
export function recordingSleep(): Sleep & { calls: number[] } {
  const calls: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    calls.push(ms);
  };
  return Object.assign(sleep, { calls });
}

export const GOOGLE = 'http://google.sandbox.test';
export const CUBE = 'http://cube.sandbox.test';

export function googleFixture() {
  const clock = new ManualClock();
  const state = new GoogleState({ now: clock.now });
  const sleep = recordingSleep();
  const handler = createGoogleHandler(state, { sleep, advanceClock: (ms) => clock.advance(ms) });
  const fetch = inProcessFetch(handler);
  const token = state.issueToken([SCOPE_CONTACTS_READONLY]).accessToken;
  /** GET a People API path with the default token (or the given Authorization header). */
  const get = async (path: string, authorization: string | null = `Bearer ${token}`) => {
    const response = await fetch(`${GOOGLE}${path}`, {
      headers: authorization === null ? {} : { Authorization: authorization },
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Json,
    };
  };
  return { clock, state, sleep, handler, fetch, token, get };
}

export type Json = Record<string, unknown>;

export function cubeFixture(options: { firebase?: FirebaseAuthMode } = {}) {
  const clock = new ManualClock();
  const state = new CubeState({
    now: clock.now,
    ...(options.firebase ? { firebase: options.firebase } : {}),
  });
  const sleep = recordingSleep();
  const handler = createCubeHandler(state, { sleep, advanceClock: (ms) => clock.advance(ms) });
  const fetch = inProcessFetch(handler);
  const app = state.defaultApp;

  /** A JSON call; `token` goes in CB-Token. */
  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (options.token) headers['CB-Token'] = options.token;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${CUBE}${path}`, {
      method,
      headers,
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, body };
  };

  /** Registers a user and opens a session for them. */
  const login = async (login: string, phone?: string) => {
    const user = state.registerUser({
      login,
      password: `${login}-secret`,
      ...(phone ? { phone } : {}),
    });
    const answer = await call('POST', '/session', {
      body: {
        application_id: app.applicationId,
        auth_key: app.authKey,
        user: { login, password: `${login}-secret` },
      },
    });
    const session = (answer.body as { session: { token: string } }).session;
    return { user, token: session.token };
  };
  return { clock, state, sleep, handler, fetch, app, call, login };
}

/** An unsigned JWT as the Firebase Auth emulator issues them (`alg: none`, empty signature). */
export function unsignedJwt(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'none', typ: 'JWT' },
): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.`;
}
