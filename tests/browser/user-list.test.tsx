import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { UserList } from '@/components/UserList';
import { compareUsers, toUserView, type UserView } from '@/lib/ui/users';
import { mount, registered, unmountAll } from './fake-api.ts';

afterEach(unmountAll);

function views(rows: ReturnType<typeof registered>[]): UserView[] {
  return rows.map((row) => toUserView(row, row.seen === 0)).sort(compareUsers);
}

const FEW = views([
  registered(1, 'Alice Cooper', '15550101234'),
  registered(2, 'Bob Marley', '380665787842', { fullName: 'Robert M.' }),
  registered(3, 'Carol King', '442071838750', { joinedAt: 1_000, seen: 0 }),
]);

function rowNames(container: HTMLElement): string[] {
  return [...container.querySelectorAll('.user-name')].map((e) => e.textContent ?? '');
}

describe('UserList', () => {
  it('lists newest joins first, marks them new, and shows the app name when different', async () => {
    const container = mount(<UserList users={FEW} onOpen={() => undefined} hint="" />);
    await expect.element(page.getByText('Carol King')).toBeVisible();
    expect(rowNames(container)).toEqual(['Carol King', 'Alice Cooper', 'Bob Marley']);
    const carol = page.getByRole('button', { name: /Carol King/ });
    await expect.element(carol).toHaveTextContent('new');
    await expect.element(page.getByText('in the app: Robert M.')).toBeVisible();
    // Formatted for reading: national within the default country, international outside it.
    await expect.element(page.getByText('(555) 010-1234')).toBeVisible();
    await expect.element(page.getByText('+380 66 578 7842')).toBeVisible();
  });

  it('filters by name as you type', async () => {
    const container = mount(<UserList users={FEW} onOpen={() => undefined} hint="" />);
    const search = page.getByLabelText('Search');
    await userEvent.type(search, 'ma');
    await expect.poll(() => rowNames(container)).toEqual(['Bob Marley']);
    await userEvent.type(search, 'x');
    await expect.element(page.getByText('No contact matches “max”.')).toBeVisible();
    await userEvent.clear(search);
    await expect.poll(() => rowNames(container)).toHaveLength(3);
  });

  it('filters by phone whatever the formatting typed', async () => {
    const container = mount(<UserList users={FEW} onOpen={() => undefined} hint="" />);
    const search = page.getByLabelText('Search');
    await userEvent.type(search, '+380 (66) 578');
    await expect.poll(() => rowNames(container)).toEqual(['Bob Marley']);
    // The national form as shown ((555) 010-…) finds the number too.
    await userEvent.fill(search, '(555) 010');
    await expect.poll(() => rowNames(container)).toEqual(['Alice Cooper']);
    await userEvent.fill(search, '2071838');
    await expect.poll(() => rowNames(container)).toEqual(['Carol King']);
  });

  it('renders only the visible rows of 5,000, and later rows when scrolled', async () => {
    const many = views(
      Array.from({ length: 5000 }, (_, i) =>
        registered(i + 1, `User ${String(i).padStart(4, '0')}`, `1555${String(1_000_000 + i)}`),
      ),
    );
    const started = performance.now();
    const container = mount(
      <UserList users={many} onOpen={() => undefined} hint="" height={360} />,
    );
    await expect.element(page.getByText('User 0000')).toBeVisible();
    expect(performance.now() - started).toBeLessThan(2000);
    const rows = () => container.querySelectorAll('li').length;
    expect(rows()).toBeGreaterThan(3);
    expect(rows()).toBeLessThan(30);
    expect(container.textContent).not.toContain('User 4999');

    const scroller = container.querySelector<HTMLElement>('.virtual-list');
    if (!scroller) throw new Error('no scroll container');
    scroller.scrollTop = scroller.scrollHeight;
    await expect.element(page.getByText('User 4999')).toBeVisible();
    expect(rows()).toBeLessThan(30);
    expect(container.textContent).not.toContain('User 0005');
    expect(container.textContent).not.toContain('User 2500');
    const last = container.querySelector('li:last-child');
    expect(last?.getAttribute('aria-setsize')).toBe('5000');
    expect(last?.getAttribute('aria-posinset')).toBe('5000');
  });

  it('moves through 5,000 rows with the keyboard, keeping the focused row rendered', async () => {
    const many = views(
      Array.from({ length: 5000 }, (_, i) =>
        registered(i + 1, `User ${String(i).padStart(4, '0')}`, `1555${String(1_000_000 + i)}`),
      ),
    );
    const container = mount(<UserList users={many} onOpen={() => undefined} hint="" />);
    await userEvent.click(page.getByLabelText('Search'));
    await userEvent.keyboard('{Tab}');
    await expect.element(page.getByRole('button', { name: /User 0000/ })).toHaveFocus();
    await userEvent.keyboard('{End}');
    await expect.element(page.getByRole('button', { name: /User 4999/ })).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}');
    await expect.element(page.getByRole('button', { name: /User 4998/ })).toHaveFocus();
    await userEvent.keyboard('{Home}');
    await expect.element(page.getByRole('button', { name: /User 0000/ })).toHaveFocus();
    expect(container.querySelectorAll('li').length).toBeLessThan(30);
  });

  it('renders hostile names as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const users = views([
      registered(1, hostile, '15550101234', {
        fullName: '<b>bold</b>',
        avatar: 'javascript:alert(1)',
      }),
    ]);
    const container = mount(<UserList users={users} onOpen={() => undefined} hint="" />);
    await expect.element(page.getByText(hostile)).toBeVisible();
    await expect.element(page.getByText('in the app: <b>bold</b>')).toBeVisible();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('opens a row by click, and by Enter after moving with the arrow keys', async () => {
    const onOpen = vi.fn();
    mount(<UserList users={FEW} onOpen={onOpen} hint="" />);
    await userEvent.click(page.getByRole('button', { name: /Alice Cooper/ }));
    expect(onOpen).toHaveBeenLastCalledWith(expect.objectContaining({ userId: 1 }));
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(page.getByRole('button', { name: /Bob Marley/ })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(expect.objectContaining({ userId: 2 }));
  });
});
