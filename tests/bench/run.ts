// `npm run bench`: what a sync costs — requests, bytes and wall time — for 1,000 and 25,000
// contacts, measured on the real thing: the built extension in headless Chromium (real IndexedDB,
// real fetch) against the sandbox servers over loopback HTTP. Requests and bytes are exact (the
// sandboxes log every request); times are this machine's, one run each.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { performance } from 'node:perf_hooks';
import { buildEntries } from '../../lib/contacts/entries.ts';
import type { PersonRecord } from '../../lib/contacts/types.ts';
import type { Protocol } from '../../lib/messaging/protocol.ts';
import type { RunRow } from '../../lib/db/schema.ts';
import { SCOPE_CONTACTS } from '../../lib/google/auth.ts';
import { ask, readTable } from '../e2e/driver.ts';
import type { Page } from 'playwright';
import { minimalClient, type MinimalOptions, type MinimalTimes } from './minimal-client.ts';
import { performanceMarkdown, writeReadmeSection } from './readme.ts';
import { loadExtension, type LoadedExtension } from '../e2e/extension.ts';
import { generatePeople, startSandbox, type Sandbox } from '../sandbox/index.ts';
import { ACCOUNT_AGE_MS, buildEnv } from '../tools/build-env.ts';

const OUT_DIR = join(process.cwd(), '.output', 'bench');

type Row = {
  scenario: string;
  phases?: string;
  googleRequests: number;
  googleKB: string;
  cubeRequests: number;
  uploadKB: string;
  cubeKB: string;
  ms: number;
};

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
/** One line each: heap, 5,000 registered users (bytes, popup paint). */
const extras: string[] = [];

/**
 * The service worker's used JS heap in MB through the DevTools protocol, as found and after a
 * forced garbage collection (what the worker keeps, not what it has not yet collected); '?' if
 * refused.
 */
async function workerHeapMB(ext: LoadedExtension, page: Page): Promise<string> {
  const cdp = await ext.context.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.includes(ext.extensionId),
    );
    if (!worker) return '?';
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: false,
    });
    let next = 0;
    const call = <T>(method: string): Promise<T> => {
      const id = ++next;
      const answer = new Promise<T>((resolve, reject) => {
        cdp.on('Target.receivedMessageFromTarget', (event) => {
          const message = JSON.parse(event.message) as { id?: number; result?: T; error?: unknown };
          if (event.sessionId !== sessionId || message.id !== id) return;
          if (message.result) resolve(message.result);
          else reject(new Error(JSON.stringify(message.error)));
        });
      });
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method }),
      });
      return answer;
    };
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const found = await call<{ usedSize: number }>('Runtime.getHeapUsage');
    await call<object>('HeapProfiler.collectGarbage');
    const kept = await call<{ usedSize: number }>('Runtime.getHeapUsage');
    return `${mb(found.usedSize)} (after GC ${mb(kept.usedSize)})`;
  } catch {
    return '?';
  } finally {
    await cdp.detach();
  }
}

/**
 * 5,000 of the contacts register with the app: what a sync where nothing changed downloads then
 * (against the full-profile check every sync made before: `compact=0`), and how soon the popup
 * paints its first rows.
 */
async function registeredScenario(
  sandbox: Sandbox,
  ext: LoadedExtension,
  page: Page,
): Promise<string[]> {
  // Entries are packed in buckets (lib/db/packed-store.ts): the first 5,000 by phone, as before.
  const buckets = await readTable<{ rows?: { phone: string }[] }>(page, 'entryBuckets');
  const entries = buckets.flatMap((b) => b.rows ?? []).sort((a, b) => (a.phone < b.phone ? -1 : 1));
  const users = entries.slice(0, 5_000);
  for (const [i, entry] of users.entries()) {
    sandbox.cube.registerUser({
      login: `app-user-${i}`,
      password: 'app-user-pass',
      phone: entry.phone,
    });
  }
  const first = await ask(page, 'syncNow', {});
  if (first.status !== 'ok') throw new Error(`registered: ${JSON.stringify(first)}`);
  const down = () => sandbox.cube.log.entries.reduce((n, e) => n + e.responseBytes, 0);
  sandbox.cube.log.clear();
  const start = performance.now();
  await ask(page, 'syncNow', {});
  const ms = Math.round(performance.now() - start);
  const now = down();
  const udid = await ext.worker.evaluate("chrome.storage.local.get('udid').then((v) => v.udid)");
  sandbox.cube.log.clear();
  const token = await sessionToken(sandbox, 'owner', 'owner-password');
  const before = await fetch(
    `${sandbox.cubeUrl}/address_book/registered_users?compact=0&udid=${encodeURIComponent(String(udid))}`,
    { headers: { 'CB-Token': token } },
  );
  const full = (await before.arrayBuffer()).byteLength;
  // They registered after the first sync: all joins. The first opening marks them seen; the one
  // measured is an ordinary opening.
  const glance = await ext.open('popup.html');
  await glance.locator('li').first().waitFor();
  await glance.waitForTimeout(3_000);
  await glance.close();
  const popup = await ext.context.newPage();
  // What the first paint waits for: the page's own start, the status from the worker, the rows.
  await popup.addInitScript(`
    const at = (key) => { window[key] = performance.now(); };
    document.addEventListener('DOMContentLoaded', () => at('__dom'));
    const send = chrome.runtime.sendMessage.bind(chrome.runtime);
    chrome.runtime.sendMessage = (message, ...rest) => {
      const answer = send(message, ...rest);
      if (message?.type === 'status' && window.__status === undefined)
        answer.then(() => window.__status ?? at('__status'));
      return answer;
    };
    new MutationObserver((_, o) => {
      if (document.querySelector('li')) { at('__firstRow'); o.disconnect(); }
    }).observe(document, { subtree: true, childList: true });
  `);
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await popup.locator('li').first().waitFor();
  // The rows may come before the worker's status: both are reported.
  // (Polled from here: the page's CSP forbids evaluating a string predicate.)
  while ((await popup.evaluate('window.__status')) === undefined) await popup.waitForTimeout(10);
  const [paint, dom, status] = (await popup.evaluate(
    '[window.__firstRow, window.__dom, window.__status]',
  )) as number[];
  await popup.close();
  return [
    `${users.length.toLocaleString('en')} registered users, nothing changed: ${kb(now)} KB down in ${ms} ms (every sync before: ${kb(full)} KB for compact=0 alone; ${((now / full) * 100).toFixed(1)}%)`,
    `popup with ${users.length.toLocaleString('en')} registered users: first rows painted ${paint!.toFixed(0)} ms after navigation, ${(paint! - dom!).toFixed(0)} ms after DOMContentLoaded (at ${dom!.toFixed(0)} ms; status answered at ${status!.toFixed(0)} ms)`,
  ];
}
const phases: Record<string, string | number>[] = [];

/**
 * The runs since `after` (a run id), once the last of them has ended having uploaded: "Connect
 * Google" imports while the user reads the consent screen, agreeing starts the upload (or joins
 * the run going on, before it read its settings).
 */
async function finishedRuns(page: Page, after: number): Promise<RunRow[]> {
  for (;;) {
    const runs = (await readTable<RunRow>(page, 'runs')).filter((r) => (r.id ?? 0) > after);
    const last = runs.at(-1);
    if (last?.status === 'failed')
      throw new Error(`${last.trigger}: ${JSON.stringify(last.error)}`);
    if (last?.status === 'ok' && last.phaseMs?.upload !== undefined) return runs;
    await page.waitForTimeout(20);
  }
}

const STORING_DIR = join(process.cwd(), '.output', 'bench-storing');

/** The storing minimal client as an unpacked extension: its worker bundled, loopback allowed. */
async function buildStoringClient(): Promise<void> {
  mkdirSync(STORING_DIR, { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, 'storing-client.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outfile: join(STORING_DIR, 'worker.js'),
    logLevel: 'error',
  });
  const manifest = {
    manifest_version: 3,
    name: 'storing minimal client',
    version: '1',
    background: { service_worker: 'worker.js' },
    host_permissions: ['http://127.0.0.1/*'],
  };
  writeFileSync(join(STORING_DIR, 'manifest.json'), JSON.stringify(manifest));
}

/** The storing minimal client's run, in its own headless Chromium profile. */
async function storingClient(opts: MinimalOptions): Promise<MinimalTimes> {
  const ext = await loadExtension(STORING_DIR);
  try {
    return (await ext.worker.evaluate(`runStoring(${JSON.stringify(opts)})`)) as MinimalTimes;
  } finally {
    await ext.close();
  }
}

const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(1) : '?');

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
  sandbox.cube.registerUser({ login: 'storing', password: 'storing-password' });
  sandbox.clock.advance(ACCOUNT_AGE_MS);

  // The yardstick first, on the same servers: the least work any client must do.
  const minimal = await minimalClient({
    googleUrl: sandbox.googleUrl,
    googleToken: sandbox.google.issueToken([SCOPE_CONTACTS]).accessToken,
    cubeUrl: sandbox.cubeUrl,
    cubeToken: await sessionToken(sandbox, 'minimal', 'minimal-password'),
    udid: 'minimal-client',
  });
  // The same work in an extension service worker, keeping its data in packed IndexedDB rows.
  await buildStoringClient();
  const storing = await storingClient({
    googleUrl: sandbox.googleUrl,
    googleToken: sandbox.google.issueToken([SCOPE_CONTACTS]).accessToken,
    cubeUrl: sandbox.cubeUrl,
    cubeToken: await sessionToken(sandbox, 'storing', 'storing-password'),
    udid: 'storing-client',
  });

  const ext = await loadExtension(join(OUT_DIR, 'chrome-mv3'));
  if (process.env.BENCH_CONSOLE)
    ext.worker.on('console', (m) => console.log(`worker: ${m.text()}`));
  const page = await ext.open('options.html');
  await ask(page, 'cubeSignIn', { login: 'owner', password: 'owner-password', staySignedIn: true });
  const before = (await readTable<RunRow>(page, 'runs')).at(-1)?.id ?? 0;
  let firstRuns: RunRow[] = [];
  // From the click on "Connect Google" to the complete book on the server, as the user lives it:
  // connecting imports, the consent that follows at once uploads.
  const first = await measure(sandbox, `${size}: "Connect Google" -> complete book`, async () => {
    await ask(page, 'connectGoogle', { includeOther: false });
    await ask(page, 'consent', {});
    firstRuns = await finishedRuns(page, before);
    const last = firstRuns.at(-1)!;
    return { status: 'ok', runId: last.id ?? 0, counts: last.counts };
  });
  const phase = (name: 'import' | 'project' | 'upload' | 'registered') =>
    firstRuns.reduce((n, r) => n + (r.phaseMs?.[name] ?? 0), 0);
  // Importing is the minimal clients' paging and normalising: the extension's import and project.
  const read = phase('import') + phase('project');
  phases.push({
    contacts: size,
    'extension ms': first.ms,
    'minimal ms': minimal.totalMs,
    'storing ms': storing.totalMs,
    '÷ minimal': ratio(first.ms, minimal.totalMs),
    '÷ storing': ratio(first.ms, storing.totalMs),
    'import+project ms': `${phase('import')}+${phase('project')}`,
    'storing import ms': storing.importMs,
    'import ÷ storing': ratio(read, storing.importMs),
    'upload ms': phase('upload'),
    'storing upload ms': storing.uploadMs,
    'upload ÷ storing': ratio(phase('upload'), storing.uploadMs),
    'registered ms': phase('registered'),
    'storing registered ms': storing.registeredMs,
    'minimal import/upload/registered ms': `${minimal.importMs}/${minimal.uploadMs}/${minimal.registeredMs}`,
    batches: Math.ceil(minimal.entries / 500),
  });
  rows.push(first);
  extras.push(`${size}: worker heap after the first sync ${await workerHeapMB(ext, page)} MB`);
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
  if (size === SIZES.at(-1)) extras.push(...(await registeredScenario(sandbox, ext, page)));
  await ext.close();
  await sandbox.close();
}
console.table(phases);
console.table(rows);
for (const line of extras) console.log(line);
const built = buildEntriesTiming();
console.log(built);
// A complete run (both sizes) writes README's performance section: the table is never typed.
if (!process.env.BENCH_SIZES) {
  await writeReadmeSection(performanceMarkdown(phases, rows, [...extras, built]));
  console.log('README.md: performance section regenerated');
}

/** Mapping people to entries alone (pure: libphonenumber parsing and merging), in Node. */
function buildEntriesTiming(): string {
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
  return `buildEntries: 25,000 people -> ${entries} entries, median ${times[2]!.toFixed(0)} ms of 5 runs (Node)`;
}
