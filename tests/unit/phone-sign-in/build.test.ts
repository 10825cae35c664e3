// The page's build: its variables checked (a missing one fails the build by name), and the static
// files it writes: a strict CSP, no inline script, relative asset URLs, and nothing built in but
// the page's own four settings.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, phonePageConfig } from '@/phone-sign-in/build-config';
import { buildPhonePage, phonePageEnv, SANDBOX_PHONE_REDIRECTS } from '../../tools/phone-page.ts';

const GOOD = {
  WXT_FIREBASE_API_KEY: 'AIzaSyExample-Key_123',
  WXT_FIREBASE_PROJECT_ID: 'my-app-12345',
  WXT_PHONE_SIGNIN_REDIRECTS:
    ' https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/ , https://0123abcd.extensions.allizom.org/',
};

describe('phonePageConfig', () => {
  it('reads the variables, trimming the redirect list', () => {
    expect(phonePageConfig(GOOD)).toEqual({
      apiKey: 'AIzaSyExample-Key_123',
      projectId: 'my-app-12345',
      redirects: [
        'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
        'https://0123abcd.extensions.allizom.org/',
      ],
      emulatorUrl: null,
    });
    expect(
      phonePageConfig({ ...GOOD, WXT_FIREBASE_AUTH_EMULATOR_URL: 'http://127.0.0.1:9099/' })
        .emulatorUrl,
    ).toBe('http://127.0.0.1:9099');
  });

  it('names every missing variable', () => {
    expect(() => phonePageConfig({ WXT_FIREBASE_PROJECT_ID: 'p1' })).toThrow(
      'The phone sign-in page needs WXT_FIREBASE_API_KEY, WXT_PHONE_SIGNIN_REDIRECTS',
    );
    expect(() => phonePageConfig({ ...GOOD, WXT_PHONE_SIGNIN_REDIRECTS: ' ' })).toThrow(
      /needs WXT_PHONE_SIGNIN_REDIRECTS/,
    );
  });

  it.each([
    'http://abc.chromiumapp.org/',
    'https://abc.chromiumapp.org',
    'https://abc.chromiumapp.org.evil',
    'https://abc.*.org/',
    'https://*/',
    'https://abc.chromiumapp.org/?x=1',
    'chromiumapp.org/',
  ])('refuses the redirect prefix %s', (prefix) => {
    expect(() => phonePageConfig({ ...GOOD, WXT_PHONE_SIGNIN_REDIRECTS: prefix })).toThrow(
      /WXT_PHONE_SIGNIN_REDIRECTS: ".*" is not an https URL prefix/,
    );
  });

  it('refuses a project id or an emulator URL that cannot be one', () => {
    expect(() => phonePageConfig({ ...GOOD, WXT_FIREBASE_PROJECT_ID: 'My Project' })).toThrow(
      /WXT_FIREBASE_PROJECT_ID/,
    );
    expect(() => phonePageConfig({ ...GOOD, WXT_FIREBASE_AUTH_EMULATOR_URL: 'localhost' })).toThrow(
      /WXT_FIREBASE_AUTH_EMULATOR_URL/,
    );
  });

  it('allows scripts from the page and reCAPTCHA only, and the emulator only when built for one', () => {
    const csp = contentSecurityPolicy(phonePageConfig(GOOD));
    expect(csp).toContain(
      "script-src 'self' https://www.google.com/recaptcha/ https://www.gstatic.com/recaptcha/;",
    );
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('127.0.0.1');
    const emulated = contentSecurityPolicy(
      phonePageConfig({ ...GOOD, WXT_FIREBASE_AUTH_EMULATOR_URL: 'http://127.0.0.1:9099' }),
    );
    expect(emulated).toMatch(/connect-src [^;]*http:\/\/127\.0\.0\.1:9099/);
  });
});

describe('npm run build:phone-page', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'phone-page-build-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('writes static files with a strict CSP, no inline script and only its own settings', () => {
    const out = tempDir();
    const env = phonePageEnv({ emulatorUrl: 'http://127.0.0.1:9099', projectId: 'demo-x' });
    // Another variable of the extension's, present at build time, must not reach the page.
    buildPhonePage(out, { ...env, WXT_CONNECTYCUBE_AUTH_KEY: 'extension-only-key' });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBe(contentSecurityPolicy(phonePageConfig(env)));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\.\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/); // no inline event handlers
    const assets = readdirSync(join(out, 'assets'));
    const bundle = assets
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(out, 'assets', name), 'utf8'))
      .join('\n');
    // (includes(), not toContain(): a failure would print the whole bundle)
    for (const prefix of SANDBOX_PHONE_REDIRECTS) expect(bundle.includes(prefix)).toBe(true);
    expect(bundle.includes('http://127.0.0.1:9099')).toBe(true);
    expect(bundle.includes('extension-only-key')).toBe(false);
  }, 60_000);

  it('fails with the names of the missing variables', () => {
    const { WXT_PHONE_SIGNIN_REDIRECTS: _, ...rest } = phonePageEnv({
      emulatorUrl: 'http://127.0.0.1:9099',
      projectId: 'demo-x',
    });
    // An empty value stands for "unset" (the developer's .env cannot fill it back in).
    expect(() => buildPhonePage(tempDir(), { ...rest, WXT_PHONE_SIGNIN_REDIRECTS: '' })).toThrow(
      /needs WXT_PHONE_SIGNIN_REDIRECTS/,
    );
  }, 60_000);
});
