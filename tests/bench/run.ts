// `npm run bench`: what a sync costs — requests, bytes and wall time — for 1,000 and 25,000
// contacts, measured on the real thing: the built extension in headless Chromium (real IndexedDB,
// real fetch) against the sandbox servers over loopback HTTP. Requests and bytes are exact (the
// sandboxes log every request); times are this machine's, one run each.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildEntries } from '../../lib/contacts/entries.ts';
import type { PersonRecord } from '../../lib/contacts/types.ts';
import type { Protocol } from '../../lib/messaging/protocol.ts';
import type { RunRow } from '../../lib/db/schema.ts';
import { SCOPE_CONTACTS } from '../../lib/google/auth.ts';
import { ask, readTable } from '../e2e/driver.ts';
import type { Page } from 'playwright';
import { minimalClient } from './minimal-client.ts';
import { loadExtension } from '../e2e/extension.ts';
import { generatePeople, startSandbox, type Sandbox } from '../sandbox/index.ts';
import { ACCOUNT_AGE_MS, buildEnv } from '../tools/build-env.ts';

const OUT_DIR = join(process.cwd(), '.output', 'bench');

interface Row {
  scenario: string;
  phases?: string;
  googleRequests: number;
  googleKB: string;
  cubeRequests: number;
  uploadKB: string;
  cubeKB: string;
  ms: number;
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/** A session of the sandbox's own application for `login`. */
async function sessionToken(sandbox: Sandbox, login: string, password: string): Promise<string> {
  const response = await fetch(`${sandbox.cubeUrl}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      application_id: sandbox.cubeApp.applicationId,
      auth_key: sandbox.cubeApp.authKey,
      user: { login, password },
    }),
  });
  return ((await response.json()) as { session: { token: string } }).session.token;
}

async function measure(
  sandbox: Sandbox,
  scenario: string,
  action: () => Promise<Protocol['syncNow']['answer']>,
): Promise<Row> {
  sandbox.google.log.clear();
  sandbox.cube.log.clear();
  const start = performance.now();
  const outcome = await action();
  const ms = Math.round(performance.now() - start);
  if (outcome.status !== 'ok') throw new Error(`${scenario}: ${JSON.stringify(outcome)}`);
  const bytes = (entries: readonly { requestBytes: number; responseBytes: number }[]): number =>
    entries.reduce((n, e) => n + e.requestBytes + e.responseBytes, 0);
  const cube = sandbox.cube.log.entries;
  const uploads = cube.filter((e) => e.method === 'POST' && e.path === '/address_book');
  return {
    scenario,
    googleRequests: sandbox.google.log.entries.length,
    googleKB: kb(bytes(sandbox.google.log.entries)),
    cubeRequests: cube.length,
    uploadKB: kb(uploads.reduce((n, e) => n + e.requestBytes, 0)),
    cubeKB: kb(bytes(cube)),
    ms,
  };
}

const rows: Row[] = [];
const phases: Record<string, string | number>[] = [];

/** Waits for the run a trigger started to end, and returns its record. */
async function finishedRun(page: Page, trigger: string): Promise<RunRow> {
  for (;;) {
    const runs = await readTable<RunRow>(page, 'runs');
    const run = runs.filter((r) => r.trigger === trigger).at(-1);
    if (run?.endedAt !== undefined) {
      if (run.error) throw new Error(`${trigger}: ${run.error}`);
      return run;
    }
    await page.waitForTimeout(20);
  }
}

// BENCH_SIZES=25000 measures one size only (while investigating).
const SIZES = (process.env.BENCH_SIZES ?? '1000,25000').split(',').map(Number);
for (const size of SIZES) {
  const sandbox = await startSandbox();
  execFileSync('npx', ['wxt', 'build'], {
    env: {
      ...process.env,
      ...buildEnv({
        googleUrl: sandbox.googleUrl,
        cubeUrl: sandbox.cubeUrl,
        cubeApp: sandbox.cubeApp,
        outDir: OUT_DIR,
      }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const refs = sandbox.google.addPeople(generatePeople(size, 7));
  sandbox.cube.registerUser({ login: 'owner', password: 'owner-password', phone: '19995550000' });
  sandbox.cube.registerUser({ login: 'minimal', password: 'minimal-password' });
  sandbox.clock.advance(ACCOUNT_AGE_MS);

  // The yardstick first, on the same servers: the least work any client must do.
  const minimal = await minimalClient({
    googleUrl: sandbox.googleUrl,
    googleToken: sandbox.google.issueToken([SCOPE_CONTACTS]).accessToken,
    cubeUrl: sandbox.cubeUrl,
    cubeToken: await sessionToken(sandbox, 'minimal', 'minimal-password'),
    udid: 'minimal-client',
  });

  const ext = await loadExtension(join(OUT_DIR, 'chrome-mv3'));
  if (process.env.BENCH_CONSOLE)
    ext.worker.on('console', (m) => console.log(`worker: ${m.text()}`));
  const page = await ext.open('options.html');
  await ask(page, 'cubeSignIn', { login: 'owner', password: 'owner-password', staySignedIn: true });
  await ask(page, 'consent', {});
  // From the click on "Connect Google" to the complete book on the server, as the user lives it.
  const first = await measure(sandbox, `${size}: "Connect Google" -> complete book`, async () => {
    await ask(page, 'connectGoogle', { includeOther: false });
    const run = await finishedRun(page, 'google-connected');
    return { status: 'ok', runId: run.id ?? 0, counts: run.counts };
  });
  const run = (await readTable<RunRow>(page, 'runs')).find((r) => r.trigger === 'google-connected');
  phases.push({
    contacts: size,
    'extension ms': first.ms,
    'minimal ms': minimal.totalMs,
    ratio: (first.ms / minimal.totalMs).toFixed(1),
    'import ms': run?.phaseMs?.import ?? 0,
    'project ms': run?.phaseMs?.project ?? 0,
    'upload ms': run?.phaseMs?.upload ?? 0,
    'registered ms': run?.phaseMs?.registered ?? 0,
    'minimal import ms': minimal.importMs,
    'minimal upload ms': minimal.uploadMs,
    'minimal registered ms': minimal.registeredMs,
    batches: Math.ceil(minimal.entries / 500),
  });
  rows.push(first);
  const sync = () => ask(page, 'syncNow', {});
  /** A scenario's row, with the phase times of the run it made. */
  const scenario = async (name: string) => {
    const row = await measure(sandbox, `${size}: ${name}`, sync);
    const last = (await readTable<RunRow>(page, 'runs')).at(-1);
    const ms = last?.phaseMs ?? {};
    return {
      ...row,
      phases: `i ${ms.import ?? 0} p ${ms.project ?? 0} u ${ms.upload ?? 0} r ${ms.registered ?? 0} n ${ms.notify ?? 0}`,
    };
  };
  rows.push(await scenario('nothing changed'));
  sandbox.google.updatePerson(refs[size / 2]!, { givenName: 'Renamed' });
  rows.push(await scenario('one contact renamed'));
  sandbox.google.addPerson({ givenName: 'New', familyName: 'Person', phones: ['+1 212 555 0199'] });
  rows.push(await scenario('one contact added'));
  sandbox.google.expireSyncTokens();
  rows.push(await scenario('sync token expired (full listing)'));
  await ext.close();
  await sandbox.close();
}
console.table(phases);
console.table(rows);

// Mapping people to entries alone (pure: libphonenumber parsing and merging), in Node.
const people: PersonRecord[] = generatePeople(25_000, 7).map((p, i) => ({
  resourceName: `people/c${i}`,
  displayName: [p.givenName, p.familyName].filter(Boolean).join(' '),
  phones: (p.phones ?? []).map((ph) =>
    typeof ph === 'string' ? { value: ph } : { value: ph.value },
  ),
  source: 'contact',
}));
const times: number[] = [];
let entries = 0;
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  entries = buildEntries(people, { defaultCountry: 'US', phoneFormat: 'international-digits' })
    .entries.length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(
  `buildEntries: 25,000 people -> ${entries} entries, median ${times[2]!.toFixed(0)} ms of 5 runs`,
);
