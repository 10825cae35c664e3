import { useId } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';
import { formatCount, plainError, syncedAgo } from '@/lib/ui/format';
import type { SyncView } from '@/lib/ui/sync-state';
import type { Progress } from '@/lib/messaging/protocol';

export interface SyncHeaderProps {
  view: SyncView;
  now: number;
  /** A "Sync now" request is under way. */
  busy: boolean;
  /** The last action's error (e.g. Sync now refused). */
  error?: string | null;
  onSyncNow(): void;
  onReconnectGoogle(): void;
  onSignInAgain(): void;
}

const PHASES: Record<Progress['phase'], MessageKey> = {
  import: 'phaseImport',
  project: 'phaseProject',
  upload: 'phaseUpload',
  registered: 'phaseRegistered',
  notify: 'phaseNotify',
};

function progressText(progress: Progress | null): string {
  if (!progress) return t('syncing');
  if (progress.total !== undefined && progress.total > 0) {
    return t('syncingCount', [formatCount(progress.done), formatCount(progress.total)]);
  }
  return progress.done > 0 ? t('syncingDone', formatCount(progress.done)) : t('syncing');
}

/** The sync state in words, its fix when it needs one, and "Sync now". */
export function SyncHeader({
  view,
  now,
  busy,
  error,
  onSyncNow,
  onReconnectGoogle,
  onSignInAgain,
}: SyncHeaderProps) {
  const textId = useId();
  let body;
  switch (view.kind) {
    case 'syncing': {
      const progress = view.progress;
      const determinate = progress?.total !== undefined && progress.total > 0;
      body = (
        <>
          <p id={textId} class="sync-text">
            {progressText(progress)}
          </p>
          {progress && <p class="muted">{t(PHASES[progress.phase])}</p>}
          <progress
            aria-labelledby={textId}
            {...(determinate
              ? { max: progress.total, value: Math.min(progress.done, progress.total ?? 0) }
              : {})}
          />
        </>
      );
      break;
    }
    case 'google-reconnect':
      body = (
        <>
          <p class="sync-text error-text">{t('errorGoogleReconnect')}</p>
          <button type="button" class="primary" onClick={onReconnectGoogle}>
            {t('reconnectGoogle')}
          </button>
        </>
      );
      break;
    case 'cube-sign-in':
      body = (
        <>
          <p class="sync-text error-text">{t('errorCubeSignIn')}</p>
          <button type="button" class="primary" onClick={onSignInAgain}>
            {t('signInAgain')}
          </button>
        </>
      );
      break;
    case 'error':
      body = (
        <>
          <p class="sync-text error-text">{t('errorSync', view.error)}</p>
          {/* The background retries such failures itself (1, 2, 4… minutes): say so. */}
          <p class="muted">{t('errorWillRetry')}</p>
        </>
      );
      break;
    case 'setup':
      body = <p class="sync-text">{t('notSetUp')}</p>;
      break;
    case 'synced':
      body = <p class="sync-text">{syncedAgo(view.at, now)}</p>;
      break;
    case 'never':
      body = <p class="sync-text">{t('notSyncedYet')}</p>;
      break;
  }
  const canSync = view.kind !== 'setup' && view.kind !== 'google-reconnect';
  return (
    <header class="sync-header">
      <div class="sync-state">{body}</div>
      {canSync && (
        <button
          type="button"
          class="sync-now"
          disabled={busy || view.kind === 'syncing'}
          onClick={onSyncNow}
        >
          {t('syncNow')}
        </button>
      )}
      {error && (
        <p class="error-text" role="alert">
          {t('actionFailed', plainError(error))}
        </p>
      )}
    </header>
  );
}
