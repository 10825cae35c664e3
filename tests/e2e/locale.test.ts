import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ask } from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { POPUP_VIEWPORT } from './screenshots.ts';
import { cube, google, linkAccounts, resetServers } from './setup-account.ts';

/** The German strings, read from the shipped file rather than repeated here. */
const de = JSON.parse(
  readFileSync(new URL('../../public/_locales/de/messages.json', import.meta.url), 'utf8'),
) as Record<string, { message: string }>;
const say = (key: string): string => de[key]!.message;

describe('a German browser', () => {
  let ext: LoadedExtension;

  beforeAll(async () => {
    ext = await loadExtension(inject('extensionDir'), true, undefined, 'de');
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('gets the first-run options page in German', async () => {
    const options = await ext.open('options.html');
    await options.getByRole('heading', { name: say('optionsTitle') }).waitFor();
    expect(await options.title()).toBe(say('optionsTitle'));
    expect(await options.evaluate(() => document.documentElement.lang)).toBe(say('localeTag'));
    const google = options.getByRole('region', { name: say('googleTitle') });
    await google.getByRole('button', { name: say('connectGoogle') }).waitFor();
    const cube = options.getByRole('region', { name: say('cubeTitle') });
    // The phone first; the login and password behind their disclosure.
    await cube.getByRole('button', { name: say('phoneSignIn') }).waitFor();
    await cube.getByText(say('usePasswordInstead')).click();
    await cube.getByRole('button', { name: say('signIn'), exact: true }).waitFor();
    await cube.getByLabel(say('fieldPassword'), { exact: true }).waitFor();
    // The longer German words still fit the card: nothing sticks out sideways.
    expect(
      await cube.evaluate(
        (card) =>
          [...card.querySelectorAll('button, summary, label, p')].filter(
            (e) => e.getBoundingClientRect().right > card.getBoundingClientRect().right + 0.5,
          ).length,
      ),
    ).toBe(0);
    await options.getByRole('region', { name: say('consentTitle') }).waitFor();
    await options.getByText(say('consentNeedsAccounts')).waitFor();
    await options.close();
  });

  it('gets the popup and its Invite view in German, and the longer words still fit', async () => {
    await resetServers();
    await google().addPeople([
      { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
      {
        givenName: 'Maximiliane',
        familyName: 'Schwarzenberger-Lindqvist',
        phones: ['+49 30 1234567'],
      },
    ]);
    await cube().registerUser({ login: 'ada-de', password: 'pw-ada-1', phone: '12125550101' });
    const linked = await linkAccounts(ext, 'owner-de');
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    const popup = await ext.open('popup.html');
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.getByRole('tab', { name: say('tabUsers') }).waitFor();
    await popup.getByText('Ada Lovelace').waitFor();
    await popup.getByRole('tab', { name: say('tabInvite') }).click();
    const row = popup.getByRole('listitem').filter({ hasText: 'Schwarzenberger-Lindqvist' });
    await row.getByRole('button').getByText(say('copyInvite'), { exact: true }).waitFor();
    // Nothing sticks out sideways: no horizontal scrolling, every button inside its row.
    const overflow = await popup.evaluate(() => {
      const page = document.documentElement.scrollWidth > document.documentElement.clientWidth;
      const items = [...document.querySelectorAll('li')];
      const rows = items.filter((li) => {
        const box = li.getBoundingClientRect();
        return [...li.querySelectorAll('button')].some(
          (b) => b.getBoundingClientRect().right > box.right + 0.5,
        );
      });
      return { page, rows: rows.length, checked: items.length };
    });
    expect(overflow).toEqual({ page: false, rows: 0, checked: 1 });
    await popup.close();
    await linked.page.close();
  });

  it('tells a failed run in German in Activity, not in the English of the engine', async () => {
    await resetServers();
    await google().addPeople([
      { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
    ]);
    const linked = await linkAccounts(ext, 'owner-de-fails');
    // Google refuses every listing for now: the run fails once its retries are spent.
    await google().injectFaults(
      '/v1/people/me/connections',
      Array(20).fill({ kind: 'status', status: 500 }),
    );
    const outcome = await ask(linked.page, 'syncNow', {});
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'google-refused' } });
    await google().clearFaults();
    const options = await ext.open('options.html');
    const runs = options.getByRole('table', { name: say('runsCaption') });
    const newest = runs.getByRole('row').nth(1);
    const refused = say('runErrorGoogleRefused').split('$REASON$')[0]!;
    await newest.getByText(refused).waitFor();
    expect(await newest.textContent()).not.toContain('GoogleApiError');
    await options.close();
    await linked.page.close();
  });
});
