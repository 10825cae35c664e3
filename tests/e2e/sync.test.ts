import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  createdNotifications,
  openNotifications,
  readTable,
  recordNotifications,
} from './driver.ts';
import { loadExtension, type LoadedExtension } from './extension.ts';
import { cube, google, linkAccounts, resetServers, type Linked } from './setup-account.ts';
import type { RegisteredRow, SkippedRow } from '../../lib/db/schema.ts';

const sortBook = (book: { phone: string; name: string }[]) =>
  [...book].sort((a, b) => a.phone.localeCompare(b.phone)).map((c) => `${c.phone} ${c.name}`);

/** The address-book POSTs since the log was cleared, as the contacts they carried. */
async function uploads(): Promise<{ phone: string; name?: string; destroy?: number }[][]> {
  const log = await cube().log();
  return log
    .filter((e) => e.method === 'POST' && e.path === '/address_book')
    .map(
      (e) =>
        (e.body as { contacts: { phone: string; name?: string; destroy?: number }[] }).contacts,
    );
}

describe('sync engine against the sandbox servers', () => {
  let ext: LoadedExtension;
  let linked: Linked;
  const refs: string[] = [];

  beforeAll(async () => {
    await resetServers();
    refs.push(
      ...(await google().addPeople([
        { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] },
        { givenName: 'Alan', familyName: 'Turing', phones: ['(212) 555-0102', '+44 20 7946 0958'] },
        { givenName: 'Grace', familyName: 'Hopper', phones: ['212.555.0103 ext. 12'] },
        { displayName: '', phones: ['+1 212 555 0104'] },
        { givenName: 'Twin', familyName: 'One', phones: ['+1 212 555 0105'] },
        { givenName: 'Twin', familyName: 'Two', phones: ['2125550105'] },
        { givenName: 'Short', phones: ['12345'] },
        { givenName: 'No', familyName: 'Phone' },
      ])),
    );
    // Already an app user before the first sync: part of the baseline, never a "join".
    await cube().registerUser({
      login: 'ada-app',
      password: 'pw-ada-1',
      full_name: 'Ada L.',
      phone: '12125550101',
    });
    ext = await loadExtension(inject('extensionDir'));
    await recordNotifications(ext);
    linked = await linkAccounts(ext, 'owner-sync');
    const outcome = await ask(linked.page, 'syncNow', {});
    expect(outcome.status).toBe('ok');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('uploads exactly the expected book on the first sync, into its own udid book', async () => {
    const book = await cube().book(linked.ownerId, linked.udid);
    expect(sortBook(book)).toEqual([
      '12125550101 Ada Lovelace',
      '12125550102 Alan Turing',
      '12125550103 Grace Hopper',
      '12125550104 (212) 555-0104',
      '12125550105 Twin One',
      '442079460958 Alan Turing',
    ]);
    // The user's global book (their phone's) is untouched.
    expect(await cube().book(linked.ownerId)).toEqual([]);
    // Stored by person, packed in buckets (the counts row has no `rows`).
    const buckets = await readTable<{ rows?: { phones: SkippedRow[] }[] }>(
      linked.page,
      'skippedBuckets',
    );
    const skipped = buckets.flatMap((b) => b.rows ?? []).flatMap((p) => p.phones);
    expect(skipped.map((s) => `${s.raw}:${s.reason}`)).toEqual(['12345:too-short']);
    const registered = await readTable<RegisteredRow>(linked.page, 'registered');
    expect(registered.map((r) => [r.phone, r.joinedAt])).toEqual([['12125550101', undefined]]);
    expect(await createdNotifications(ext)).toEqual([]);
  });

  it('sends only what changed in Google', async () => {
    await cube().clearLog();
    await google().addPerson({
      givenName: 'Katherine',
      familyName: 'Johnson',
      phones: ['+1 212 555 0106'],
    });
    await google().updatePerson(refs[2]!, { givenName: 'Amazing Grace' });
    await google().deletePerson(refs[0]!);
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    const sent = (await uploads()).flat();
    expect(sent).toEqual(
      expect.arrayContaining([
        { phone: '12125550106', name: 'Katherine Johnson' },
        { phone: '12125550103', name: 'Amazing Grace Hopper' },
        { phone: '12125550101', destroy: 1 },
      ]),
    );
    expect(sent).toHaveLength(3);
    // Nothing changed: nothing is uploaded.
    await cube().clearLog();
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    expect(await uploads()).toEqual([]);
  });

  it('notifies exactly once when a contact registers, and stores the user', async () => {
    await cube().registerUser({
      login: 'alan-app',
      password: 'pw-alan-1',
      full_name: 'Alan T.',
      phone: '12125550102',
    });
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    const created = await createdNotifications(ext);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ title: 'Alan Turing' });
    expect(await openNotifications(ext)).toEqual([created[0]!.id]);
    const registered = await readTable<RegisteredRow>(linked.page, 'registered');
    expect(registered.find((r) => r.phone === '12125550102')).toMatchObject({
      notified: 1,
      seen: 0,
      fullName: 'Alan T.',
    });
    expect((await ask(linked.page, 'status', {})).unseenJoins).toBe(1);
  });

  it("clicking the join's notification opens that user's chat when a chat link is set", async () => {
    const [joined] = await createdNotifications(ext);
    await ask(linked.page, 'saveSettings', {
      settings: { chatLinkTemplate: 'https://chat.example/users/{id}' },
    });
    await ext.context.route('https://chat.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Chat</title>' }),
    );
    const opened = ext.context.waitForEvent('page');
    // The browser's own click event, dispatched to the worker's listener (headless has no screen).
    await ext.worker.evaluate((id) => {
      const api = (
        globalThis as unknown as {
          chrome: { notifications: { onClicked: { dispatch(id: string): void } } };
        }
      ).chrome;
      api.notifications.onClicked.dispatch(id);
    }, joined!.id);
    const chat = await opened;
    const alan = (await readTable<RegisteredRow>(linked.page, 'registered')).find(
      (r) => r.phone === '12125550102',
    );
    await chat.waitForURL(`https://chat.example/users/${alan?.userId}`);
    await chat.close();
    await ext.context.unroute('https://chat.example/**');
    await ask(linked.page, 'saveSettings', { settings: { chatLinkTemplate: '' } });
  });

  it('checks at once when ConnectyCube pushes "a contact joined"', async () => {
    await cube().registerUser({
      login: 'grace-app',
      password: 'pw-grace-1',
      full_name: 'Grace H.',
      phone: '12125550103',
    });
    // Deliver a Web Push to the extension's worker, as the push service would (DevTools protocol).
    const cdp = await ext.context.newCDPSession(linked.page);
    const origin = `chrome-extension://${ext.extensionId}/`;
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((r) => r.scopeURL === origin);
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId: await registrationId,
      data: '{}',
    });
    await expect
      .poll(
        async () => (await readTable<RegisteredRow>(linked.page, 'registered')).map((r) => r.phone),
        { timeout: 15_000 },
      )
      .toContain('12125550103');
    await expect
      .poll(async () => (await createdNotifications(ext)).length, { timeout: 5_000 })
      .toBe(2);
  });

  it('answers an expired sync token with a full listing that applies deletions', async () => {
    await google().deletePerson(refs[4]!);
    await google().expireSyncTokens();
    await google().clearLog();
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    const calls = (await google().log()).filter((e) => e.path === '/v1/people/me/connections');
    expect(calls.map((c) => [c.status, 'syncToken' in c.query])).toEqual([
      [400, true],
      [200, false],
    ]);
    const book = await cube().book(linked.ownerId, linked.udid);
    expect(book.find((c) => c.phone === '12125550105')?.name).toBe('Twin Two');
  });

  it('renews an expired ConnectyCube session transparently', async () => {
    await cube().expireSessions();
    await cube().clearLog();
    await google().addPerson({
      givenName: 'Dorothy',
      familyName: 'Vaughan',
      phones: ['+1 212 555 0107'],
    });
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    const log = await cube().log();
    expect(log.slice(0, 3).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST /address_book 401',
      'POST /session 201',
      'POST /address_book 200',
    ]);
    expect(
      (await cube().book(linked.ownerId, linked.udid)).some((c) => c.phone === '12125550107'),
    ).toBe(true);
  });

  it('retries a 500 and ends with the right book', async () => {
    await cube().injectFaults('/address_book', [{ kind: 'status', status: 500 }], 'POST');
    await google().addPerson({
      givenName: 'Mary',
      familyName: 'Jackson',
      phones: ['+1 212 555 0108'],
    });
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    const book = await cube().book(linked.ownerId, linked.udid);
    expect(book.find((c) => c.phone === '12125550108')?.name).toBe('Mary Jackson');
    expect(book).toHaveLength(8);
  });

  it('repairs the server copy with "Re-upload everything" (one forced batch)', async () => {
    // Someone emptied the book behind our back: the check sees it, the re-upload repairs it.
    const emptied = (await cube().book(linked.ownerId, linked.udid)).map((c) => ({
      phone: c.phone,
      destroy: 1 as const,
    }));
    await cube().uploadToBook(linked.ownerId, emptied, { udid: linked.udid });
    const report = await ask(linked.page, 'serverBook', {});
    expect(report.serverCount).toBe(0);
    expect(report.missing).toHaveLength(report.expectedCount);
    await cube().clearLog();
    expect((await ask(linked.page, 'reuploadAll', {})).status).toBe('ok');
    const posts = (await cube().log()).filter(
      (e) => e.method === 'POST' && e.path === '/address_book',
    );
    expect(posts.map((e) => (e.body as { force?: number }).force)).toEqual([1]);
    const repaired = await ask(linked.page, 'serverBook', {});
    expect(repaired).toMatchObject({ missing: [], unexpected: [], renamed: [] });
    expect(repaired.serverCount).toBe(repaired.expectedCount);
  });

  it('removes everything it uploaded from the server and stops syncing', async () => {
    const status = await ask(linked.page, 'removeFromServer', {});
    expect(status.consent.consent).toEqual({ state: 'needed', changed: false });
    expect(await cube().book(linked.ownerId, linked.udid)).toEqual([]);
    await cube().clearLog();
    await google().addPerson({
      givenName: 'After',
      familyName: 'Removal',
      phones: ['+1 212 555 0109'],
    });
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    expect(await uploads()).toEqual([]);
  });

  it('marks Google "needs reconnect" when silent renewal fails, and waits for the user', async () => {
    await google().setAuthMode('deny-silent');
    // Google's clock moves past the token's hour: the next call is refused, renewal is attempted.
    await google().advanceClock(3_600_000);
    await google().clearLog();
    const failed = await ask(linked.page, 'syncNow', {});
    expect(failed.status).toBe('failed');
    const status = await ask(linked.page, 'status', {});
    expect(status.google.needsReconnect).toBe(true);
    expect(status.lastRun).toMatchObject({ status: 'failed', error: { kind: 'google-reconnect' } });
    // The renewal never opened a window: it asked with prompt=none only.
    const auth = (await google().log()).filter((e) => e.path === '/o/oauth2/v2/auth');
    expect(auth.map((e) => e.query.prompt)).toEqual(['none']);
    expect(await ask(linked.page, 'syncNow', {})).toEqual({
      status: 'not-ready',
      reason: 'google-reconnect',
    });
    // The user reconnects (interactive): syncing resumes.
    await ask(linked.page, 'connectGoogle', { includeOther: false });
    expect((await ask(linked.page, 'status', {})).google.needsReconnect).toBe(false);
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    await google().setAuthMode('approve');
  });

  it('includes "Other contacts" only while the user opts in, asking Google for that scope', async () => {
    await ask(linked.page, 'consent', {});
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    await google().addOtherContacts([{ displayName: 'Courier', phones: ['+1 646 555 0155'] }]);
    await google().clearLog();
    await ask(linked.page, 'connectGoogle', { includeOther: true });
    const auth = (await google().log()).find((e) => e.path === '/o/oauth2/v2/auth');
    expect(auth?.query.scope).toContain('contacts.other.readonly');
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    const withOther = await cube().book(linked.ownerId, linked.udid);
    expect(withOther.find((c) => c.phone === '16465550155')?.name).toBe('Courier');
    await ask(linked.page, 'saveSettings', { settings: { includeOther: false } });
    expect((await ask(linked.page, 'syncNow', {})).status).toBe('ok');
    const without = await cube().book(linked.ownerId, linked.udid);
    expect(without.some((c) => c.phone === '16465550155')).toBe(false);
    expect(without.length).toBe(withOther.length - 1);
  });
});

import { inject } from 'vitest';
