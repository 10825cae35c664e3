import { useEffect, useMemo, useState } from 'preact/hooks';
import { defaultCountryFromLocale } from '@/lib/contacts/locale';
import { t } from '@/lib/i18n';
import type { UiApi } from '@/lib/ui/api';
import { needsSetup, syncView } from '@/lib/ui/sync-state';
import { useAction } from '@/lib/ui/use-action';
import { useFocusUser } from '@/lib/ui/use-focus-user';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useNewIds } from '@/lib/ui/use-new-ids';
import { useNow } from '@/lib/ui/use-now';
import { useStatus } from '@/lib/ui/use-status';
import { chatUrl, dialable, orderUsers, toUserView, type UserView } from '@/lib/ui/users';
import { PopupEmpty } from './PopupEmpty.tsx';
import { SyncHeader } from './SyncHeader.tsx';
import { UserList } from './UserList.tsx';
import './theme.css';
import './popup.css';

/** The toolbar popup: the sync state and the contacts who use the app. */
export function PopupApp({ api }: { api: UiApi }) {
  const { status, progress, error, refresh, setStatus } = useStatus(api);
  const newIds = useNewIds(api);
  const focusId = useFocusUser(api);
  const rows = useLiveQuery(() => api.db.registered.toArray(), [api]);
  const now = useNow(api.now);
  const sync = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  const country = status
    ? status.settings.defaultCountry || defaultCountryFromLocale(api.language)
    : '';
  // Waits for the focus user too, so the list does not jump when it moves to the top.
  const users = useMemo(
    () =>
      rows && status && focusId !== undefined
        ? orderUsers(
            rows.map((row) => toUserView(row, country, newIds.has(row.userId) || row.seen === 0)),
            focusId,
          )
        : undefined,
    // `status` only matters through `country`, and by being there at all.
    [rows, country, newIds, status === null, focusId],
  );

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 2500);
    return () => clearTimeout(timer);
  }, [notice]);

  if (!status) {
    return (
      <main class="popup">
        <p role={error ? 'alert' : 'status'} class={error ? 'error-text' : 'muted'}>
          {error ? t('backgroundError', error) : t('loading')}
        </p>
      </main>
    );
  }

  const template = status.settings.chatLinkTemplate;
  async function open(user: UserView) {
    const url = chatUrl(template, user);
    if (url) {
      await api.openTab(url);
      return;
    }
    try {
      await api.copy(dialable(user.phone));
      setNotice(t('copied', user.display));
    } catch {
      setNotice(t('copyFailed'));
    }
  }

  const setup = needsSetup(status);
  return (
    <main class="popup">
      <SyncHeader
        view={syncView(status, progress)}
        now={now}
        busy={sync.busy}
        error={sync.error}
        onSyncNow={() => void sync.run(() => api.ask('syncNow', {})).then(refresh)}
        onReconnectGoogle={() =>
          void sync.run(async () =>
            setStatus(
              await api.ask('connectGoogle', { includeOther: status.settings.includeOther }),
            ),
          )
        }
        onSignInAgain={() => void api.openOptions()}
      />
      {setup ? (
        <PopupEmpty kind="setup" onSetup={() => void api.openOptions()} />
      ) : users === undefined ? (
        <p class="muted">{t('loading')}</p>
      ) : users.length === 0 ? (
        <PopupEmpty kind="none" phoneCount={status.consent.phoneCount} />
      ) : (
        <UserList
          users={users}
          highlightId={focusId ?? null}
          onOpen={(user) => void open(user)}
          hint={template.trim() ? t('rowHintChat') : t('rowHintCopy')}
        />
      )}
      <p class="notice" role="status">
        {notice}
      </p>
      <footer class="popup-footer">
        <button type="button" class="link" onClick={() => void api.openOptions()}>
          {t('openSettings')}
        </button>
      </footer>
    </main>
  );
}
