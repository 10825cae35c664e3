import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  askFirefox,
  loadFirefoxExtension,
  readLocal,
  requireFirefox,
  type FirefoxExtension,
} from './firefox.ts';
import { ACCOUNT_AGE_MS } from '../tools/build-env.ts';
import { cube, google } from './setup-account.ts';

// A smoke test of the Firefox (MV2) build in real Firefox ESR: the options and popup pages render,
// and the background signs in, connects Google through identity.launchWebAuthFlow, and syncs.
// The sandboxes are shared with the other e2e files, so nothing is reset: the owner's login is
// unique, and the contacts added here have numbers no other file uses.

const suffix = Date.now().toString(36);
const OWNER = { login: `firefox-owner-${suffix}`, password: 'firefox-pass-1' };

describe('Firefox build in Firefox ESR (headless)', () => {
  let ext: FirefoxExtension | undefined;
  let options: Page;
  let ownerId: number;

  const firefox = (): FirefoxExtension => {
    if (!ext) throw new Error('Firefox did not start (see beforeAll)');
    return ext;
  };

  beforeAll(async () => {
    requireFirefox();
    // Faults are per request and consumed; none left by another file may hit this one.
    await google().clearFaults();
    await cube().clearFaults();
    await google().setAuthMode('approve');
    await google().addPeople([
      { givenName: 'Fox', familyName: 'Glove', phones: ['+1 646 555 0171'] },
      { givenName: 'Fox', familyName: 'Trot', phones: ['+1 (646) 555-0172'] },
    ]);
    ownerId = (
      await cube().registerUser({
        login: OWNER.login,
        password: OWNER.password,
        full_name: 'Firefox Owner',
        phone: '19995550170',
      })
    ).id;
    // Uses the app before the first sync: listed in the popup, part of the baseline.
    await cube().registerUser({
      login: `firefox-trot-${suffix}`,
      password: 'firefox-pass-2',
      full_name: 'Fox T.',
      phone: '16465550172',
    });
    await cube().advanceClock(ACCOUNT_AGE_MS);
    ext = await loadFirefoxExtension(inject('firefoxExtensionDir'));
    options = await firefox().open('options.html');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('renders the options page with its cards', async () => {
    const headings = await options.evaluate(() => ({
      title: document.querySelector('h1')?.textContent ?? '',
      cards: [...document.querySelectorAll('section[aria-labelledby] > h2')].map(
        (h) => h.textContent ?? '',
      ),
    }));
    expect(headings.title).toBe('Cube Contacts settings');
    expect(headings.cards).toEqual(
      expect.arrayContaining(['Google account', 'ConnectyCube account']),
    );
  });

  it('signs in to the ConnectyCube sandbox', async () => {
    const status = await askFirefox(options, 'cubeSignIn', {
      login: OWNER.login,
      password: OWNER.password,
      staySignedIn: true,
    });
    expect(status.cube).toMatchObject({ state: 'signed-in', user: { id: ownerId } });
  });

  it('connects Google through identity.launchWebAuthFlow and the sandbox OAuth page', async () => {
    const status = await askFirefox(options, 'connectGoogle', { includeOther: false });
    expect(status.google).toMatchObject({ connected: true, needsReconnect: false });
    // The token came from the sandbox's redirect to Firefox's own redirect URL (Chrome's would be
    // *.chromiumapp.org).
    const authorizations = (await google().log()).filter((e) => e.path === '/o/oauth2/v2/auth');
    const redirects = authorizations.map((e) => new URL(e.query.redirect_uri ?? '').host);
    expect(redirects.some((host) => host.endsWith('.extensions.allizom.org'))).toBe(true);
  });

  it('consents, syncs, and the sandbox holds the book for this browser', async () => {
    expect((await askFirefox(options, 'consent', {})).consent.consent.state).toBe('given');
    const outcome = await askFirefox(options, 'syncNow', {});
    expect(outcome.status).toBe('ok');

    const udid = await readLocal(options, 'udid');
    expect(udid).toMatch(/^cube-contacts-/);
    const book = await cube().book(ownerId, udid as string);
    expect(book).toEqual(
      expect.arrayContaining([
        { phone: '16465550171', name: 'Fox Glove' },
        { phone: '16465550172', name: 'Fox Trot' },
      ]),
    );
    // The rest of the book is whatever Google holds from other files: the extension's own
    // comparison says the server holds exactly what it should.
    const report = await askFirefox(options, 'serverBook', {});
    expect(report).toMatchObject({ missing: [], unexpected: [], renamed: [] });
    expect(report.serverCount).toBe(book.length);
    expect(report.expectedCount).toBe(book.length);
    // The user's global book (their phone's) is untouched.
    expect(await cube().book(ownerId)).toEqual([]);
  });

  it('renders the popup with the contact who uses the app', async () => {
    const popup = await firefox().open('popup.html');
    await popup.waitForSelector('.user-row', { timeout: 20_000 });
    const names = await popup.evaluate(() =>
      [...document.querySelectorAll('.user-row .user-name')].map((n) => n.textContent ?? ''),
    );
    expect(names).toContain('Fox Trot');
  });
});
