// The built manifests carry what the stores show: the version of package.json and the homepage.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** wxt.config.ts's default; the e2e build does not set WXT_HOMEPAGE_URL. */
const HOMEPAGE =
  process.env.WXT_HOMEPAGE_URL?.trim() || 'https://github.com/cube-contacts/cube-contacts';

const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

describe('the built manifest', () => {
  it.each([
    ['Chrome', () => inject('extensionDir'), 3],
    ['Firefox', () => inject('firefoxExtensionDir'), 2],
  ])('%s: the version of package.json, the homepage, a localised name', (_, dir, mv) => {
    const m = manifest(dir());
    expect(m.manifest_version).toBe(mv);
    expect(m.version).toBe(pkg.version);
    expect(m.homepage_url).toBe(HOMEPAGE);
    expect(m.name).toBe('__MSG_extName__');
    expect(m.description).toBe('__MSG_extDescription__');
  });
});
