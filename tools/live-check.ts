/**
 * `npm run live-check [-- --browser firefox]`: proves the configured ConnectyCube application (and
 * Google, with LIVE_GOOGLE_TOKEN) does what this extension needs, before a store submission. The
 * steps are lib/live-check; this file only reads the variables, runs them and prints the report.
 * Exit code 0 only when every step the build needs passed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { liveInput } from '../lib/live-check/input.ts';
import { exitCode, formatReport } from '../lib/live-check/report.ts';
import { runLiveCheck } from '../lib/live-check/run.ts';
import { defaultRetryDeps } from '../lib/net/sleep.ts';

/**
 * The `.env` files `npm run build` (WXT, mode production) reads, later ones winning; the
 * environment wins over all of them, as in a build.
 */
function buildVariables(dir: string, browser: string): Record<string, string | undefined> {
  const files = ['.env', '.env.local', '.env.production', '.env.production.local'];
  files.push(`.env.${browser}`, `.env.${browser}.local`);
  files.push(`.env.production.${browser}`, `.env.production.${browser}.local`);
  const fromFiles = files.flatMap((name) => {
    const path = join(dir, name);
    return existsSync(path) ? Object.entries(parseEnv(readFileSync(path, 'utf8'))) : [];
  });
  return { ...Object.fromEntries(fromFiles), ...process.env };
}

const at = process.argv.indexOf('--browser');
const browser = at >= 0 ? (process.argv[at + 1] ?? 'chrome') : 'chrome';
const input = liveInput(buildVariables(process.cwd(), browser), process.env);
const report = await runLiveCheck(input, { net: defaultRetryDeps(), crypto: globalThis.crypto });
process.stdout.write(formatReport(report));
process.exit(exitCode(report));
