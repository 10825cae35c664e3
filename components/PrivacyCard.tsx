import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { ServerBookReport } from '@/lib/messaging/protocol';
import { formatCount } from '@/lib/ui/format';
import { useAction } from '@/lib/ui/use-action';
import { ActionError } from './ActionError.tsx';
import { Card } from './Card.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ConfirmChoices, type ConfirmChoice } from './ConfirmChoices.tsx';

export interface PrivacyCardProps {
  /** The server account is linked: the server actions make sense. */
  signedIn: boolean;
  /** Entries this browser uploaded that the server still holds. */
  serverEntryCount: number;
  onReupload(): Promise<unknown>;
  onRemove(): Promise<unknown>;
  /** `removeFirst`: empty this browser's entries on the server before forgetting. */
  onForget(removeFirst: boolean): Promise<unknown>;
  onCheck(): Promise<ServerBookReport>;
}

function reportText(report: ServerBookReport): string {
  const clean = report.missing.length + report.unexpected.length + report.renamed.length === 0;
  if (clean) return t('serverMatches');
  return t(
    'serverReport',
    [
      report.serverCount,
      report.expectedCount,
      report.missing.length,
      report.unexpected.length,
      report.renamed.length,
    ].map(formatCount),
  );
}

/** What is kept and what is sent, and the actions that undo it. */
export function PrivacyCard({
  signedIn,
  serverEntryCount,
  onReupload,
  onRemove,
  onForget,
  onCheck,
}: PrivacyCardProps) {
  const action = useAction();
  const [message, setMessage] = useState<string | null>(null);
  const [report, setReport] = useState<ServerBookReport | null>(null);

  function run(task: () => Promise<unknown>) {
    setMessage(null);
    void action.run(task).then((ok) => ok && setMessage((m) => m ?? t('done')));
  }

  const check = () =>
    run(async () => {
      const next = await onCheck();
      setReport(next);
      setMessage(reportText(next));
    });
  const reupload = () =>
    run(async () => {
      await onReupload();
      setReport(null);
    });
  // Forgetting loses the sign-in: entries left on the server could no longer be removed from here,
  // so the question says they are there and offers to remove them first.
  const leftOnServer = signedIn && serverEntryCount > 0;
  const forgetChoices: ConfirmChoice[] = leftOnServer
    ? [
        { label: t('forgetRemoveFirst'), onChoose: () => run(() => onForget(true)) },
        { label: t('forgetAnyway'), onChoose: () => run(() => onForget(false)) },
      ]
    : [{ label: t('forgetConfirmYes'), onChoose: () => run(() => onForget(false)) }];
  const needsRepair =
    report !== null && report.missing.length + report.unexpected.length + report.renamed.length > 0;

  return (
    <Card title={t('privacyTitle')}>
      <p>{t('privacyLocal')}</p>
      <p>{t('privacyUploaded')}</p>
      <div class="actions">
        {signedIn && (
          <button type="button" disabled={action.busy} onClick={check}>
            {t('checkServer')}
          </button>
        )}
        {needsRepair && (
          <button type="button" class="primary" disabled={action.busy} onClick={reupload}>
            {t('repair')}
          </button>
        )}
        {signedIn && (
          <button type="button" disabled={action.busy} onClick={reupload}>
            {t('reuploadAll')}
          </button>
        )}
      </div>
      <div class="actions">
        {signedIn && (
          <ConfirmButton
            label={t('removeFromServer')}
            question={t('removeConfirm')}
            confirmLabel={t('removeConfirmYes')}
            busy={action.busy}
            onConfirm={() => run(onRemove)}
          />
        )}
        <ConfirmChoices
          label={t('forgetEverything')}
          question={
            leftOnServer
              ? `${t('forgetConfirm')} ${t('forgetServerHolds', formatCount(serverEntryCount))}`
              : t('forgetConfirm')
          }
          choices={forgetChoices}
          busy={action.busy}
        />
      </div>
      <p role="status">{message}</p>
      <ActionError error={action.error} />
    </Card>
  );
}
