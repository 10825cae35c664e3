import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { UiApi } from '@/lib/ui/api';
import { needsSetup, syncView } from '@/lib/ui/sync-state';
import { useAction } from '@/lib/ui/use-action';
import { useFirstScreen } from '@/lib/ui/use-first-screen';
import { useFocusUser } from '@/lib/ui/use-focus-user';
import { useNewIds } from '@/lib/ui/use-new-ids';
import { useNow } from '@/lib/ui/use-now';
import { useStatus } from '@/lib/ui/use-status';
import { useStoreRead } from '@/lib/ui/use-store-read';
import { chatUrl, dialable, orderUsers, toUserView, type UserView } from '@/lib/ui/users';
import { InvitePanel } from './InvitePanel.tsx';
import { PopupEmpty } from './PopupEmpty.tsx';
import { panelId, PopupTabs, tabId, type PopupView } from './PopupTabs.tsx';
import { SyncHeader } from './SyncHeader.tsx';
import { UserList } from './UserList.tsx';
import './theme.css';
import './popup.css';

/** The toolbar popup: the sync state, the contacts who use the app, and those to invite. */
export function PopupApp({ api }: { api: UiApi }) {
  const { status, progress, error, refresh, setStatus } = useStatus(api);
  const focusId = useFocusUser(api);
  const first = useFirstScreen(api);
  const rows = useStoreRead(api, ['registered'], () => api.store.registered());
  // Only the whole list says which joins this opening shows "new" before marking them seen.
  const newIds = useNewIds(api, rows);
  const now = useNow(api.now);
  const sync = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  // Opened from a "joined" notification or the toolbar alike: the app's users come first.
  const [view, setView] = useState<PopupView>('users');

  // Waits for the focus user too, so the list does not jump when it moves to the top. Not for the
  // status: with thousands of contacts the worker's answer comes after the rows, and the list is
  // what the user opened the popup for.
  // Until IndexedDB answers, the first screen the background kept (in memory): unless the user to
  // show first is not in it, as the list would move when the whole one comes.
  const shown =
    rows ??
    (first &&
    focusId !== undefined &&
    (focusId === null || first.users.some((u) => u.userId === focusId))
      ? first.users
      : undefined);
  const users = useMemo(
    () =>
      shown && focusId !== undefined
        ? orderUsers(
            shown.map((row) => toUserView(row, newIds.has(row.userId) || row.seen === 0)),
            focusId,
          )
        : undefined,
    [shown, newIds, focusId],
  );
  // Every user, while only the first screen is listed: for the count, and to wait with a search.
  const total = rows ? undefined : first?.total;

  const [pendingOpen, setPendingOpen] = useState<UserView | null>(null);
  // A click queued before a status request that failed is dropped: carrying it out on some later
  // refresh would open a tab or copy out of the blue.
  useEffect(() => {
    if (error) setPendingOpen(null);
  }, [error]);
  useEffect(() => {
    if (!status || !pendingOpen) return;
    setPendingOpen(null);
    void open(pendingOpen);
    // `open` is this render's, with the status that just came.
  }, [status, pendingOpen]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 2500);
    return () => clearTimeout(timer);
  }, [notice]);

  // Nothing to show before the status, unless the users were read first.
  if (!status && (error || !users || users.length === 0)) {
    return (
      <main class="popup">
        <p role={error ? 'alert' : 'status'} class={error ? 'error-text' : 'muted'}>
          {error ? t('backgroundError', error) : t('loading')}
        </p>
      </main>
    );
  }

  const template = status?.settings.chatLinkTemplate;
  async function open(user: UserView) {
    // A click before the status came cannot know yet whether it opens a chat or copies the number:
    // it is carried out when the status comes.
    if (template === undefined) {
      setPendingOpen(user);
      return;
    }
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

  const setup = status !== null && needsSetup(status);
  return (
    <main class="popup">
      {status ? (
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
      ) : (
        <header class="sync-header">
          <p class="sync-text muted" role="status">
            {t('loading')}
          </p>
        </header>
      )}
      {setup && (
        <PopupEmpty
          kind="setup"
          paused={!!users && users.length > 0}
          onSetup={() => void api.openOptions()}
        />
      )}
      {/* Users of an earlier sync stay listed while setup is needed: still true, and no flash of
          the list away when the status comes after the rows. */}
      {(!setup || (users && users.length > 0)) && (
        <>
          <PopupTabs current={view} onSelect={setView} />
          <div
            role="tabpanel"
            id={panelId('users')}
            aria-labelledby={tabId('users')}
            hidden={view !== 'users'}
          >
            {view !== 'users' ? null : users === undefined ? (
              <p class="muted">{t('loading')}</p>
            ) : users.length === 0 ? (
              <PopupEmpty kind="none" phoneCount={status?.consent.phoneCount ?? 0} />
            ) : (
              <UserList
                users={users}
                {...(total === undefined ? {} : { total })}
                highlightId={focusId ?? null}
                onOpen={(user) => void open(user)}
                hint={
                  template === undefined
                    ? ''
                    : template.trim()
                      ? t('rowHintChat')
                      : t('rowHintCopy')
                }
              />
            )}
          </div>
          <div
            role="tabpanel"
            id={panelId('invite')}
            aria-labelledby={tabId('invite')}
            hidden={view !== 'invite'}
          >
            {view === 'invite' && <InvitePanel api={api} now={now} onNotice={setNotice} />}
          </div>
        </>
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
