import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { PopupApp } from '@/components/PopupApp';
import type { RegisteredRow } from '@/lib/db/schema';
import type { Status } from '@/lib/messaging/protocol';
import { emptyCounts } from '@/lib/sync/engine';
import {
  cleanup,
  cubeSignedIn,
  makeStatus,
  mount,
  NOW,
  registered,
  trackedApi,
  unmountAll,
} from './fake-api.ts';

const api = trackedApi;

afterEach(cleanup);

describe('PopupApp', () => {
  it('leads to the options page when not set up', async () => {
    const fake = api(makeStatus({ consent: { consent: { state: 'needed', changed: true } } }));
    mount(<PopupApp api={fake} />);
    await userEvent.click(page.getByRole('button', { name: 'Set up' }));
    expect(fake.optionsOpened).toBe(1);
    expect(fake.sent.map((s) => s.type)).not.toContain('syncNow');
  });

  it('keeps listing the users of the last sync while setup is needed, saying syncing is paused', async () => {
    let answer: (status: Status) => void = () => undefined;
    const late = new Promise<Status>((resolve) => (answer = resolve));
    const fake = api(makeStatus(), { status: () => late });
    await fake.db.registered.add(registered(7, 'Zoe', '15550101234'));
    mount(<PopupApp api={fake} />);
    const zoe = page.getByRole('button', { name: /Zoe/ });
    await expect.element(zoe).toBeVisible();
    // Names were turned back on: consent is asked again. The list does not vanish when it comes.
    answer(makeStatus({ consent: { consent: { state: 'needed', changed: true } } }));
    await expect
      .element(page.getByText(/^Syncing is paused until the options page is complete/))
      .toBeVisible();
    await expect.element(zoe).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Set up' }));
    expect(fake.optionsOpened).toBe(1);
  });

  it('says how many numbers were checked when nobody uses the app yet', async () => {
    const fake = api(makeStatus({ consent: { phoneCount: 1312 } }));
    mount(<PopupApp api={fake} />);
    await expect
      .element(
        page.getByText('Phone numbers checked: 1,312. None of them belongs to an app user yet.'),
      )
      .toBeVisible();
    await expect.element(page.getByText('Synced 2 min ago')).toBeVisible();
  });

  it('reads the users from IndexedDB, keeps this opening\'s joins "new" after marking them seen', async () => {
    const fake = api(makeStatus());
    await fake.db.registered.bulkAdd([
      registered(1, 'Old Friend', '15550101234'),
      registered(2, 'New Joiner', '15550105678', { joinedAt: NOW - 1000, seen: 0 }),
    ]);
    mount(<PopupApp api={fake} />);
    const joiner = page.getByRole('button', { name: /New Joiner/ });
    await expect.element(joiner).toHaveTextContent('new');
    await expect.poll(() => fake.sent.some((s) => s.type === 'markSeen')).toBe(true);
    // The background marks them seen; the live query sees it; the row stays "new" for this opening.
    await fake.db.registered.update(2, { seen: 1 });
    await fake.db.registered.add(
      registered(3, 'Later Joiner', '15550109999', { joinedAt: NOW, seen: 0 }),
    );
    await expect
      .element(page.getByRole('button', { name: /Later Joiner/ }))
      .toHaveTextContent('new');
    await expect.element(joiner).toHaveTextContent('new');
    await expect
      .element(page.getByRole('button', { name: /Old Friend/ }))
      .not.toHaveTextContent('new');
  });

  it('shows the phone as stored by an older version (no display form) in E.164', async () => {
    const fake = api(makeStatus());
    const { display: _, ...old } = registered(4, 'Old Row', '15550101234');
    await fake.db.registered.add(old);
    mount(<PopupApp api={fake} />);
    await expect
      .element(page.getByRole('button', { name: /Old Row/ }))
      .toHaveTextContent('+15550101234');
  });

  it('skips a stored row it cannot read, and shows the others', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = api(makeStatus());
    await fake.db.registered.bulkAdd([
      registered(1, 'Good Before', '15550101234'),
      { ...registered(2, 'ignored', '15550102222'), addressBookName: 42, phone: 5 },
      { ...registered(3, 'Empty Object', '15550103333'), fullName: {} },
      { userId: 4, phone: '15550104444' },
      registered(5, 'Good After', '15550105555', { joinedAt: NOW - 1000, seen: 0 }),
    ] as RegisteredRow[]);
    mount(<PopupApp api={fake} />);
    await expect.element(page.getByRole('button', { name: /Good After/ })).toHaveTextContent('new');
    await expect.element(page.getByRole('button', { name: /Good Before/ })).toBeVisible();
    await expect.element(page.getByText(/^Using the app: 2 /)).toBeVisible();
    expect(document.body.textContent).not.toContain('Empty Object');
    expect(document.body.textContent).not.toContain('(555) 010-4444');
    expect(warn).toHaveBeenCalledWith('skipped 3 unreadable row(s) of registered');
    warn.mockRestore();
  });

  it('reads the users again when a run ends, should the change notice be missed', async () => {
    const fake = api(makeStatus());
    fake.store = { ...fake.store, onChange: () => () => undefined };
    await fake.db.registered.add(registered(1, 'First', '15550101234'));
    mount(<PopupApp api={fake} />);
    await expect.element(page.getByRole('button', { name: /First/ })).toBeVisible();
    await fake.db.registered.add(registered(2, 'Second', '15550105678'));
    fake.broadcast({ phase: 'registered', done: 2, total: 2 });
    fake.broadcast(null);
    await expect.element(page.getByRole('button', { name: /Second/ })).toBeVisible();
  });

  it('copies the number when there is no chat link, and opens the chat when there is', async () => {
    const fake = api(makeStatus());
    await fake.db.registered.add(registered(7, 'Zoe', '15550101234'));
    mount(<PopupApp api={fake} />);
    await userEvent.click(page.getByRole('button', { name: /Zoe/ }));
    await expect
      .element(page.getByRole('status').filter({ hasText: 'Copied' }))
      .toHaveTextContent('Copied (555) 010-1234');
    expect(fake.copied).toEqual(['+15550101234']);
    unmountAll();

    const chat = api(
      makeStatus({ settings: { chatLinkTemplate: 'https://chat.example.com/u/{id}?p={phone}' } }),
    );
    await chat.db.registered.add(registered(7, 'Zoe', '15550101234'));
    mount(<PopupApp api={chat} />);
    await userEvent.click(page.getByRole('button', { name: /Zoe/ }));
    await expect.poll(() => chat.opened).toEqual(['https://chat.example.com/u/7?p=15550101234']);
    expect(chat.copied).toEqual([]);
  });

  it('shows the users before the background answers; a click then waits for its answer', async () => {
    let answer: (status: Status) => void = () => undefined;
    const late = new Promise<Status>((resolve) => (answer = resolve));
    const fake = api(makeStatus(), { status: () => late });
    await fake.db.registered.add(registered(7, 'Zoe', '15550101234'));
    mount(<PopupApp api={fake} />);
    const zoe = page.getByRole('button', { name: /Zoe/ });
    await expect.element(zoe).toBeVisible();
    await expect.element(page.getByRole('status').filter({ hasText: 'Loading' })).toBeVisible();
    expect(page.getByRole('button', { name: 'Sync now' }).elements()).toHaveLength(0);
    // Open a chat or copy the number? Only the status knows: nothing happens before it.
    await userEvent.click(zoe);
    expect(fake.copied).toEqual([]);
    answer(makeStatus());
    await expect.poll(() => fake.copied).toEqual(['+15550101234']);
    await expect.element(page.getByRole('button', { name: 'Sync now' })).toBeVisible();
  });

  it('shows progress from broadcasts, and the fix for a Google that needs reconnecting', async () => {
    const fake = api(makeStatus());
    mount(<PopupApp api={fake} />);
    await expect.element(page.getByText('Synced 2 min ago')).toBeVisible();
    fake.broadcast({ phase: 'import', done: 3400, total: 25000 });
    await expect.element(page.getByText('Syncing… 3,400 of 25,000')).toBeVisible();
    const bar = page.getByRole('progressbar', { name: 'Syncing… 3,400 of 25,000' });
    await expect.element(bar).toHaveAttribute('value', '3400');
    await expect.element(page.getByRole('button', { name: 'Sync now' })).toBeDisabled();
    unmountAll();

    const reconnect = api(makeStatus({ google: { needsReconnect: true } }), {
      connectGoogle: () => makeStatus(),
    });
    mount(<PopupApp api={reconnect} />);
    await userEvent.click(page.getByRole('button', { name: 'Reconnect Google' }));
    await expect.element(page.getByText('Synced 2 min ago')).toBeVisible();
    expect(reconnect.sent.find((s) => s.type === 'connectGoogle')?.request).toEqual({
      includeOther: false,
    });
  });

  it('shows a passing failure with its text, and that it will be retried', async () => {
    const fake = api(
      makeStatus({
        lastRun: {
          id: 4,
          startedAt: NOW - 9000,
          endedAt: NOW - 8000,
          phase: 'upload',
          trigger: 'alarm',
          counts: emptyCounts(),
          status: 'failed',
          error: { kind: 'network', code: 'network-unreachable', params: ['api.example.com'] },
        },
      }),
    );
    mount(<PopupApp api={fake} />);
    await expect.element(page.getByText(/The last sync failed: .*Could not reach/)).toBeVisible();
    await expect.element(page.getByText(/try again by itself/)).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  });

  it('sends Sync now, and offers to sign in again when ConnectyCube refused the session', async () => {
    const fake = api(
      makeStatus({
        lastRun: {
          id: 3,
          startedAt: NOW - 5000,
          endedAt: NOW - 4000,
          phase: 'upload',
          trigger: 'alarm',
          counts: { ...emptyCounts(), requests: 1 },
          status: 'failed',
          error: { kind: 'cube-sign-in', code: 'cube-refused', params: ['Unauthorized'] },
        },
      }),
      { syncNow: () => ({ status: 'stopped' }) },
    );
    mount(<PopupApp api={fake} />);
    await userEvent.click(page.getByRole('button', { name: 'Sign in again' }));
    expect(fake.optionsOpened).toBe(1);
    await userEvent.click(page.getByRole('button', { name: 'Sync now' }));
    await expect.poll(() => fake.sent.filter((s) => s.type === 'syncNow')).toHaveLength(1);
  });

  it('offers to sign in again when the session ended and the password was not kept', async () => {
    const fake = api(makeStatus({ cube: cubeSignedIn({ needsSignIn: true }) }));
    mount(<PopupApp api={fake} />);
    await expect.element(page.getByText('ConnectyCube refused the saved sign-in.')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Sign in again' }));
    expect(fake.optionsOpened).toBe(1);
  });

  it('shows the user a clicked notification is about first, highlighted, once', async () => {
    const fake = api(makeStatus());
    await fake.db.registered.bulkAdd([
      registered(1, 'Aaron Recent', '15550101234', { joinedAt: NOW - 1000 }),
      registered(2, 'Beth Recent', '15550101235', { joinedAt: NOW - 2000 }),
      registered(5, 'Zed Notified', '15550105678', { joinedAt: NOW - 86_400_000 }),
    ]);
    const names = () =>
      [...document.querySelectorAll('.user-row .user-name')].map((n) => n.textContent);
    fake.focusUser = 5;
    mount(<PopupApp api={fake} />);
    await expect.poll(names).toEqual(['Zed Notified', 'Aaron Recent', 'Beth Recent']);
    const zed = page.getByRole('button', { name: /Zed Notified/ });
    await expect.element(zed).toHaveAttribute('aria-current', 'true');
    await expect.element(zed).toHaveClass('highlighted');
    await expect
      .element(page.getByRole('button', { name: /Aaron Recent/ }))
      .not.toHaveAttribute('aria-current');
    // Read once: the next opening shows the usual order.
    expect(fake.focusUser).toBeNull();
    unmountAll();
    mount(<PopupApp api={fake} />);
    await expect.poll(names).toEqual(['Aaron Recent', 'Beth Recent', 'Zed Notified']);
    expect(document.querySelector('[aria-current]')).toBeNull();
  });
});
