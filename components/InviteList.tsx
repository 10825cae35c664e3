import { useMemo, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/ui/format';
import type { InviteView } from '@/lib/ui/invites';
import { filterUsers } from '@/lib/ui/users';
import { InviteRow } from './InviteRow.tsx';
import { VirtualList } from './VirtualList.tsx';

export const INVITE_ROW_HEIGHT = 64;

export interface InviteListProps {
  /** Already in display order (by name). */
  contacts: InviteView[];
  now: number;
  canShare: boolean;
  onCopy(contact: InviteView): void;
  onShare(contact: InviteView): void;
  /** Height of the scrolling list (px). */
  height?: number;
}

/** The contacts to invite, with a search box that filters as you type (as the users' list). */
export function InviteList({
  contacts,
  now,
  canShare,
  onCopy,
  onShare,
  height = 360,
}: InviteListProps) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterUsers(contacts, query), [contacts, query]);
  const filtered = query.trim() !== '';

  if (contacts.length === 0) {
    return (
      <section class="empty-state">
        <p>{t('inviteNone')}</p>
      </section>
    );
  }
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
          ? t('matchesCount', [formatCount(shown.length), formatCount(contacts.length)])
          : t('inviteCount', formatCount(contacts.length))}
      </p>
      {shown.length === 0 ? (
        <p class="empty">{t('noMatches', query.trim())}</p>
      ) : (
        <VirtualList
          items={shown}
          rowHeight={INVITE_ROW_HEIGHT}
          height={Math.min(height, contacts.length * INVITE_ROW_HEIGHT + 2)}
          label={t('inviteLabel')}
          itemKey={(contact) => contact.phone}
          renderRow={(contact, index, tabbable) => (
            <InviteRow
              contact={contact}
              index={index}
              tabbable={tabbable}
              now={now}
              canShare={canShare}
              onCopy={onCopy}
              onShare={onShare}
            />
          )}
        />
      )}
    </section>
  );
}
