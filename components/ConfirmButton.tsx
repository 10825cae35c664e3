import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export interface ConfirmButtonProps {
  label: string;
  /** What will happen, asked before doing it. */
  question: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void;
}

/** A destructive action in two steps: the button, then the question with "Yes" and "Cancel". */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  busy = false,
  onConfirm,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="danger" disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div class="confirm" role="group" aria-label={label}>
      <p>{question}</p>
      <button
        type="button"
        class="danger"
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {t('cancel')}
      </button>
    </div>
  );
}
