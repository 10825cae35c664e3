import { useId } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { Status } from '@/lib/messaging/protocol';
import { formatCount } from '@/lib/ui/format';
import { ActionError } from './ActionError.tsx';
import { Card } from './Card.tsx';

/** Where a Google account lists the apps it gave access to, and withdraws it. */
export const GOOGLE_PERMISSIONS_URL = 'https://myaccount.google.com/permissions';

export interface GoogleCardProps {
  google: Status['google'];
  includeOther: boolean;
  busy: boolean;
  error: string | null;
  onConnect(): void;
  onDisconnect(): void;
  onIncludeOther(include: boolean): void;
}

/** Connect / disconnect Google, and whether "Other contacts" are imported too. */
export function GoogleCard({
  google,
  includeOther,
  busy,
  error,
  onConnect,
  onDisconnect,
  onIncludeOther,
}: GoogleCardProps) {
  const hintId = useId();
  return (
    <Card title={t('googleTitle')}>
      {google.clientIdMissing && (
        <div class="warning">
          <p>{t('clientIdMissing')}</p>
          {google.redirectUrl && (
            <p>
              {t('redirectUrlHint')} <code>{google.redirectUrl}</code>
            </p>
          )}
        </div>
      )}
      {!google.connected && <p>{t('googleNotConnected')}</p>}
      {google.connected && (
        <p>
          {google.email
            ? t('googleConnectedAs', [google.email, formatCount(google.contactCount)])
            : t('googleConnected', formatCount(google.contactCount))}
        </p>
      )}
      {google.connected && google.needsReconnect && (
        <p class="warning">{t('googleNeedsReconnect')}</p>
      )}
      {/* A disconnect that could not revoke: only the user can withdraw the access now. */}
      {google.accessLeft && (
        <p class="warning">
          {google.accessLeft.email
            ? t('googleAccessLeftFor', google.accessLeft.email)
            : t('googleAccessLeft')}{' '}
          <a href={GOOGLE_PERMISSIONS_URL} target="_blank" rel="noopener noreferrer">
            {t('googlePermissionsLink')}
          </a>
        </p>
      )}
      <div class="actions">
        {(!google.connected || google.needsReconnect) && (
          <button
            type="button"
            class="primary"
            disabled={busy || google.clientIdMissing}
            onClick={onConnect}
          >
            {t(google.connected ? 'reconnect' : 'connectGoogle')}
          </button>
        )}
        {google.connected && (
          <button type="button" disabled={busy} onClick={onDisconnect}>
            {t('disconnectGoogle')}
          </button>
        )}
      </div>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={includeOther}
          disabled={busy || (google.clientIdMissing && !includeOther)}
          aria-describedby={hintId}
          onChange={(event) => onIncludeOther(event.currentTarget.checked)}
        />
        <span>{t('includeOther')}</span>
      </label>
      <p id={hintId} class="hint muted">
        {t('includeOtherHint')}
      </p>
      {/* Google's consent screen lets the user untick this scope; the switch then shows off. */}
      {google.otherContactsRefused && <p class="warning">{t('otherContactsRefused')}</p>}
      <ActionError error={error} />
    </Card>
  );
}
