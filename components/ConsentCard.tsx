import { t } from '@/lib/i18n';
import type { ConsentStatus } from '@/lib/messaging/protocol';
import { formatCount, formatDate } from '@/lib/ui/format';
import { ActionError } from './ActionError.tsx';
import { Card } from './Card.tsx';

export interface ConsentCardProps {
  consent: ConsentStatus;
  busy: boolean;
  error: string | null;
  onConsent(): void;
}

/** The summary names the book and whether names go with the numbers. */
function summaryKey(consent: ConsentStatus) {
  if (consent.bookMode === 'global')
    return consent.sendNames ? 'consentSummaryGlobal' : 'consentSummaryGlobalNumbers';
  return consent.sendNames ? 'consentSummaryOwn' : 'consentSummaryOwnNumbers';
}

/**
 * What will be uploaded, as whom and where, and the one click that allows it. Nothing is sent
 * before, and consent given for one destination does not carry over to another.
 */
export function ConsentCard({ consent, busy, error, onConsent }: ConsentCardProps) {
  const { accountName, host } = consent;
  let body;
  switch (consent.consent.state) {
    case 'given':
      body = (
        <>
          <p>{t('consentGiven', [formatDate(consent.consent.at), accountName, host])}</p>
          <p class="muted">{t(consent.sendNames ? 'consentNamesSent' : 'consentNamesKept')}</p>
        </>
      );
      break;
    case 'needs-accounts':
      body = <p>{t('consentNeedsAccounts')}</p>;
      break;
    case 'needed': {
      const count = formatCount(consent.phoneCount);
      body = (
        <>
          {consent.consent.changed && <p class="warning">{t('consentChanged')}</p>}
          <p class="consent-summary">{t(summaryKey(consent), [count, accountName, host])}</p>
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
      break;
    }
  }
  return (
    <Card title={t('consentTitle')}>
      {body}
      <ActionError error={error} />
    </Card>
  );
}
