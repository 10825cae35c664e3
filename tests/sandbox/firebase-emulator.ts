// The Firebase Auth emulator (firebase-tools, a devDependency) as a child process: the real
// Firebase phone sign-in, offline, for the sandbox, the demo and the tests. A `demo-` project
// needs no account and no network. The process runs in its own process group, with its config,
// logs and CLI state in a temporary directory, and is stopped with its whole group.
//
//   const emulator = await startAuthEmulator();   // ~4 s here; url, projectId, REST helpers
//   const code = await emulator.latestCode('+14155550100');
//   await emulator.stop();

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthEmulatorClient } from './firebase-rest.ts';

/** The sandboxes' Firebase project: `demo-` makes the emulator refuse to reach any real service. */
export const FIREBASE_PROJECT_ID = 'demo-cube-contacts';

/** The committed config (`cd tests/sandbox/firebase && npx firebase emulators:start …` uses it). */
const CONFIG = new URL('./firebase/firebase.json', import.meta.url);

export interface AuthEmulatorOptions {
  /** 0 (default): a free port. */
  port?: number;
  /** Must start with `demo-`; FIREBASE_PROJECT_ID by default. */
  projectId?: string;
  /** How long to wait for it to answer; 60 s by default. */
  startTimeoutMs?: number;
  /** Every line the CLI prints (by default they are kept only to explain a failed start). */
  onOutput?: (line: string) => void;
}

export interface AuthEmulator extends AuthEmulatorClient {
  /** The CLI's process id, also its process group's. */
  readonly pid: number;
  /** Stops the emulator and everything it started; safe to call twice. */
  stop(): Promise<void>;
}

const OUTPUT_LINES_KEPT = 40;

export async function startAuthEmulator(options: AuthEmulatorOptions = {}): Promise<AuthEmulator> {
  const projectId = options.projectId ?? FIREBASE_PROJECT_ID;
  if (!/^demo-[a-z0-9-]+$/.test(projectId)) {
    throw new Error(`the Auth emulator's project must be a demo- project, got "${projectId}"`);
  }
  const cli = firebaseCli();
  const port = options.port || (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'cube-auth-emulator-'));
  const configPath = join(dir, 'firebase.json');
  writeFileSync(configPath, JSON.stringify(withAuthPort(port)));
  // The CLI keeps its state (update checks, preferences) under XDG_CONFIG_HOME and the emulator
  // hub's locator file under TMPDIR: both in the temporary directory, so nothing lands in ~ and
  // two emulators of the same project do not share a locator.
  for (const sub of ['config', 'tmp']) mkdirSync(join(dir, sub));
  const child = spawn(
    process.execPath,
    [cli, 'emulators:start', '--only', 'auth', '--project', projectId, '--config', configPath],
    {
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CI: 'true',
        NO_UPDATE_NOTIFIER: '1',
        XDG_CONFIG_HOME: join(dir, 'config'),
        TMPDIR: join(dir, 'tmp'),
      },
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('the Firebase CLI did not start (no process id)');

  const output: string[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      options.onOutput?.(line);
      output.push(line);
      if (output.length > OUTPUT_LINES_KEPT) output.shift();
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let running = true;
  void exited.then(() => (running = false));

  // A crashed or interrupted test run must not leave the emulator behind.
  const killGroup = (): void => signalGroup(pid, 'SIGKILL');
  process.once('exit', killGroup);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (running) {
        signalGroup(pid, 'SIGINT'); // the CLI's clean shutdown
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>(
          (resolve) => (timer = setTimeout(resolve, 10_000, 'late')),
        );
        const first = await Promise.race([exited, late]);
        clearTimeout(timer);
        if (first === 'late') {
          signalGroup(pid, 'SIGKILL');
          await exited;
        }
      }
      // Anything of the group still alive (the CLI's own children) goes with it.
      signalGroup(pid, 'SIGKILL');
      process.off('exit', killGroup);
      rmSync(dir, { recursive: true, force: true });
    })());

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, options.startTimeoutMs ?? 60_000, () => running);
  } catch (error) {
    await stop();
    const why = error instanceof Error ? error.message : String(error);
    throw new AuthEmulatorStartError(pid, why, output);
  }
  const client = new AuthEmulatorClient(url, projectId);
  return Object.assign(client, { pid, stop });
}

/** A start that failed; the process (`pid`'s group) has been stopped already. */
export class AuthEmulatorStartError extends Error {
  override name = 'AuthEmulatorStartError';
  constructor(
    readonly pid: number,
    why: string,
    output: readonly string[],
  ) {
    super(
      `The Firebase Auth emulator did not start (${why}). Its last output:\n${output.join('\n')}`,
    );
  }
}

/** The installed CLI's entry point, run with this Node (no npx, no shell). */
function firebaseCli(): string {
  try {
    return createRequire(import.meta.url).resolve('firebase-tools/lib/bin/firebase.js');
  } catch {
    throw new Error('firebase-tools is not installed (a devDependency): run `npm ci` first.');
  }
}

function withAuthPort(port: number): unknown {
  const config = JSON.parse(readFileSync(CONFIG, 'utf8')) as {
    emulators: { auth: { host: string; port: number } };
  };
  config.emulators.auth.port = port;
  return config;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, timeoutMs: number, alive: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error('the Firebase CLI exited');
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json()) as { authEmulator?: { ready?: boolean } };
      if (body.authEmulator?.ready === true) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no answer from ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

/** Signals the whole process group; a group already gone is fine. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
