import { useMemo, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/ui/format';
import { filterUsers, type UserView } from '@/lib/ui/users';
import { UserRow } from './UserRow.tsx';
import { VirtualList } from './VirtualList.tsx';

export const USER_ROW_HEIGHT = 64;

export interface UserListProps {
  /** Already in display order. */
  users: UserView[];
  onOpen(user: UserView): void;
  /** The user a clicked notification is about: shown highlighted. */
  highlightId?: number | null;
  /** What a click does ("open a chat" / "copy the number"); empty until it is known. */
  hint: string;
  /** Height of the scrolling list (px). */
  height?: number;
}

/** The registered users with a search box that filters as you type. */
export function UserList({ users, onOpen, hint, highlightId = null, height = 360 }: UserListProps) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterUsers(users, query), [users, query]);
  const filtered = query.trim() !== '';

  return (
    <section class="user-list">
      <label class="search">
        <span>{t('searchLabel')}</span>
        <input
          type="search"
          value={query}
          placeholder={t('searchPlaceholder')}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </label>
      <p class="muted list-summary" aria-live="polite">
        {filtered
          ? t('matchesCount', [formatCount(shown.length), formatCount(users.length)])
          : t('usersCount', formatCount(users.length))}
        {hint && ` · ${hint}`}
      </p>
      {shown.length === 0 ? (
        <p class="empty">{t('noMatches', query.trim())}</p>
      ) : (
        <VirtualList
          items={shown}
          rowHeight={USER_ROW_HEIGHT}
          height={Math.min(height, users.length * USER_ROW_HEIGHT + 2)}
          label={t('usersLabel')}
          itemKey={(user) => user.userId}
          renderRow={(user, index, tabbable) => (
            <UserRow
              user={user}
              index={index}
              tabbable={tabbable}
              highlighted={user.userId === highlightId}
              onOpen={onOpen}
            />
          )}
        />
      )}
    </section>
  );
}
