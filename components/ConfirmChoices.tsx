import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export interface ConfirmChoice {
  label: string;
  onChoose(): void;
}

export interface ConfirmChoicesProps {
  label: string;
  /** What will happen, asked before doing it. */
  question: string;
  /** The ways to go ahead, most careful first; "Cancel" is always added. */
  choices: ConfirmChoice[];
  busy?: boolean;
}

/**
 * A destructive action in two steps: the button, then the question with its choices and "Cancel".
 * Focus moves to "Cancel" when the question opens, so a second Enter does not confirm.
 */
export function ConfirmChoices({ label, question, choices, busy = false }: ConfirmChoicesProps) {
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) cancel.current?.focus();
  }, [asking]);

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
      <div class="actions">
        {choices.map((choice) => (
          <button
            key={choice.label}
            type="button"
            class="danger"
            disabled={busy}
            onClick={() => {
              setAsking(false);
              choice.onChoose();
            }}
          >
            {choice.label}
          </button>
        ))}
        <button ref={cancel} type="button" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
