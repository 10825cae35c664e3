// Accessibility of the built extension's pages, checked by axe-core against WCAG 2.0–2.2 A and AA,
// in the light and the dark theme, in the states a user meets: the options page and the popup on
// first run, then with both accounts linked, consent given, a join, and activity in every table.
import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ask } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { idle, userList } from './newcomer-screens.ts';
import { OPTIONS_WIDTH, POPUP_VIEWPORT } from './screenshots.ts';
import { cube, google, linkAccounts, resetServers } from './setup-account.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCHEMES = ['light', 'dark'] as const;

/** One violation as the failure message lists it: rule, impact, and where. */
function described(violation: Result): string {
  const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
  return `${violation.id} (${violation.impact ?? 'unknown'}): ${targets}`;
}

/** Fails with every serious or critical violation of the page, in both themes. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  const found: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    for (const violation of violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        found.push(`[${scheme}] ${described(violation)}`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found, `axe found serious or critical violations on ${state}`).toEqual([]);
}

/**
 * Adds rows as the background would have written them, where the sandbox has no way to cause them
 * (a server refusal of one entry, a failed run): plain IndexedDB from an extension page. Pages read
 * them on their next load.
 */
async function addRows(page: Page, table: string, rows: object[]): Promise<void> {
  await page.evaluate(
    ({ table, rows }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('cube-contacts');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(table, 'readwrite');
          for (const row of rows) tx.objectStore(table).put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { table, rows },
  );
}

describe('accessibility of the pages (axe-core, WCAG 2.0–2.2 A/AA)', () => {
  let ext: LoadedExtension;

  beforeAll(async () => {
    await resetServers();
    await google().addPeople([
      { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
      { givenName: 'Alan', familyName: 'Turing', phones: ['(212) 555-0102'] },
      { givenName: 'Grace', familyName: 'Hopper', phones: ['212.555.0103 ext. 12'] },
      { givenName: 'Katherine', familyName: 'Johnson', phones: ['+44 20 7946 0958'] },
      { givenName: 'Short', familyName: 'Number', phones: ['12345'] },
      { givenName: 'Radia', familyName: 'Perlman', phones: ['+999 1234 5678'] },
    ]);
    // App users before the first sync: listed, not a join.
    await cube().registerUser({
      login: 'ada-app',
      password: 'pw-ada-1',
      full_name: 'Ada L.',
      phone: '12125550101',
    });
    await cube().registerUser({
      login: 'kath-app',
      password: 'pw-kath-1',
      full_name: 'Katherine J.',
      phone: '442079460958',
    });
    ext = await loadExtension(inject('extensionDir'));
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('the options page on first run, with "Advanced" open, and the sign-in refused empty', async () => {
    const options = await ext.open('options.html');
    await options.setViewportSize({ width: OPTIONS_WIDTH, height: 900 });
    await options
      .getByRole('region', { name: 'Google account' })
      .getByText('Not connected.')
      .waitFor();
    await expectAccessible(options, 'the options page on first run');
    await options.getByText('Use a login and password instead').click();
    await options.getByText('Advanced').click();
    await options.getByLabel('Application ID').waitFor();
    await expectAccessible(options, 'the options page with "Advanced" open');
    // Sent empty: each field says what is missing.
    await options.getByRole('button', { name: 'Sign in', exact: true }).click();
    await options.locator('input[aria-invalid="true"]').first().waitFor();
    await expectAccessible(options, 'the sign-in form with its field errors');
    await options.close();
  });

  it('the popup before set-up', async () => {
    const popup = await ext.open('popup.html');
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.getByRole('button', { name: 'Set up' }).waitFor();
    await expectAccessible(popup, 'the popup before set-up');
    await popup.close();
  });

  it('the popup listing app users, one of them new, and its Invite view', async () => {
    const { page } = await linkAccounts(ext, 'owner-a11y');
    expect(await ask(page, 'syncNow', {})).toMatchObject({ status: 'ok' });
    await cube().registerUser({
      login: 'alan-app',
      password: 'pw-alan-1',
      full_name: 'Alan T.',
      phone: '12125550102',
    });
    expect(await ask(page, 'syncNow', {})).toMatchObject({ status: 'ok' });
    await idle(page);
    await page.close();

    const popup = await ext.open('popup.html');
    await popup.setViewportSize(POPUP_VIEWPORT);
    await userList(popup).getByText('Alan Turing').waitFor();
    await userList(popup).getByText('new', { exact: true }).waitFor();
    await expectAccessible(popup, 'the popup with its list');
    await popup.getByLabel('Search').fill('nobody');
    await popup.getByText('No contact matches “nobody”.').waitFor();
    await expectAccessible(popup, 'the popup with a search that matches nobody');
    // The Invite view, one contact invited (the copy needs the clipboard).
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.getByRole('tab', { name: 'Invite' }).click();
    await popup.getByRole('button', { name: 'Copy invite for Grace Hopper' }).click();
    await popup.getByText(/^Invited /).waitFor();
    await expectAccessible(popup, 'the Invite view with an invited contact');
    await popup.close();
  });

  it('the options page with both accounts, consent, and rows in every table', async () => {
    const options = await ext.open('options.html');
    await options.setViewportSize({ width: OPTIONS_WIDTH, height: 900 });
    const now = Date.now();
    await addRows(options, 'rejected', [
      { phone: '12125550103', name: 'Grace Hopper', reason: 'Blocked number', at: now },
    ]);
    await addRows(options, 'runs', [
      {
        startedAt: now - 5000,
        endedAt: now - 4000,
        phase: 'upload',
        trigger: 'alarm',
        counts: {
          imported: 0,
          created: 0,
          updated: 0,
          deleted: 0,
          rejected: 0,
          joins: 0,
          requests: 5,
        },
        status: 'failed',
        error: { kind: 'network', code: 'network-unreachable', params: ['api.connectycube.com'] },
      },
    ]);
    await options.reload();
    const activity = options.getByRole('region', { name: 'Activity' });
    await activity.getByText('Could not reach api.connectycube.com.').waitFor();
    await activity.getByRole('row').filter({ hasText: 'Short Number' }).waitFor();
    await activity.getByRole('row').filter({ hasText: 'Blocked number' }).waitFor();
    await options.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectAccessible(options, 'the options page, set up');

    // A destructive action's question, open.
    await options.getByRole('button', { name: 'Forget everything on this device' }).click();
    await options.getByRole('button', { name: 'Cancel' }).waitFor();
    await expectAccessible(options, 'the options page asking before forgetting');
    await options.close();
  });

  it('the popup after a failed run', async () => {
    const popup = await ext.open('popup.html');
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.getByText(/The last sync failed/).waitFor();
    await userList(popup).getByText('Alan Turing').waitFor();
    await expectAccessible(popup, 'the popup after a failed run');
    await popup.close();
  });
});
