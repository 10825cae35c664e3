import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

/** The popup opens on every toolbar click: all the JS it loads, gzipped, stays within this. */
const POPUP_BUDGET = 40 * 1024;

/** `src` of module scripts and `href` of modulepreload links: what the page loads before it runs. */
function pageScripts(html: string): string[] {
  const tags = html.match(/<(?:script|link)\b[^>]*>/g) ?? [];
  return tags.flatMap((tag) => {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (tag.startsWith('<script')) return src ? [src] : [];
    const preload = /\brel="modulepreload"/.test(tag);
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    return preload && href ? [href] : [];
  });
}

/**
 * Static `import … from "…"`, `import "…"` and `export … from "…"` of a built chunk: loaded with
 * it. Dynamic `import("…")` is not matched (loaded later, if ever).
 */
function staticImports(code: string): string[] {
  const found = code.matchAll(/\b(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["']([^"']+)["']/g);
  return [...found].map((m) => m[1]!);
}

/** Every JS file `page` loads up front, with its gzipped size. */
function pageJs(dir: string, page: string): { file: string; gz: number }[] {
  const at = (url: string, from: string) =>
    url.startsWith('/') ? join(dir, url) : resolve(dirname(from), url);
  const pagePath = join(dir, page);
  const queue = pageScripts(readFileSync(pagePath, 'utf8')).map((url) => at(url, pagePath));
  const seen = new Map<string, number>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    const code = readFileSync(file);
    seen.set(file, gzipSync(code).length);
    queue.push(...staticImports(code.toString('utf8')).map((url) => at(url, file)));
  }
  return [...seen].map(([file, gz]) => ({ file: relative(dir, file), gz }));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const total = (files: { gz: number }[]) => files.reduce((sum, f) => sum + f.gz, 0);
const list = (files: { file: string; gz: number }[]) =>
  files.map((f) => `${f.file} ${f.gz} B`).join(', ');

describe('bundle size (gzipped JS a page loads up front)', () => {
  it.each([
    ['Chrome', () => inject('extensionDir')],
    ['Firefox', () => inject('firefoxExtensionDir')],
  ])('the %s popup stays within 40 KB', (_, dir) => {
    const files = pageJs(dir(), 'popup.html');
    expect(files.length, 'popup.html loads no script').toBeGreaterThan(0);
    const size = total(files);
    console.info(`popup: ${size} B (${kb(size)} KB) gz: ${list(files)}`);
    expect(
      size,
      `popup JS ${kb(size)} KB gz > ${kb(POPUP_BUDGET)} KB (${list(files)})`,
    ).toBeLessThanOrEqual(POPUP_BUDGET);
  });

  it('reports the options page (no budget)', () => {
    const files = pageJs(inject('extensionDir'), 'options.html');
    expect(files.length, 'options.html loads no script').toBeGreaterThan(0);
    const size = total(files);
    console.info(`options: ${size} B (${kb(size)} KB) gz: ${list(files)}`);
  });
});
