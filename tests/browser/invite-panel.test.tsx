import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { InvitePanel } from '@/components/InvitePanel';
import { PopupApp } from '@/components/PopupApp';
import { buildConfig } from '@/lib/config';
import type { EntryRow } from '@/lib/db/schema';
import { formatInviteDay } from '@/lib/invite-text';
import {
  cleanup,
  makeStatus,
  mount,
  NOW,
  registered,
  trackedApi,
  type Handlers,
} from './fake-api.ts';

afterEach(cleanup);

const entry = (phone: string, name: string): EntryRow => ({
  phone,
  name,
  resourceNames: [`people/${phone}`],
});
const DAY = 86_400_000;

/** A fake background whose database holds five contacts, one of them an app user, one invited. */
async function withContacts(handlers: Handlers = {}) {
  const fake = trackedApi(makeStatus(), {
    markInvited: () => ({ at: NOW - DAY }),
    ...handlers,
  });
  await fake.db.entries.bulkPut([
    entry('12125550103', 'Grace Hopper'),
    entry('12125550101', 'Ada Lovelace'),
    entry('442079460958', 'Katherine Johnson'),
    entry('12125550102', 'Alan Turing'),
    entry('12125550104', '<b>Hedy</b> Lamarr'),
  ]);
  await fake.db.registered.add(registered(1, 'Ada Lovelace', '12125550101'));
  await fake.db.invites.add({ phone: '12125550102', at: NOW - 10 * DAY });
  return fake;
}

const rowNames = () =>
  [...document.querySelectorAll('.invite-row .user-name')].map((e) => e.textContent);

describe('InvitePanel', () => {
  it('lists the contacts who do not use the app by name, with their numbers and invitations', async () => {
    const fake = await withContacts();
    mount(<InvitePanel api={fake} now={NOW} onNotice={() => undefined} />);
    const list = page.getByRole('list', { name: 'Contacts to invite' });
    await expect.element(list).toBeVisible();
    expect(rowNames()).toEqual([
      '<b>Hedy</b> Lamarr',
      'Alan Turing',
      'Grace Hopper',
      'Katherine Johnson',
    ]);
    // Markup in a name is text.
    expect(document.querySelector('.invite-row b')).toBeNull();
    await expect.element(page.getByText('Not using the app yet: 4')).toBeVisible();
    await expect.element(page.getByText('+442079460958')).toBeVisible();
    const alan = page.getByRole('listitem').filter({ hasText: 'Alan Turing' });
    await expect.element(alan).toHaveTextContent(`Invited ${formatInviteDay(NOW - 10 * DAY, NOW)}`);
    const grace = page.getByRole('listitem').filter({ hasText: 'Grace Hopper' });
    await expect.element(grace).not.toHaveTextContent('Invited');
    // No share sheet in this browser: only the copy button.
    expect(page.getByRole('button', { name: /^Share/ }).elements()).toHaveLength(0);
  });

  it('filters by name and by phone digits, and says when nothing matches', async () => {
    const fake = await withContacts();
    mount(<InvitePanel api={fake} now={NOW} onNotice={() => undefined} />);
    const search = page.getByLabelText('Search');
    await userEvent.fill(search, 'grace');
    await expect.poll(rowNames).toEqual(['Grace Hopper']);
    await expect.element(page.getByText('Matching: 1 of 4')).toBeVisible();
    await userEvent.fill(search, '+44 20');
    await expect.poll(rowNames).toEqual(['Katherine Johnson']);
    await userEvent.fill(search, 'ada');
    await expect.element(page.getByText('No contact matches “ada”.')).toBeVisible();
    expect(rowNames()).toEqual([]);
  });

  it('copies the invitation, asks the background to note it, and shows the mark', async () => {
    const fake = await withContacts();
    const notices: string[] = [];
    mount(<InvitePanel api={fake} now={NOW} onNotice={(n) => notices.push(n)} />);
    await userEvent.click(page.getByRole('button', { name: 'Copy invite for Grace Hopper' }));
    const grace = page.getByRole('listitem').filter({ hasText: 'Grace Hopper' });
    await expect.element(grace).toHaveTextContent(`Invited ${formatInviteDay(NOW - DAY, NOW)}`);
    expect(fake.copied).toEqual([
      "Hi Grace Hopper, I'd like to stay in touch with you in our app. You can get it here: " +
        buildConfig.inviteUrl,
    ]);
    expect(fake.sent.filter((s) => s.type === 'markInvited')).toEqual([
      { type: 'markInvited', request: { phone: '12125550103' } },
    ]);
    expect(notices).toEqual(['Invite for Grace Hopper copied']);
    // The row stays, so the invitation can be copied again.
    await expect
      .element(page.getByRole('button', { name: 'Copy invite for Grace Hopper' }))
      .toBeVisible();
  });

  it('notes nothing when the copy fails', async () => {
    const fake = await withContacts();
    fake.copy = () => Promise.reject(new Error('denied'));
    const notices: string[] = [];
    mount(<InvitePanel api={fake} now={NOW} onNotice={(n) => notices.push(n)} />);
    await userEvent.click(page.getByRole('button', { name: 'Copy invite for Grace Hopper' }));
    await expect.poll(() => notices).toEqual(['Could not copy the invite.']);
    expect(fake.sent.map((s) => s.type)).not.toContain('markInvited');
  });

  it('offers the share sheet where there is one, and notes only a completed share', async () => {
    const fake = await withContacts();
    const shared: string[] = [];
    let closed = true;
    fake.share = async (text) => {
      if (closed) throw new DOMException('closed', 'AbortError');
      shared.push(text);
    };
    mount(<InvitePanel api={fake} now={NOW} onNotice={() => undefined} />);
    const share = page.getByRole('button', { name: 'Share invite with Katherine Johnson' });
    await userEvent.click(share);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.sent.map((s) => s.type)).not.toContain('markInvited');
    closed = false;
    await userEvent.click(share);
    const katherine = page.getByRole('listitem').filter({ hasText: 'Katherine Johnson' });
    await expect.element(katherine).toHaveTextContent('Invited');
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatch(/^Hi Katherine Johnson, /);
  });

  it('says so when everyone with a valid number uses the app', async () => {
    const fake = trackedApi(makeStatus());
    await fake.db.entries.put(entry('12125550101', 'Ada Lovelace'));
    await fake.db.registered.add(registered(1, 'Ada Lovelace', '12125550101'));
    mount(<InvitePanel api={fake} now={NOW} onNotice={() => undefined} />);
    await expect
      .element(page.getByText('Everyone with a valid phone number already uses the app.'))
      .toBeVisible();
    expect(page.getByRole('searchbox').elements()).toHaveLength(0);
  });
});

describe("the popup's views", () => {
  it('switches between the users and the Invite view with tabs, by click and by arrow keys', async () => {
    const fake = await withContacts();
    mount(<PopupApp api={fake} />);
    const users = page.getByRole('tab', { name: 'Using the app' });
    const invite = page.getByRole('tab', { name: 'Invite' });
    await expect.element(users).toHaveAttribute('aria-selected', 'true');
    await expect
      .element(page.getByRole('list', { name: 'Contacts who use the app' }))
      .toBeVisible();
    await userEvent.click(invite);
    await expect.element(invite).toHaveAttribute('aria-selected', 'true');
    const panel = page.getByRole('tabpanel', { name: 'Invite' });
    await expect.element(panel.getByRole('list', { name: 'Contacts to invite' })).toBeVisible();
    expect(page.getByRole('list', { name: 'Contacts who use the app' }).elements()).toHaveLength(0);

    await userEvent.keyboard('{ArrowLeft}');
    await expect.element(users).toHaveAttribute('aria-selected', 'true');
    await expect.element(users).toHaveFocus();
    await expect.element(page.getByRole('tabpanel', { name: 'Using the app' })).toBeVisible();
    await userEvent.keyboard('{End}');
    await expect.element(invite).toHaveFocus();
    await userEvent.click(page.getByRole('button', { name: 'Copy invite for Alan Turing' }));
    await expect.element(page.getByText('Invite for Alan Turing copied')).toBeVisible();
  });
});
