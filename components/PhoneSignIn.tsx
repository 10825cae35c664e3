import { useId, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { plainError } from '@/lib/ui/format';
import { SwitchField } from './SwitchField.tsx';

/** What the card needs to offer phone sign-in (lib/ui/use-cube-account.ts). */
export interface PhoneSignInAction {
  /** The background waits for the sign-in window. */
  busy: boolean;
  /** Why the last attempt gave nothing (a closed window, a refusal): nothing changed. */
  error: string | null;
  onSignIn(staySignedIn: boolean): void;
}

/**
 * "Sign in with your phone number": the background opens the hosted page in the browser's sign-in
 * window; the page never runs here. "Stay signed in" keeps the Firebase refresh token (never a
 * password).
 */
export function PhoneSignIn({
  action,
  disabled,
}: {
  action: PhoneSignInAction;
  disabled: boolean;
}) {
  const [staySignedIn, setStaySignedIn] = useState(true);
  const hintId = useId();
  return (
    <div class="form phone-sign-in">
      <SwitchField
        label={t('staySignedIn')}
        hint={t('phoneStaySignedInHint')}
        checked={staySignedIn}
        onChange={setStaySignedIn}
      />
      {action.busy && (
        <p class="muted" role="status">
          {t('phoneSignInWaiting')}
        </p>
      )}
      {action.error && (
        <p class="error-text" role="alert">
          {t('signInFailed', plainError(action.error))}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          class="primary"
          aria-describedby={hintId}
          disabled={disabled || action.busy}
          onClick={() => action.onSignIn(staySignedIn)}
        >
          {t('phoneSignIn')}
        </button>
      </div>
      <p id={hintId} class="hint muted">
        {t('phoneSignInHint')}
      </p>
    </div>
  );
}
