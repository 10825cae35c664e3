// `npm run live-check` itself, as a child process against a started sandbox: every step ✔, exit 0,
// no secret printed, nothing left on the server.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_TOKEN_HOWTO } from '@/lib/live-check/phone-steps';
import { captureTokens, liveWorld, PASSWORD, type LiveWorld } from './world.ts';

const TSX = resolve('node_modules/.bin/tsx');
const COMMAND = resolve('tools/live-check.ts');

/** Runs the command in an empty folder (no `.env` of the developer's), with only `env` set. */
function liveCheck(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'live-check-'));
  const child = spawn(TSX, [COMMAND], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, out })));
}

let world: LiveWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('npm run live-check', () => {
  it('passes every step against the sandbox, prints no secret and leaves nothing', async () => {
    world = await liveWorld();
    const tokens = captureTokens(world);
    const { code, out } = await liveCheck(world.env);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `Cube Contacts live check: ${world.sandbox.cubeUrl}, application ${world.sandbox.cubeApp.applicationId}`,
    );
    const steps = lines.slice(1, -1);
    expect(steps).toHaveLength(16);
    // No LIVE_FIREBASE_ID_TOKEN (phone.test.ts gives one): the phone steps say how to.
    const skipped = steps.filter((line) => !line.startsWith('✔ '));
    expect(skipped).toEqual([
      `– session (firebase_phone)     ${PHONE_TOKEN_HOWTO}`,
      '– end the phone session        no phone session',
    ]);
    expect(out).toContain('✔ session (login)              POST /session 201 · ');
    expect(out).toContain('✔ users on the fly             POST /session 401 · ');
    expect(out).toContain('POST /subscriptions 201');
    expect(out).toContain('GET /v1/people/me 200');
    expect(out).toContain('DELETE /session 200');
    expect(lines.at(-1)).toMatch(
      /^Summary: 14 passed, 0 failed \(0 advice only\), 2 skipped; .*ready for a store submission\.$/,
    );
    expect(code).toBe(0);

    expect(tokens).toHaveLength(1);
    const secrets = [PASSWORD, world.sandbox.cubeApp.authKey, world.googleToken, ...tokens];
    for (const secret of secrets) expect(out).not.toContain(secret);

    // Nothing left: every book of the test user empty, no subscription, no session, no new user.
    const { cube } = world.sandbox;
    const udids = new Set(
      cube.log.entries.flatMap((e) => (typeof e.query.udid === 'string' ? [e.query.udid] : [])),
    );
    expect(udids.size).toBe(1);
    for (const udid of udids) expect(cube.book(world.userId, udid)).toEqual([]);
    expect(cube.book(world.userId)).toEqual([]);
    expect(cube.subscriptions(world.userId)).toEqual([]);
    expect(cube.sessions.list()).toEqual([]);
    expect(cube.listUsers().map((u) => u.id)).toEqual([world.userId]);
  }, 30_000);

  it('exits 1 with the refusal and its advice when the session is refused', async () => {
    world = await liveWorld();
    const { code, out } = await liveCheck({ ...world.env, LIVE_PASSWORD: 'wrong password' });
    expect(out).toContain('✗ session (login)              POST /session 401 · Unauthorized');
    expect(out).toContain('→ the test account is refused ("Unauthorized"): check LIVE_LOGIN');
    expect(out).toContain('– upload to a scratch book     needs a session');
    expect(out).not.toContain('wrong password');
    expect(code).toBe(1);
    expect(world.sandbox.cube.sessions.list()).toEqual([]);
  }, 30_000);
});
