// The sandboxes' host of the phone sign-in page: its folder's files under one prefix, nothing else.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from '../../sandbox/static-files.ts';

const root = mkdtempSync(join(tmpdir(), 'static-files-'));
const dir = join(root, 'site');
mkdirSync(join(dir, 'assets'), { recursive: true });
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>page</title>');
writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'not to be served');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const handler = createStaticHandler(dir, '/phone-sign-in/');
const get = (path: string, method = 'GET') =>
  handler(new Request(`http://127.0.0.1:1${path}`, { method }));

describe('createStaticHandler', () => {
  it('serves the folder under its prefix, index.html at the prefix itself', async () => {
    const index = await get('/phone-sign-in/?redirect_uri=x&state=y');
    expect(index.status).toBe(200);
    expect(index.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>page</title>');
    const script = await get('/phone-sign-in/assets/app.js');
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect((await get('/phone-sign-in')).headers.get('Location')).toBe('/phone-sign-in/');
  });

  it('serves nothing outside the folder or the prefix, and only GET and HEAD', async () => {
    for (const path of [
      '/phone-sign-in/../secret.txt',
      '/phone-sign-in/%2e%2e/secret.txt',
      '/phone-sign-in/..%2fsecret.txt',
      '/phone-sign-in/%E0%A4%A',
      '/phone-sign-in/missing.js',
      '/secret.txt',
      '/index.html',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await get('/phone-sign-in/', 'POST')).status).toBe(405);
    expect((await get('/phone-sign-in/', 'HEAD')).status).toBe(200);
  });
});
