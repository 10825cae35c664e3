import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { ServerBookReport } from '@/lib/messaging/protocol';
import type { RunOutcome } from '@/lib/messaging/protocol';
import { ServerBookList } from './ServerBookList.tsx';
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
  /** Entries this browser uploaded for other accounts signed in here before, still there. */
  otherAccountsEntryCount: number;
  /** Names go with the numbers (off: names-free, see UserSettings.sendNames). */
  sendNames: boolean;
  onReupload(): Promise<unknown>;
  onRemove(): Promise<unknown>;
  /** `removeFirst`: empty this browser's entries on the server before forgetting. */
  onForget(removeFirst: boolean): Promise<unknown>;
  /** "Check and repair": the run's outcome (checkOutcome has turned failures into errors). */
  onRepair(): Promise<RunOutcome>;
  /** Reads the book in use from the server ("What the server holds"). */
  onShowServer(): Promise<ServerBookReport>;
}

/** What "Check and repair" found: nothing, or the drift it repaired. */
export function repairText(outcome: RunOutcome): string {
  const drift = outcome.status === 'ok' ? outcome.counts.drift : undefined;
  if (!drift || drift.missing + drift.renamed + drift.extra === 0) return t('serverMatches');
  return t('repairDrift', [drift.missing, drift.renamed, drift.extra].map(formatCount));
}

/** What is kept and what is sent, and the actions that undo it. */
export function PrivacyCard({
  signedIn,
  serverEntryCount,
  otherAccountsEntryCount,
  sendNames,
  onReupload,
  onRemove,
  onForget,
  onRepair,
  onShowServer,
}: PrivacyCardProps) {
  const action = useAction();
  const [message, setMessage] = useState<string | null>(null);
  const [book, setBook] = useState<ServerBookReport | null>(null);

  function run(task: () => Promise<unknown>) {
    setMessage(null);
    void action.run(task).then((ok) => ok && setMessage((m) => m ?? t('done')));
  }

  const repair = () =>
    run(async () => {
      setMessage(repairText(await onRepair()));
      // What the server holds changed: a list shown before is stale.
      setBook(null);
    });
  // The list appearing is the answer: the message of an earlier action (a repair's drift) stays.
  const showServer = () =>
    void action.run(async () => {
      setBook(await onShowServer());
    });
  const reupload = () => run(onReupload);
  // Forgetting loses the sign-in: entries left on the server could no longer be removed from here,
  // so the question says they are there and offers to remove them first.
  const leftOnServer = signedIn && serverEntryCount > 0;
  // What no choice here can remove: other accounts' entries, and this one's too while signed out.
  // Forgetting leaves them there for good (signing in to each account again is the only way).
  const stranded = otherAccountsEntryCount + (signedIn ? 0 : serverEntryCount);
  const forgetQuestion = [
    t('forgetConfirm'),
    ...(leftOnServer ? [t('forgetServerHolds', formatCount(serverEntryCount))] : []),
    ...(stranded > 0
      ? [t(signedIn ? 'forgetOtherAccountsHold' : 'forgetSignedOutHolds', formatCount(stranded))]
      : []),
  ].join(' ');
  const forgetChoices: ConfirmChoice[] = leftOnServer
    ? [
        { label: t('forgetRemoveFirst'), onChoose: () => run(() => onForget(true)) },
        { label: t('forgetAnyway'), onChoose: () => run(() => onForget(false)) },
      ]
    : [{ label: t('forgetConfirmYes'), onChoose: () => run(() => onForget(false)) }];

  return (
    <Card title={t('privacyTitle')}>
      <p>{t('privacyLocal')}</p>
      <p>{t(sendNames ? 'privacyUploaded' : 'privacyUploadedNumbers')}</p>
      <p class="muted">{t('privacyNamesTrade')}</p>
      <div class="actions">
        {signedIn && (
          <button type="button" disabled={action.busy} onClick={repair}>
            {t('checkServer')}
          </button>
        )}
        {signedIn && (
          <button type="button" disabled={action.busy} onClick={showServer}>
            {t('serverHoldsShow')}
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
          question={forgetQuestion}
          choices={forgetChoices}
          busy={action.busy}
        />
      </div>
      <p role="status">{message}</p>
      <ActionError error={action.error} />
      {book && <ServerBookList report={book} />}
    </Card>
  );
}
