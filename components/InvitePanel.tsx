import { useMemo, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { inviteFor } from '@/lib/invite-text';
import type { UiApi } from '@/lib/ui/api';
import { plainError } from '@/lib/ui/format';
import { inviteCandidates, withInvitations, type InviteView } from '@/lib/ui/invites';
import { useStoreRead } from '@/lib/ui/use-store-read';
import { InviteList } from './InviteList.tsx';

export interface InvitePanelProps {
  api: UiApi;
  now: number;
  /** A short message in the popup's status line ("Invite for Ana copied"). */
  onNotice(message: string): void;
}

/**
 * The Invite view: contacts with a valid number who do not use the app, read from the database the
 * background writes. Copying or sharing an invitation asks the background to note it; the row shows
 * "Invited <day>" from its answer at once, before the store is read again.
 */
export function InvitePanel({ api, now, onNotice }: InvitePanelProps) {
  const sources = useStoreRead(api, ['entries', 'registered', 'invites'], () =>
    api.store.inviteSources(),
  );
  const [noted, setNoted] = useState<ReadonlyMap<string, number>>(new Map());
  const contacts = useMemo(
    () => (sources ? withInvitations(inviteCandidates(sources), noted) : undefined),
    [sources, noted],
  );

  async function note(contact: InviteView) {
    try {
      const { at } = await api.ask('markInvited', { phone: contact.phone });
      setNoted((old) => new Map(old).set(contact.phone, at));
    } catch (error) {
      onNotice(t('inviteNoteFailed', plainError(error instanceof Error ? error.message : '')));
    }
  }

  async function copy(contact: InviteView) {
    try {
      await api.copy(inviteFor(contact.name));
    } catch {
      onNotice(t('inviteCopyFailed'));
      return;
    }
    onNotice(t('inviteCopied', contact.name));
    await note(contact);
  }

  async function share(contact: InviteView) {
    if (!api.share) return;
    try {
      await api.share(inviteFor(contact.name));
    } catch {
      // Closed without sharing (or the sheet failed): nobody was invited.
      return;
    }
    await note(contact);
  }

  if (!contacts) return <p class="muted">{t('loading')}</p>;
  return (
    <InviteList
      contacts={contacts}
      now={now}
      canShare={api.share !== undefined}
      onCopy={(contact) => void copy(contact)}
      onShare={(contact) => void share(contact)}
    />
  );
}
