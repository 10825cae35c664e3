import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { generatePeople } from '../sandbox/index.ts';
import { ask } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { idle, polled } from './newcomer-screens.ts';
import { cube, google, linkAccounts, resetServers } from './setup-account.ts';

/** The browser is closed with work pending, then started again with the same profile. */
describe('a browser restart', () => {
  const profile = mkdtempSync(join(tmpdir(), 'cube-restart-'));
  let ext: LoadedExtension | undefined;
  afterAll(async () => {
    await ext?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('keeps the accounts, the consent and the pending upload, and finishes it', async () => {
    await resetServers();
    await google().addPeople(generatePeople(30, 17));
    ext = await loadExtension(inject('extensionDir'), true, profile);
    const linked = await linkAccounts(ext, 'owner-restart', false);
    // ConnectyCube fails every upload for now: the first sync after consent fails.
    await cube().injectFaults(
      '/address_book',
      Array(20).fill({ kind: 'status', status: 500 }),
      'POST',
    );
    await ask(linked.page, 'consent', {});
    const failed = await idle(linked.page, 'consent');
    expect(failed.lastRun?.status).toBe('failed');
    expect(await cube().book(linked.ownerId, linked.udid)).toEqual([]);
    await ext.close();

    await cube().clearFaults();
    ext = await loadExtension(inject('extensionDir'), true, profile);
    const page = await ext.open('options.html');
    const status = await ask(page, 'status', {});
    expect(status.cube).toMatchObject({ state: 'signed-in', user: { id: linked.ownerId } });
    expect(status.consent.consent.state).toBe('given');
    expect(status.google.connected).toBe(true);
    // The browser's start runs the sync that was pending: the book ends up complete.
    const entries = status.consent.phoneCount;
    expect(entries).toBeGreaterThan(20);
    const size = await polled(
      async () => (await cube().book(linked.ownerId, linked.udid)).length,
      entries,
      100,
    );
    expect(size).toBe(entries);
  });
});
