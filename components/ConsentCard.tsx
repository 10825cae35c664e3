import { t } from '@/lib/i18n';
import type { Status } from '@/lib/messaging/protocol';
import { formatCount, formatDate } from '@/lib/ui/format';
import { ActionError } from './ActionError.tsx';
import { Card } from './Card.tsx';

export interface ConsentCardProps {
  /** Both accounts are linked: the summary can be shown. */
  ready: boolean;
  /** `at`: when consent was given, if the background reports it. */
  consent: Status['consent'] & { at?: number };
  busy: boolean;
  error: string | null;
  onConsent(): void;
}

/** What will be uploaded, and the one click that allows it. Nothing is sent before. */
export function ConsentCard({ ready, consent, busy, error, onConsent }: ConsentCardProps) {
  let body;
  if (consent.given) {
    body = (
      <p>
        {consent.at !== undefined
          ? t('consentGiven', formatDate(consent.at))
          : t('consentGivenNoDate')}
      </p>
    );
  } else if (!ready) {
    body = <p>{t('consentNeedsAccounts')}</p>;
  } else {
    const count = formatCount(consent.phoneCount);
    body = (
      <>
        <p>{t('consentWhat')}</p>
        <p class="consent-summary">
          {consent.bookMode === 'global'
            ? t('consentSummaryGlobal', [count, consent.host])
            : t('consentSummaryOwn', [count, consent.host])}
        </p>
        {consent.skippedCount > 0 && (
          <p class="muted">{t('consentSkipped', formatCount(consent.skippedCount))}</p>
        )}
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={onConsent}>
            {t('startSyncing')}
          </button>
        </div>
      </>
    );
  }
  return (
    <Card title={t('consentTitle')}>
      {body}
      <ActionError error={error} />
    </Card>
  );
}
