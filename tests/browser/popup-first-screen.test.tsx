import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { PopupApp } from '@/components/PopupApp';
import type { RegisteredRow } from '@/lib/db/schema';
import { sortForPopup } from '@/lib/db/users-view';
import {
  cleanup,
  makeStatus,
  mount,
  NOW,
  registered,
  trackedApi,
  type FakeApi,
} from './fake-api.ts';

afterEach(cleanup);

const names = () =>
  [...document.querySelectorAll('.user-row .user-name')].map((n) => n.textContent);

/** Holds the popup's IndexedDB reads of the users until `release()`: the worker busy with a sync. */
function holdIndexedDb(fake: FakeApi): () => void {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const read = fake.store.registered.bind(fake.store);
  fake.store = { ...fake.store, registered: () => gate.then(read) };
  return release;
}

const everyone: RegisteredRow[] = [
  registered(1, 'Ann Joined', '15550100001', { joinedAt: NOW - 1000, seen: 0 }),
  registered(2, 'Bob Earlier', '15550100002', { joinedAt: NOW - 5000 }),
  registered(3, 'Cid Contact', '15550100003'),
  registered(4, 'Dee Contact', '15550100004'),
];

describe('PopupApp: the first screen', () => {
  it('paints the first screen before IndexedDB answers, then the whole list, searchable', async () => {
    const fake = trackedApi(makeStatus());
    await fake.db.registered.bulkAdd(everyone);
    fake.firstScreenValue = { total: 4, users: sortForPopup(everyone).slice(0, 2) };
    const release = holdIndexedDb(fake);
    mount(<PopupApp api={fake} />);
    await expect.poll(names).toEqual(['Ann Joined', 'Bob Earlier']);
    // Counted as the whole list, its join still "new".
    await expect.element(page.getByText('Using the app: 4')).toBeVisible();
    await expect.element(page.getByRole('button', { name: /Ann Joined/ })).toHaveTextContent('new');
    // Joins are marked seen only once the whole list says which this opening shows "new".
    expect(fake.sent.map((s) => s.type)).not.toContain('markSeen');
    // A search waits for the whole list, rather than miss who is not on the first screen.
    await userEvent.type(page.getByRole('searchbox'), 'dee');
    await expect.element(page.getByText('Loading…').last()).toBeVisible();
    expect(page.getByText('No contact matches').elements()).toHaveLength(0);

    release();
    await expect.poll(names).toEqual(['Dee Contact']);
    await expect.element(page.getByText('Matching: 1 of 4')).toBeVisible();
    await userEvent.clear(page.getByRole('searchbox'));
    await expect.poll(names).toEqual(['Ann Joined', 'Bob Earlier', 'Cid Contact', 'Dee Contact']);
    await expect.poll(() => fake.sent.some((s) => s.type === 'markSeen')).toBe(true);
    await expect.element(page.getByRole('button', { name: /Ann Joined/ })).toHaveTextContent('new');
  });

  it.each([
    ['missing', null],
    ['not an object', 'users'],
    ['without a count', { users: [] }],
    ['with a row it cannot read', { total: 2, users: [{ userId: 'x' }, everyone[1]] }],
    ['counting fewer than it lists', { total: 1, users: everyone.slice(0, 2) }],
  ])('a first screen %s is none: the popup waits for IndexedDB, never blank', async (_, value) => {
    const fake = trackedApi(makeStatus());
    await fake.db.registered.bulkAdd(everyone);
    fake.firstScreenValue = value;
    const release = holdIndexedDb(fake);
    mount(<PopupApp api={fake} />);
    await expect.element(page.getByText('Loading…').last()).toBeVisible();
    expect(names()).toEqual([]);
    expect(page.getByText(/nobody|no one/i).elements()).toHaveLength(0);
    release();
    await expect.poll(names).toEqual(['Ann Joined', 'Bob Earlier', 'Cid Contact', 'Dee Contact']);
  });

  it('a first screen the storage could not read is none', async () => {
    const fake = trackedApi(makeStatus());
    await fake.db.registered.bulkAdd(everyone);
    fake.firstScreen = () => Promise.reject(new Error('no storage.session'));
    mount(<PopupApp api={fake} />);
    await expect.poll(names).toEqual(['Ann Joined', 'Bob Earlier', 'Cid Contact', 'Dee Contact']);
  });

  it('waits for the whole list when the user a notification is about is not on the first screen', async () => {
    const fake = trackedApi(makeStatus());
    await fake.db.registered.bulkAdd(everyone);
    fake.firstScreenValue = { total: 4, users: sortForPopup(everyone).slice(0, 2) };
    fake.focusUser = 4;
    const release = holdIndexedDb(fake);
    mount(<PopupApp api={fake} />);
    await expect.element(page.getByText('Loading…').last()).toBeVisible();
    expect(names()).toEqual([]);
    release();
    await expect.poll(names).toEqual(['Dee Contact', 'Ann Joined', 'Bob Earlier', 'Cid Contact']);
  });

  it('paints the first screen first when that user is on it, already first', async () => {
    const fake = trackedApi(makeStatus());
    await fake.db.registered.bulkAdd(everyone);
    fake.firstScreenValue = { total: 4, users: sortForPopup(everyone).slice(0, 2) };
    fake.focusUser = 2;
    holdIndexedDb(fake);
    mount(<PopupApp api={fake} />);
    await expect.poll(names).toEqual(['Bob Earlier', 'Ann Joined']);
  });
});
