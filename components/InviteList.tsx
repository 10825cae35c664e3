import { t } from '@/lib/i18n';
import type { InviteView } from '@/lib/ui/invites';
import { InviteRow } from './InviteRow.tsx';
import { SearchableList } from './SearchableList.tsx';

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
export function InviteList({ contacts, now, canShare, onCopy, onShare, height }: InviteListProps) {
  if (contacts.length === 0) {
    return (
      <section class="empty-state">
        <p>{t('inviteNone')}</p>
      </section>
    );
  }
  return (
    <SearchableList
      items={contacts}
      summary={(count) => t('inviteCount', count)}
      label={t('inviteLabel')}
      itemKey={(contact) => contact.phone}
      {...(height === undefined ? {} : { height })}
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
  );
}
