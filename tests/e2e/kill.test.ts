import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunRow } from '../../lib/db/schema.ts';
import { generatePeople } from '../sandbox/index.ts';
import { ask, readTable } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { cube, google, linkAccounts, resetServers, type Linked } from './setup-account.ts';

/** The browser stops the extension's service worker in the middle of an upload. */
describe('a stopped service worker', () => {
  let ext: LoadedExtension;
  let linked: Linked;

  beforeAll(async () => {
    await resetServers();
    // 1,800 contacts: four batches of up to 500, slow enough to stop the worker between them.
    await google().addPeople(generatePeople(1_800, 11));
    ext = await loadExtension(inject('extensionDir'));
    linked = await linkAccounts(ext, 'owner-kill', false);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('loses no pending upload: the next run resends what was in doubt and finishes the book', async () => {
    // The second batch is applied, then its answer is held back; the worker is stopped meanwhile.
    await cube().injectFaults(
      '/address_book',
      [
        { kind: 'delay', ms: 0 },
        { kind: 'delay', ms: 4_000 },
      ],
      'POST',
    );
    await cube().clearLog();
    // "Start syncing" without waiting for the answer: the worker will not live to send it.
    await linked.page.evaluate(() => {
      void (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime
        .sendMessage({ type: 'consent' })
        .catch(() => undefined);
    });
    await expect
      .poll(
        async () =>
          (await cube().log()).filter((e) => e.method === 'POST' && e.path === '/address_book')
            .length,
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cdp = await ext.context.newCDPSession(linked.page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    const before = await cube().book(linked.ownerId, linked.udid);
    // The next request wakes a new worker, which takes over the lease and resumes.
    const outcome = await ask(linked.page, 'syncNow', {});
    expect(outcome.status).toBe('ok');
    const status = await ask(linked.page, 'status', {});
    const book = await cube().book(linked.ownerId, linked.udid);
    expect(book.length).toBe(status.consent.phoneCount);
    expect(before.length).toBeLessThan(book.length);
    const report = await ask(linked.page, 'serverBook', {});
    expect(report).toMatchObject({ missing: [], unexpected: [], renamed: [] });
    const runs = await readTable<RunRow>(linked.page, 'runs');
    expect(runs.some((r) => r.status === 'interrupted')).toBe(true);
    // Nothing left in doubt.
    expect(await readTable(linked.page, 'inflight')).toEqual([]);
    // The batch in flight when the worker stopped was sent again, whole, by the new worker (the
    // stopped worker's request still lands late: the sandbox logs it when it answers).
    const posts = async () =>
      (await cube().log())
        .filter((e) => e.method === 'POST' && e.path === '/address_book')
        .map((e) => JSON.stringify((e.body as { contacts: unknown[] }).contacts));
    await expect.poll(async () => (await posts()).length, { timeout: 10_000 }).toBe(5);
    const sent = await posts();
    expect(new Set(sent).size).toBe(4);
    expect(await cube().book(linked.ownerId, linked.udid)).toHaveLength(book.length);
  });
});
