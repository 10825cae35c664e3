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
    expect(status.cube).toMatchObject({ state: 'signed-out', builtInApp: true });
    // The build points at the sandbox (build-time configuration).
    expect(status.cube.endpoint).toBe(inject('cubeUrl'));
    const options = await ext.open('options.html');
    expect(await options.title()).toContain('Cube Contacts');
    const fromOptions = await ask(options, 'status', {});
    expect(fromOptions.settings.intervalMinutes).toBe(15);
  });

  it('schedules nothing before Google is connected, then the periodic sync', async () => {
    const alarms = () =>
      ext.worker.evaluate(async () => {
        const api = (
          globalThis as unknown as {
            chrome: { alarms: { getAll(): Promise<{ name: string; periodInMinutes?: number }[]> } };
          }
        ).chrome;
        return api.alarms.getAll();
      });
    // A first run with nothing connected wakes nothing up in the background.
    expect(await alarms()).toEqual([]);
    const options = await ext.open('options.html');
    await ask(options, 'connectGoogle', { includeOther: false });
    const scheduled = await alarms();
    // The periodic sync, and the daily "Check and repair".
    expect(scheduled.map((a) => [a.name, a.periodInMinutes]).sort()).toEqual([
      ['daily-check', 1440],
      ['sync', 15],
    ]);
  });
});
