import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { OptionsApp } from '@/components/OptionsApp';
import { skippedByPerson, type RejectedRow, type RunRow, type SkippedRow } from '@/lib/db/schema';
import type { UserSettings } from '@/lib/settings';
import {
  buttonTexts,
  cleanup,
  cubeSignedOut,
  makeStatus,
  mount,
  NOW,
  trackedApi,
  unmountAll,
} from './fake-api.ts';

const api = trackedApi;

afterEach(cleanup);

/** What the background answers once everything is forgotten. */
const FIRST_RUN = makeStatus({
  google: { connected: false, contactCount: 0 },
  cube: cubeSignedOut(),
  consent: {
    consent: { state: 'needs-accounts' },
    accountName: '',
    phoneCount: 0,
    skippedCount: 0,
  },
  serverEntryCount: 0,
});

const counts = {
  imported: 340,
  created: 312,
  updated: 0,
  deleted: 0,
  rejected: 1,
  joins: 2,
  requests: 3,
};

describe('OptionsApp', () => {
  it('has one card per section', async () => {
    mount(<OptionsApp api={api(makeStatus())} />);
    for (const name of [
      'Google account',
      'ConnectyCube account',
      'Consent before the first upload',
      'Sync settings',
      'Activity',
      'Privacy',
    ]) {
      await expect.element(page.getByRole('region', { name })).toBeVisible();
    }
  });

  it('explains a missing Google client id, and reconnects to include other contacts', async () => {
    const missing = api(makeStatus({ google: { connected: false, clientIdMissing: true } }));
    mount(<OptionsApp api={missing} />);
    await expect.element(page.getByText(/WXT_GOOGLE_CLIENT_ID/)).toBeVisible();
    await expect.element(page.getByText('https://abcdefghijklmnop.chromiumapp.org/')).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Connect Google' })).toBeDisabled();
    unmountAll();

    const fake = api(makeStatus(), {
      connectGoogle: () => makeStatus({ settings: { includeOther: true } }),
    });
    mount(<OptionsApp api={fake} />);
    await expect.element(page.getByText('Connected. Contacts imported: 340')).toBeVisible();
    const toggle = page.getByRole('switch', { name: 'Include other contacts' });
    await userEvent.click(toggle);
    await expect.element(toggle).toBeChecked();
    expect(fake.sent.find((s) => s.type === 'connectGoogle')?.request).toEqual({
      includeOther: true,
    });
  });

  it('shows the last runs, skipped and refused numbers from the database, newest run first', async () => {
    const fake = api(makeStatus());
    const run = (
      startedAt: number,
      trigger = 'alarm',
      end: Partial<RunRow> = { status: 'ok' },
    ): RunRow =>
      ({ startedAt, endedAt: startedAt + 4000, phase: 'done', counts, trigger, ...end }) as RunRow;
    await fake.db.runs.bulkAdd([
      run(NOW - 7_200_000, 'retry', {
        status: 'failed',
        error: { kind: 'google-quota', code: 'google-quota', params: [] },
      }),
      run(NOW - 3_600_000),
      run(NOW - 60_000, 'manual', {
        status: 'failed',
        error: { kind: 'network', code: 'network-unreachable', params: ['api.example.com'] },
      }),
    ]);
    await fake.db.skipped.put({
      resourceName: 'people/1',
      phones: [
        {
          resourceName: 'people/1',
          raw: '12',
          name: 'Shorty <b>',
          reason: 'too-short',
          detail: '2 digits',
        },
      ],
    });
    await fake.db.rejected.add({
      phone: '15550100000',
      name: 'Refused Person',
      reason: 'phone is invalid',
      at: NOW,
    });
    mount(<OptionsApp api={fake} />);
    const runs = page.getByRole('table', { name: 'Recent syncs' });
    await expect.element(runs).toBeVisible();
    const rows = runs.getByRole('row').elements();
    expect(rows).toHaveLength(4);
    expect(rows[1]?.textContent).toContain('Sync now');
    expect(rows[1]?.textContent).toContain('Could not reach api.example.com.');
    expect(rows[2]?.textContent).toContain('Scheduled');
    expect(rows[2]?.textContent).toContain(
      'imported 340, added 312, renamed 0, removed 0, refused 1, joined 2',
    );
    expect(rows[2]?.textContent).toContain('4 s');
    // Google's read quota in the user's words, not the engine's English line.
    expect(rows[3]?.textContent).toContain(
      'Google allows only so many contact reads per minute, and that limit was reached for now.',
    );
    expect(rows[3]?.textContent).not.toContain('PeopleQuotaError');
    await expect
      .element(page.getByRole('table', { name: 'Skipped phone numbers' }))
      .toHaveTextContent('Shorty <b>12Too short — 2 digits');
    await expect
      .element(page.getByRole('table', { name: 'Refused by the server' }))
      .toHaveTextContent('phone is invalid');

    // Live: a run the background adds shows up without reloading.
    await fake.db.runs.add(run(NOW, 'consent'));
    await expect.element(runs.getByText('Start syncing')).toBeVisible();
  });

  it('skips stored rows it cannot read in every list, and shows the others', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = api(makeStatus());
    const run = {
      startedAt: NOW - 60_000,
      status: 'ok',
      endedAt: NOW,
      phase: 'done',
      counts,
      trigger: 'alarm',
    };
    await fake.db.runs.bulkAdd([
      run,
      { ...run, trigger: 7, counts: { ...counts, imported: '340' } },
      { ...run, startedAt: 'yesterday' },
      { ...run, counts: undefined },
    ] as RunRow[]);
    const skip = {
      resourceName: 'people/1',
      raw: '12',
      name: 'Shorty',
      reason: 'too-short',
      detail: '',
    };
    await fake.db.skipped.bulkPut(
      skippedByPerson([
        skip,
        { ...skip, resourceName: 'people/2', name: 42 },
        { ...skip, resourceName: 'people/3', reason: 'constructor' },
      ] as SkippedRow[]),
    );
    const refused = { phone: '15550100000', name: 'Refused Person', reason: 'invalid', at: NOW };
    await fake.db.rejected.bulkAdd([
      refused,
      { ...refused, phone: '15550100001', reason: {} },
      { ...refused, phone: '15550100002', at: undefined },
    ] as RejectedRow[]);
    mount(<OptionsApp api={fake} />);
    const runs = page.getByRole('table', { name: 'Recent syncs' });
    await expect.element(runs).toBeVisible();
    expect(runs.getByRole('row').elements()).toHaveLength(2);
    const skipped = page.getByRole('table', { name: 'Skipped phone numbers' });
    await expect.element(skipped).toHaveTextContent('Shorty12Too short');
    expect(skipped.getByRole('row').elements()).toHaveLength(2);
    const rejected = page.getByRole('table', { name: 'Refused by the server' });
    await expect.element(rejected).toHaveTextContent('Refused Person');
    expect(rejected.getByRole('row').elements()).toHaveLength(2);
    // The unreadable rows are not counted as rows left out.
    expect(document.body.textContent).not.toMatch(/Showing \d+ of/);
    warn.mockRestore();
  });

  it('the privacy card says whether names are uploaded, and what leaving them out costs', async () => {
    mount(<OptionsApp api={api(makeStatus())} />);
    await expect
      .element(
        page.getByText(
          /^Uploaded to ConnectyCube, only after you agree: each phone number with the name you gave it\./,
        ),
      )
      .toBeVisible();
    await expect
      .element(page.getByText(/without names the server learns only numbers/))
      .toBeVisible();
    unmountAll();
    const base = makeStatus();
    mount(
      <OptionsApp api={api(makeStatus({ settings: { ...base.settings, sendNames: false } }))} />,
    );
    await expect
      .element(
        page.getByText(
          /with the number itself as its name\. Your contacts' names stay on this device/,
        ),
      )
      .toBeVisible();
  });

  it('asks before removing from the server or forgetting, and checks and repairs the server copy', async () => {
    const fake = api(makeStatus(), {
      removeFromServer: () =>
        makeStatus({ consent: { consent: { state: 'needed', changed: false } } }),
      checkAndRepair: () => ({
        status: 'ok',
        runId: 9,
        counts: { ...counts, drift: { missing: 2, renamed: 1, extra: 1 } },
      }),
      reuploadAll: () => ({ status: 'ok', runId: 10, counts }),
      serverBook: () => ({
        readAt: Date.UTC(2026, 11, 1, 9, 30),
        entries: [
          { phone: '12125550101', name: '<b>Ada</b> Lovelace' },
          { phone: '12125550102', name: 'Alan Turing' },
        ],
        serverCount: 2,
        expectedCount: 2,
        missing: [],
        unexpected: [],
        renamed: [],
      }),
    });
    mount(<OptionsApp api={fake} />);
    await userEvent.click(page.getByRole('button', { name: 'Remove my contacts from the server' }));
    await expect
      .element(page.getByText(/This deletes the contacts Cube Contacts uploaded/))
      .toBeVisible();
    expect(fake.sent.map((s) => s.type)).not.toContain('removeFromServer');
    await userEvent.click(page.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(page.getByRole('button', { name: 'Remove my contacts from the server' }));
    await userEvent.click(page.getByRole('button', { name: 'Yes, remove them' }));
    await expect.poll(() => fake.sent.filter((s) => s.type === 'removeFromServer')).toHaveLength(1);
    await expect.element(page.getByRole('button', { name: 'Start syncing' })).toBeVisible();

    await userEvent.click(page.getByRole('button', { name: 'Check and repair' }));
    await expect.element(page.getByText('2 missing, 1 renamed, 1 extra: repaired.')).toBeVisible();
    expect(fake.sent.filter((s) => s.type === 'checkAndRepair')).toHaveLength(1);
    // Nothing else was asked for: a repair is not a re-upload.
    expect(fake.sent.map((s) => s.type)).not.toContain('reuploadAll');

    // What the server holds: names as text, searchable by name and by digits.
    await userEvent.click(page.getByRole('button', { name: 'Show what the server holds' }));
    const held = page.getByRole('region', { name: 'What the server holds' });
    await expect.element(held.getByText(/The server holds 2 entries/)).toBeVisible();
    await expect.element(held.getByText('<b>Ada</b> Lovelace')).toBeVisible();
    await userEvent.fill(held.getByLabelText('Search by name or phone'), '0102');
    await expect.element(held.getByText('Alan Turing')).toBeVisible();
    await expect.element(held.getByText('<b>Ada</b> Lovelace')).not.toBeInTheDocument();
  });

  it.each([
    [true, 'Remove from the server first'],
    [false, 'Forget anyway'],
  ])(
    'offers to empty the server first when it holds entries (removeFirst %s), then starts over',
    async (removeFirst, choice) => {
      const fake = api(makeStatus({ serverEntryCount: 42 }), {
        forgetEverything: () => FIRST_RUN,
      });
      mount(<OptionsApp api={fake} />);
      await userEvent.click(page.getByRole('button', { name: 'Forget everything on this device' }));
      const question = page.getByRole('group', { name: 'Forget everything on this device' });
      await expect
        .element(question)
        .toHaveTextContent(
          'Your address book on the server still holds 42 entries uploaded from this browser.',
        );
      expect(buttonTexts(question)).toEqual([
        'Remove from the server first',
        'Forget anyway',
        'Cancel',
      ]);
      await expect.element(question.getByRole('button', { name: 'Cancel' })).toHaveFocus();
      expect(fake.sent.map((s) => s.type)).not.toContain('forgetEverything');

      await userEvent.click(question.getByRole('button', { name: choice }));
      await expect
        .poll(() => fake.sent.filter((s) => s.type === 'forgetEverything'))
        .toEqual([{ type: 'forgetEverything', request: { removeFirst } }]);
      // What a new installation shows.
      await expect.element(page.getByRole('button', { name: 'Connect Google' })).toBeVisible();
      await expect.element(page.getByLabelText('Login or email')).toBeVisible();
      await expect
        .element(
          page.getByText('Connect both accounts first. Nothing is uploaded until you agree here.'),
        )
        .toBeVisible();
    },
  );

  it('asks plainly before forgetting when the server holds nothing of this browser', async () => {
    // Signed out, entries left on the server are warned of instead (forget-warning.test.tsx).
    for (const status of [makeStatus({ serverEntryCount: 0 })]) {
      const fake = api(status, { forgetEverything: () => FIRST_RUN });
      mount(<OptionsApp api={fake} />);
      await userEvent.click(page.getByRole('button', { name: 'Forget everything on this device' }));
      const question = page.getByRole('group', { name: 'Forget everything on this device' });
      await expect
        .element(question)
        .toHaveTextContent(
          'This signs you out and deletes everything Cube Contacts stored in this browser.',
        );
      expect(buttonTexts(question)).toEqual(['Yes, forget everything', 'Cancel']);
      await userEvent.click(question.getByRole('button', { name: 'Yes, forget everything' }));
      await expect
        .poll(() => fake.sent.filter((s) => s.type === 'forgetEverything'))
        .toEqual([{ type: 'forgetEverything', request: { removeFirst: false } }]);
      unmountAll();
    }
  });

  it('names the connected Google account, and says when Google refused other contacts', async () => {
    mount(
      <OptionsApp
        api={api(makeStatus({ google: { email: 'ana@example.com', contactCount: 250 } }))}
      />,
    );
    const card = page.getByRole('region', { name: 'Google account' });
    await expect
      .element(card.getByText('Connected as ana@example.com — 250 contacts'))
      .toBeVisible();
    await expect.element(card.getByText(/did not allow access/)).not.toBeInTheDocument();
    unmountAll();

    mount(
      <OptionsApp
        api={api(
          makeStatus({
            google: { otherContactsRefused: true },
            settings: { includeOther: false },
          }),
        )}
      />,
    );
    await expect
      .element(
        card.getByText(
          'Google did not allow access to “Other contacts”, so they are not included. Your contacts still sync.',
        ),
      )
      .toBeVisible();
    // No email from Google: the plain line.
    await expect.element(card.getByText('Connected. Contacts imported: 340')).toBeVisible();
    await expect
      .element(card.getByRole('switch', { name: 'Include other contacts' }))
      .not.toBeChecked();
  });

  it('reports a failed re-upload in its words', async () => {
    const fake = api(makeStatus(), {
      reuploadAll: () => ({
        status: 'failed',
        runId: 4,
        counts,
        error: { kind: 'other', code: 'cube-refused', params: ['Too many requests'] },
      }),
    });
    mount(<OptionsApp api={fake} />);
    await userEvent.click(page.getByRole('button', { name: 'Re-upload everything' }));
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('Failed: ConnectyCube refused: Too many requests');
  });

  describe('settings apply as they change, and the consent always says what they are', () => {
    const SHARED_SUMMARY =
      'Upload 312 phone numbers and names as Ada Tester to api.example.com, into the address book shared with the app on your phone.';
    const OWN_SUMMARY =
      "Upload 312 phone numbers and names as Ada Tester to api.example.com, into this browser's own address book.";

    /**
     * A background that stores settings and consent as lib/background does: consent is bound to
     * the book it was given for. Each saveSettings answer waits for `release` while `held`.
     */
    function background(agreedTo: UserSettings['bookMode'] | null) {
      let settings = makeStatus().settings;
      let agreed = agreedTo;
      let held: Promise<void> | null = null;
      let release = () => undefined as void;
      /** The settings stored when the user gave consent, each time. */
      const consents: UserSettings[] = [];
      const status = () =>
        makeStatus({
          settings,
          consent: {
            bookMode: settings.bookMode,
            sendNames: settings.sendNames,
            consent:
              agreed === settings.bookMode
                ? { state: 'given', at: NOW }
                : { state: 'needed', changed: agreed !== null },
          },
        });
      const fake = api(status(), {
        status,
        saveSettings: async ({ settings: change }) => {
          await held;
          settings = { ...settings, ...change };
          return status();
        },
        consent: () => {
          consents.push(settings);
          agreed = settings.bookMode;
          return status();
        },
      });
      return {
        fake,
        consents,
        hold() {
          held = new Promise<void>((resolve) => (release = resolve));
        },
        release: () => release(),
      };
    }

    const sharedBook = () =>
      page.getByRole('radio', { name: 'The address book shared with your phone' });
    const consentCard = () => page.getByRole('region', { name: 'Consent before the first upload' });

    it('choosing the shared book, then "Start syncing", agrees to the shared book the summary named', async () => {
      const b = background(null);
      mount(<OptionsApp api={b.fake} />);
      await expect.element(consentCard().getByText(OWN_SUMMARY)).toBeVisible();
      await userEvent.click(sharedBook());
      // Before the click: the summary names the book that will be used.
      await expect.element(consentCard().getByText(SHARED_SUMMARY)).toBeVisible();
      await userEvent.click(page.getByRole('button', { name: 'Start syncing' }));
      await expect.element(consentCard().getByText(/^Syncing is on since/)).toBeVisible();
      expect(b.consents.map((c) => c.bookMode)).toEqual(['global']);
      expect(b.fake.sent.filter((m) => m.type !== 'status')).toEqual([
        { type: 'saveSettings', request: { settings: { bookMode: 'global' } } },
        { type: 'consent', request: {} },
      ]);
    });

    it('"Start syncing" waits while a change is being applied', async () => {
      const b = background(null);
      mount(<OptionsApp api={b.fake} />);
      const start = page.getByRole('button', { name: 'Start syncing' });
      await expect.element(start).toBeEnabled();
      b.hold();
      await userEvent.click(sharedBook());
      await expect.element(start).toBeDisabled();
      // A second change meanwhile waits its turn: none is dropped.
      await userEvent.click(page.getByRole('checkbox', { name: 'Notify me when a contact joins' }));
      b.release();
      await expect.element(consentCard().getByText(SHARED_SUMMARY)).toBeVisible();
      await expect.element(start).toBeEnabled();
      expect(b.fake.sent.filter((m) => m.type === 'saveSettings').map((m) => m.request)).toEqual([
        { settings: { bookMode: 'global' } },
        { settings: { notifications: false } },
      ]);
      await expect
        .element(page.getByRole('checkbox', { name: 'Notify me when a contact joins' }))
        .not.toBeChecked();
    });

    it('another book than the one agreed to asks again; going back to it does not', async () => {
      const b = background('own');
      mount(<OptionsApp api={b.fake} />);
      await expect.element(consentCard().getByText(/^Syncing is on since/)).toBeVisible();
      await userEvent.click(sharedBook());
      await expect.element(consentCard().getByText(/^What you agreed to changed/)).toBeVisible();
      await expect.element(consentCard().getByText(SHARED_SUMMARY)).toBeVisible();
      await userEvent.click(page.getByRole('radio', { name: "This browser's own address book" }));
      await expect.element(consentCard().getByText(/^Syncing is on since/)).toBeVisible();
      expect(b.consents).toEqual([]);
    });
  });
});
