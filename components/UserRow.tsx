import { t } from '@/lib/i18n';
import type { UserView } from '@/lib/ui/users';
import { Avatar } from './Avatar.tsx';

export interface UserRowProps {
  user: UserView;
  index: number;
  tabbable: boolean;
  /** The user the popup was opened for (a clicked notification). */
  highlighted?: boolean;
  onOpen(user: UserView): void;
}

/** One registered user; a button, so a click and Enter both open it. Names are text, never markup. */
export function UserRow({ user, index, tabbable, highlighted = false, onOpen }: UserRowProps) {
  return (
    <button
      type="button"
      class={highlighted ? 'user-row highlighted' : 'user-row'}
      aria-current={highlighted ? 'true' : undefined}
      data-row={index}
      tabIndex={tabbable ? 0 : -1}
      onClick={() => onOpen(user)}
    >
      <Avatar name={user.name} src={user.avatar} />
      <span class="user-text">
        <span class="user-line">
          <span class="user-name">{user.name}</span>
          {user.isNew && <span class="badge">{t('newBadge')}</span>}
        </span>
        {user.appName !== undefined && <span class="user-app">{t('appName', user.appName)}</span>}
        <span class="user-phone">{user.display}</span>
      </span>
    </button>
  );
}
