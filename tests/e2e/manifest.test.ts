// The built manifests carry what the stores show (the version of package.json, the homepage) and
// exactly what SECURITY.md says the extension asks for: four permissions, no host permissions, the
// CSP, and in a shipped build nothing web-accessible. Any new key fails here until it is reviewed.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** wxt.config.ts's default; the e2e build does not set WXT_HOMEPAGE_URL. */
const HOMEPAGE =
  process.env.WXT_HOMEPAGE_URL?.trim() || 'https://github.com/cube-contacts/cube-contacts';

/** SECURITY.md "Permissions": nothing else, in this order as wxt.config.ts lists them. */
const PERMISSIONS = ['storage', 'alarms', 'notifications', 'identity'];
/** SECURITY.md "Content Security Policy" (wxt.config.ts EXTENSION_PAGES_CSP). */
const CSP = "script-src 'self'; object-src 'self'; img-src 'self' data: https:";

/** A Firefox build made as a distributor makes it: without CUBE_TEST_BUILD (wxt.config.ts). */
const RELEASE_OUT_DIR = resolve('.output/manifest-release');

type Manifest = Record<string, unknown>;

const manifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Keys that would widen what the extension can reach or what can reach it. */
const NEVER = [
  'host_permissions',
  'optional_permissions',
  'optional_host_permissions',
  'content_scripts',
  'externally_connectable',
  'web_accessible_resources',
  'sandbox',
  'declarative_net_request',
];

beforeAll(() => {
  rmSync(RELEASE_OUT_DIR, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, CUBE_OUT_DIR: RELEASE_OUT_DIR };
  delete env.CUBE_TEST_BUILD;
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
});

const chrome = () => manifest(inject('extensionDir'));
const firefoxRelease = () => manifest(join(RELEASE_OUT_DIR, 'firefox-mv2'));
const firefoxTest = () => manifest(inject('firefoxExtensionDir'));

describe('the built manifest', () => {
  it.each([
    ['Chrome', chrome, 3],
    ['Firefox (shipped)', firefoxRelease, 2],
    ['Firefox (test build)', firefoxTest, 2],
  ])('%s: the version of package.json, the homepage, a localised name', (_, read, mv) => {
    const m = read();
    expect(m.manifest_version).toBe(mv);
    expect(m.version).toBe(pkg.version);
    expect(m.homepage_url).toBe(HOMEPAGE);
    expect(m.name).toBe('__MSG_extName__');
    expect(m.description).toBe('__MSG_extDescription__');
  });

  it('Chrome (MV3): exactly the reviewed keys, four permissions, no host permissions, the CSP', () => {
    const m = chrome();
    expect(Object.keys(m).sort()).toEqual([
      'action',
      'background',
      'content_security_policy',
      'default_locale',
      'description',
      'homepage_url',
      'icons',
      'manifest_version',
      'name',
      'options_ui',
      'permissions',
      'version',
    ]);
    expect(m.permissions).toEqual(PERMISSIONS);
    expect(m.content_security_policy).toEqual({ extension_pages: CSP });
    expect(m.background).toEqual({ service_worker: 'background.js' });
    for (const key of NEVER) expect(m, key).not.toHaveProperty(key);
  });

  it('Firefox (MV2, shipped): the same permissions and CSP, nothing web-accessible', () => {
    const m = firefoxRelease();
    expect(Object.keys(m).sort()).toEqual([
      'background',
      'browser_action',
      'browser_specific_settings',
      'content_security_policy',
      'default_locale',
      'description',
      'homepage_url',
      'icons',
      'manifest_version',
      'name',
      'options_ui',
      'permissions',
      'version',
    ]);
    // MV2 lists host permissions among `permissions`: the exact list says there are none.
    expect(m.permissions).toEqual(PERMISSIONS);
    expect(m.content_security_policy).toBe(CSP);
    expect(m.background).toEqual({ persistent: false, scripts: ['background.js'] });
    expect(m.browser_specific_settings).toMatchObject({
      gecko: { data_collection_permissions: { required: ['personallyIdentifyingInfo'] } },
    });
    for (const key of NEVER) expect(m, key).not.toHaveProperty(key);
  });

  it('Firefox test build: only the two pages automation opens are web-accessible, nothing else differs', () => {
    const test = firefoxTest();
    expect(test.web_accessible_resources).toEqual(['options.html', 'popup.html']);
    const { web_accessible_resources: _test, ...rest } = test;
    expect(rest).toEqual(firefoxRelease());
  });
});
