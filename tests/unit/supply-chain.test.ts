// What SECURITY.md ("Dependencies and checks") claims about package.json and package-lock.json,
// checked on the files themselves so the claim cannot drift from them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  inBundle?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
}

interface Manifest {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry & Partial<Manifest>>;
};
const entries = Object.entries(lock.packages).filter(([path]) => path !== '');
const npmrc = readFileSync('.npmrc', 'utf8');

/** A sha512 Subresource Integrity value: the only kind npm writes for registry tarballs. */
const SHA512 = /^sha512-[A-Za-z0-9+/]{86}==$/;
/** An exact version: no range, tag or URL. */
const EXACT = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The name of the package installed at a lockfile path (`node_modules/a/node_modules/@b/c`). */
const nameOf = (path: string): string => path.slice(path.lastIndexOf('node_modules/') + 13);

describe('the lockfile: what npm ci installs', () => {
  it('is lockfile v3 and lists the packages of package.json at their pinned versions', () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages[''];
    expect(root?.dependencies).toEqual(pkg.dependencies);
    expect(root?.devDependencies).toEqual(pkg.devDependencies);
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(version, name).toMatch(EXACT);
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
  });

  it('holds only registry packages, each pinned by version and sha512 integrity', () => {
    expect(entries.length).toBeGreaterThan(0);
    const bad = entries.filter(
      ([path, entry]) =>
        !path.startsWith('node_modules/') ||
        entry.link === true ||
        entry.inBundle === true ||
        !EXACT.test(entry.version ?? '') ||
        !SHA512.test(entry.integrity ?? '') ||
        // npm omits `resolved` for registry packages only (omit-lockfile-registry-resolved, set in
        // .npmrc); a git, file or tarball-URL source always keeps its own. Should a `resolved`
        // appear, it must be the public registry's tarball of exactly this package and version.
        (entry.resolved !== undefined &&
          entry.resolved !==
            `https://registry.npmjs.org/${nameOf(path)}/-/${nameOf(path).replace(/^@[^/]+\//, '')}-${entry.version}.tgz`),
    );
    expect(bad.map(([path]) => path)).toEqual([]);
  });

  it('keeps registry URLs out of the lockfile on purpose, for every contributor', () => {
    // Without it a contributor's npm would add `resolved` for the packages it touches only.
    expect(npmrc).toMatch(/^omit-lockfile-registry-resolved\s*=\s*true$/m);
  });

  it('counts as production only the packages whose code ships in the extension', () => {
    const production = entries
      .filter(([, entry]) => !entry.dev && !entry.devOptional && !entry.optional)
      .map(([path]) => path)
      .sort();
    // The extension's own imports (preact, dexie, libphonenumber-js, the storage and browser
    // wrappers) and what those import at run time. WXT, Vite and the test tools build and check.
    expect(production).toEqual([
      'node_modules/@types/har-format',
      'node_modules/@wxt-dev/browser',
      'node_modules/@wxt-dev/storage',
      'node_modules/dexie',
      'node_modules/libphonenumber-js',
      'node_modules/preact',
      'node_modules/superlock',
      'node_modules/webextension-polyfill',
    ]);
    expect(Object.keys(pkg.devDependencies)).toEqual(
      expect.arrayContaining(['wxt', '@wxt-dev/webextension-polyfill']),
    );
  });

  it('lists every package the shipped code imports as a production dependency', () => {
    // WXT's own import paths are resolved by the build: `wxt/browser` to webextension-polyfill
    // (the @wxt-dev/webextension-polyfill module's alias), `#imports` to @wxt-dev/storage here.
    const BUILD_ALIASES: Record<string, string> = {
      'wxt/browser': 'webextension-polyfill',
      '#imports': '@wxt-dev/storage',
    };
    const imported = new Set<string>();
    for (const dir of ['lib', 'components', 'entrypoints']) {
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!/\.tsx?$/.test(file)) continue;
        const source = readFileSync(join(dir, file), 'utf8');
        for (const [, specifier = ''] of source.matchAll(/\bfrom '([^'.@/][^']*|@[^/'][^']*)'/g)) {
          if (specifier.startsWith('@/')) continue;
          const aliased = BUILD_ALIASES[specifier];
          const parts = specifier.split('/');
          imported.add(
            aliased ?? (specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '')),
          );
        }
      }
    }
    expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
