import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * `web-ext lint` (Mozilla's addons-linter, the checks addons.mozilla.org runs on upload) on a
 * Firefox build made as a distributor makes it: no sandbox URLs, no test-only web-accessible
 * pages. `npm run lint:firefox` runs this file alone. Offline: the linter's rules and schemas ship
 * in the package, and its update check is turned off.
 */
const OUT_DIR = resolve('.output/lint');
const SOURCE_DIR = join(OUT_DIR, 'firefox-mv2');

interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
  column?: number;
}

interface LintReport {
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

function buildShipped(): void {
  rmSync(OUT_DIR, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, CUBE_OUT_DIR: OUT_DIR };
  delete env.CUBE_TEST_BUILD;
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function lint(): LintReport {
  // Exits 1 when there are errors; the report is on stdout either way.
  const run = spawnSync(
    'npx',
    ['web-ext', 'lint', '--source-dir', SOURCE_DIR, '--output', 'json', '--no-config-discovery'],
    {
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  try {
    return JSON.parse(run.stdout) as LintReport;
  } catch {
    throw new Error(`web-ext lint gave no JSON report (exit ${run.status}):\n${run.stderr}`);
  }
}

/** The source text a message points at (addons-linter's line and column are 1-based). */
function at(message: LintMessage, length = 60): string {
  if (!message.file || !message.line || !message.column) return '';
  const line = readFileSync(join(SOURCE_DIR, message.file), 'utf8').split('\n')[message.line - 1];
  return line?.slice(message.column - 1, message.column - 1 + length) ?? '';
}

/**
 * The one accepted warning: Preact's DOM diff assigns `innerHTML` only to render a
 * `dangerouslySetInnerHTML={{ __html }}` prop, which no component of ours passes (checked below).
 * Minified, it reads `<node>.innerHTML=<props>.__html`.
 */
function isPreactInnerHtml(message: LintMessage): boolean {
  return (
    message.code === 'UNSAFE_VAR_ASSIGNMENT' &&
    /innerHTML/.test(message.message) &&
    /^[\w$]+\.innerHTML=[\w$]+\.__html\b/.test(at(message))
  );
}

const describeMessage = (m: LintMessage) =>
  `${m.code} ${m.file ?? ''}:${m.line ?? ''}:${m.column ?? ''} ${m.message} «${at(m, 40)}»`;

/** Every file under the app's own source folders. */
function sourceFiles(): string[] {
  return ['components', 'entrypoints', 'lib'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ts|tsx|html)$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name)),
  );
}

let report: LintReport;

beforeAll(() => {
  buildShipped();
  report = lint();
});

describe('web-ext lint of the Firefox build', () => {
  it('finds no error, no notice, and no warning but Preact’s innerHTML', () => {
    const all = [...report.errors, ...report.notices, ...report.warnings];
    console.info(
      `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ` +
        `${report.summary.notices} notices${all.length ? `: ${all.map(describeMessage).join('; ')}` : ''}`,
    );
    expect(report.errors.map(describeMessage)).toEqual([]);
    expect(report.notices.map(describeMessage)).toEqual([]);
    expect(report.warnings.filter((m) => !isPreactInnerHtml(m)).map(describeMessage)).toEqual([]);
    // Preact is bundled once, so the warning is raised once; two would mean a second copy.
    expect(report.warnings.length).toBeLessThanOrEqual(1);
  });

  it('keeps that warning harmless: no source of ours uses dangerouslySetInnerHTML or innerHTML', () => {
    const offenders = sourceFiles().filter((file) =>
      /dangerouslySetInnerHTML|\.innerHTML\b|insertAdjacentHTML|outerHTML/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

describe('extension pages’ Content Security Policy', () => {
  const CSP = "script-src 'self'; object-src 'self'; img-src 'self' data: https:";

  it('loads scripts from the package only and images from the package, data: and https', () => {
    const chrome = JSON.parse(
      readFileSync(join(inject('extensionDir'), 'manifest.json'), 'utf8'),
    ) as { content_security_policy?: { extension_pages?: string } };
    const firefox = JSON.parse(readFileSync(join(SOURCE_DIR, 'manifest.json'), 'utf8')) as {
      content_security_policy?: string;
    };
    expect(chrome.content_security_policy?.extension_pages).toBe(CSP);
    expect(firefox.content_security_policy).toBe(CSP);
  });
});
