import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ask } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';

describe('the built extension in Chromium', () => {
  let ext: LoadedExtension;
  beforeAll(async () => {
    ext = await loadExtension(inject('extensionDir'));
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('runs its service worker and answers the protocol from the popup and the options page', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    const popup = await ext.open('popup.html');
    const status = await ask(popup, 'status', {});
    expect(status.google.connected).toBe(false);
    expect(status.google.clientIdMissing).toBe(false);
    expect(status.cube.signedIn).toBe(false);
    // The build points at the sandbox (build-time configuration).
    expect(status.cube.endpoint).toBe(inject('cubeUrl'));
    const options = await ext.open('options.html');
    expect(await options.title()).toContain('Cube Contacts');
    const fromOptions = await ask(options, 'status', {});
    expect(fromOptions.settings.intervalMinutes).toBe(15);
  });

  it('schedules the periodic sync alarm on install', async () => {
    const alarm = await ext.worker.evaluate(async () => {
      const api = (
        globalThis as unknown as { chrome: { alarms: { get(n: string): Promise<unknown> } } }
      ).chrome;
      for (let i = 0; i < 50; i++) {
        const found = await api.alarms.get('sync');
        if (found) return found as { periodInMinutes?: number };
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    });
    expect(alarm?.periodInMinutes).toBe(15);
  });
});
