import { t } from '@/lib/i18n';
import { formatInviteDay } from '@/lib/invite-text';
import type { InviteView } from '@/lib/ui/invites';
import { Avatar } from './Avatar.tsx';

export interface InviteRowProps {
  contact: InviteView;
  index: number;
  tabbable: boolean;
  now: number;
  /** Offer "Share" (the browser has a share sheet). */
  canShare: boolean;
  onCopy(contact: InviteView): void;
  onShare(contact: InviteView): void;
}

/**
 * One contact to invite: name, number, "Invited <day>" once invited, and the buttons. "Copy invite"
 * is the row's element in the list's arrow-key navigation. Names are text, never markup.
 */
export function InviteRow({
  contact,
  index,
  tabbable,
  now,
  canShare,
  onCopy,
  onShare,
}: InviteRowProps) {
  return (
    <div class="user-row invite-row">
      <Avatar name={contact.name} />
      <span class="user-text">
        <span class="user-name">{contact.name}</span>
        <span class="user-phone">{contact.display}</span>
        {contact.invitedAt !== undefined && (
          <span class="invited">{t('invitedOn', formatInviteDay(contact.invitedAt, now))}</span>
        )}
      </span>
      <span class="invite-actions">
        <button
          type="button"
          data-row={index}
          tabIndex={tabbable ? 0 : -1}
          aria-label={t('copyInviteFor', contact.name)}
          onClick={() => onCopy(contact)}
        >
          {t('copyInvite')}
        </button>
        {canShare && (
          <button
            type="button"
            tabIndex={tabbable ? 0 : -1}
            aria-label={t('shareInviteWith', contact.name)}
            onClick={() => onShare(contact)}
          >
            {t('shareInvite')}
          </button>
        )}
      </span>
    </div>
  );
}
