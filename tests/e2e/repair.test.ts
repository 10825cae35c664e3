import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunRow } from '../../lib/db/schema.ts';
import { ask, readTable } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { polled } from './newcomer-screens.ts';
import { OPTIONS_WIDTH, SCREENSHOT_DIR } from './screenshots.ts';
import { cube, google, linkAccounts, resetServers, type Linked } from './setup-account.ts';

/** The Privacy card after a repair, light theme (`repair.png`). */
async function shootRepair(page: Page, card: Locator): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize({ width: OPTIONS_WIDTH, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.bringToFront();
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    await document.fonts.ready;
  });
  await card.screenshot({ path: `${SCREENSHOT_DIR}repair.png` });
}

const sorted = (book: { phone: string; name: string }[]) =>
  book.map((e) => `${e.phone} ${e.name}`).sort();

/** The server's book changed behind the extension's back; "Check and repair" puts it right. */
describe('check and repair', () => {
  let ext: LoadedExtension;
  let linked: Linked;
  let wanted: string[];

  /** Two entries deleted, one renamed, one added that the extension never sent. */
  async function breakBook(): Promise<void> {
    const book = await cube().book(linked.ownerId, linked.udid);
    await cube().uploadToBook(
      linked.ownerId,
      [
        { phone: book[0]!.phone, destroy: 1 },
        { phone: book[1]!.phone, destroy: 1 },
        { phone: book[2]!.phone, name: 'Renamed Behind Its Back' },
        { phone: '19995550177', name: 'Never Sent' },
      ],
      { udid: linked.udid },
    );
  }

  beforeAll(async () => {
    await resetServers();
    await google().addPeople([
      { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
      { givenName: 'Alan', familyName: 'Turing', phones: ['(212) 555-0102'] },
      { givenName: 'Grace', familyName: 'Hopper', phones: ['+1 212 555 0103'] },
      { givenName: 'Hedy', familyName: 'Lamarr', phones: ['+1 212 555 0104'] },
      { givenName: 'Katherine', familyName: 'Johnson', phones: ['+44 20 7946 0958'] },
    ]);
    ext = await loadExtension(inject('extensionDir'));
    linked = await linkAccounts(ext, 'owner-repair');
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    wanted = sorted(await cube().book(linked.ownerId, linked.udid));
    expect(wanted).toHaveLength(5);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('"Check and repair" sends those 4 contacts, no force, and Activity shows the drift', async () => {
    await breakBook();
    await cube().clearLog();
    const options = linked.page;
    await options.reload();
    const privacy = options.getByRole('region', { name: 'Privacy' });
    await privacy.getByRole('button', { name: 'Check and repair' }).click();
    await privacy.getByText('2 missing, 1 renamed, 1 extra: repaired.').waitFor();
    const posts = (await cube().log()).filter(
      (e) => e.method === 'POST' && e.path === '/address_book',
    );
    const bodies = posts.map((e) => e.body as { force?: number; contacts: unknown[] });
    expect(bodies.every((b) => b.force === undefined)).toBe(true);
    expect(bodies.flatMap((b) => b.contacts)).toHaveLength(4);
    expect(sorted(await cube().book(linked.ownerId, linked.udid))).toEqual(wanted);
    const activity = options.getByRole('region', { name: 'Activity' });
    const row = activity.getByRole('row').filter({ hasText: 'Check and repair' }).first();
    expect(await row.textContent()).toContain('2 missing, 1 renamed, 1 extra: repaired.');

    // What the server holds now, listed on the card: README's picture of the repair.
    await privacy.getByRole('button', { name: 'Show what the server holds' }).click();
    const list = privacy.getByRole('region', { name: 'What the server holds' });
    await list.getByText('Katherine Johnson').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(5);
    await shootRepair(options, privacy);
  });

  it('the daily check repairs without a click', async () => {
    await breakBook();
    // The daily alarm, brought forward: the browser fires it as it would after a day.
    await ext.worker.evaluate(
      "chrome.alarms.create('daily-check', { when: Date.now() + 200, periodInMinutes: 1440 })",
    );
    const run = await polled(
      async () => {
        const runs = await readTable<RunRow>(linked.page, 'runs');
        const daily = runs.filter((r) => r.trigger === 'daily-check' && r.status !== 'running');
        return daily.length;
      },
      1,
      100,
    );
    expect(run).toBe(1);
    const daily = (await readTable<RunRow>(linked.page, 'runs')).find(
      (r) => r.trigger === 'daily-check',
    );
    expect(daily?.counts.drift).toEqual({ missing: 2, renamed: 1, extra: 1 });
    expect(sorted(await cube().book(linked.ownerId, linked.udid))).toEqual(wanted);
  });
});
