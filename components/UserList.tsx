import { t } from '@/lib/i18n';
import type { UserView } from '@/lib/ui/users';
import { SearchableList } from './SearchableList.tsx';
import { UserRow } from './UserRow.tsx';

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
  /** How many users there are, when `users` is only the first of them (the popup's first screen). */
  total?: number;
}

/** The registered users with a search box that filters as you type. */
export function UserList({
  users,
  onOpen,
  hint,
  highlightId = null,
  height,
  total,
}: UserListProps) {
  return (
    <SearchableList
      items={users}
      summary={(count) => t('usersCount', count)}
      hint={hint}
      label={t('usersLabel')}
      itemKey={(user) => user.userId}
      {...(height === undefined ? {} : { height })}
      {...(total === undefined ? {} : { total })}
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
  );
}
