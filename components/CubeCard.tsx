import { useState } from 'preact/hooks';
import type { CubeCredentials } from '@/lib/connectycube/types';
import { t } from '@/lib/i18n';
import type { Status } from '@/lib/messaging/protocol';
import { ActionError } from './ActionError.tsx';
import { Card } from './Card.tsx';
import { CubeSignInForm } from './CubeSignInForm.tsx';

export interface CubeCardProps {
  cube: Status['cube'];
  /** The last sync was refused with the saved sign-in. */
  needsSignIn: boolean;
  busy: boolean;
  signInError: string | null;
  signOutError: string | null;
  onSignIn(credentials: CubeCredentials): Promise<boolean>;
  onSignOut(): void;
}

/** The ConnectyCube account: the sign-in form, or who is signed in. */
export function CubeCard({
  cube,
  needsSignIn,
  busy,
  signInError,
  signOutError,
  onSignIn,
  onSignOut,
}: CubeCardProps) {
  // Once signed in again here, the old refusal no longer asks for the form.
  const [renewed, setRenewed] = useState(false);
  const user = cube.user;
  const showForm = !cube.signedIn || (needsSignIn && !renewed);

  async function signIn(credentials: CubeCredentials) {
    const ok = await onSignIn(credentials);
    if (ok) setRenewed(true);
    return ok;
  }

  return (
    <Card title={t('cubeTitle')}>
      {cube.signedIn && user && (
        <div class="actions">
          <p>
            {t('cubeSignedInAs', [
              user.full_name || user.login || user.email || String(user.id),
              String(user.id),
            ])}
          </p>
          <button type="button" disabled={busy} onClick={onSignOut}>
            {t('signOut')}
          </button>
        </div>
      )}
      {cube.signedIn && needsSignIn && !renewed && <p class="warning">{t('cubeNeedsSignIn')}</p>}
      {showForm && (
        <CubeSignInForm
          endpoint={cube.endpoint}
          busy={busy}
          error={signInError}
          onSignIn={signIn}
        />
      )}
      <ActionError error={signOutError} />
    </Card>
  );
}
