import type { CubeProfile } from '@/lib/connectycube/types';
import { t } from '@/lib/i18n';
import type { CubeStatus, SignInRequest } from '@/lib/messaging/protocol';
import { ActionError } from './ActionError.tsx';
import { Card } from './Card.tsx';
import { CubeSignInForm } from './CubeSignInForm.tsx';

export interface CubeCardProps {
  cube: CubeStatus;
  busy: boolean;
  signInError: string | null;
  /** The error of Sign out, Keep it or Delete it. */
  accountError: string | null;
  /** The login of a sign-in that waits for the answer about the account a sign-in created. */
  pendingLogin: string | null;
  onSignIn(request: SignInRequest): Promise<boolean>;
  onSignOut(): void;
  /** The answer to an account the sign-in created, the one shown (`userId`): keep or delete it. */
  onConfirmNew(answer: { keep: boolean; userId: number }): void;
  onCancelPending(): void;
}

function displayName(user: CubeProfile): string {
  return user.full_name || user.login || user.email || String(user.id);
}

/** The ConnectyCube account: the sign-in form, the account a sign-in created, or who is signed in. */
export function CubeCard({
  cube,
  busy,
  signInError,
  accountError,
  pendingLogin,
  onSignIn,
  onSignOut,
  onConfirmNew,
  onCancelPending,
}: CubeCardProps) {
  let body;
  switch (cube.state) {
    case 'signed-out':
      body = (
        <CubeSignInForm
          endpoint={cube.endpoint}
          builtInApp={cube.builtInApp}
          busy={busy}
          error={signInError}
          onSignIn={onSignIn}
        />
      );
      break;
    case 'confirm-new': {
      // Only this choice is offered: nothing is uploaded to an account the user did not mean, and
      // nothing replaces it before the user chose. The answer names the account shown.
      const { user, needsSignIn } = cube;
      const login = user.login || user.email || displayName(user);
      body = (
        <>
          <div class="warning confirm-new" role="alert">
            <p>{t('cubeCreatedNew', login)}</p>
            {pendingLogin !== null && <p>{t('cubePendingSignIn', pendingLogin)}</p>}
            {needsSignIn && <p>{t('cubeNewNeedsSignIn')}</p>}
            <div class="actions">
              {pendingLogin !== null && (
                <button type="button" disabled={busy} onClick={onCancelPending}>
                  {t('cubeCancelSignIn')}
                </button>
              )}
              {/* Without a session it cannot be deleted: the form below signs in to it first. */}
              {!needsSignIn && (
                <button
                  type="button"
                  class="danger"
                  disabled={busy}
                  onClick={() => onConfirmNew({ keep: false, userId: user.id })}
                >
                  {t('cubeDeleteNew')}
                </button>
              )}
              <button
                type="button"
                class="primary"
                disabled={busy}
                onClick={() => onConfirmNew({ keep: true, userId: user.id })}
              >
                {t('cubeKeepNew')}
              </button>
            </div>
          </div>
          {needsSignIn && (
            <CubeSignInForm
              endpoint={cube.endpoint}
              builtInApp={cube.builtInApp}
              login={user.login || user.email || ''}
              busy={busy}
              error={signInError}
              onSignIn={onSignIn}
            />
          )}
        </>
      );
      break;
    }
    case 'signed-in': {
      const user = cube.user;
      body = (
        <>
          <div class="actions">
            <p>{t('cubeSignedInAs', [displayName(user), String(user.id)])}</p>
            <button type="button" disabled={busy} onClick={onSignOut}>
              {t('signOut')}
            </button>
          </div>
          {cube.needsSignIn && (
            <>
              <p class="warning">{t('cubeNeedsSignIn')}</p>
              <CubeSignInForm
                endpoint={cube.endpoint}
                builtInApp={cube.builtInApp}
                login={user.login || user.email || ''}
                busy={busy}
                error={signInError}
                onSignIn={onSignIn}
              />
            </>
          )}
        </>
      );
      break;
    }
  }

  return (
    <Card title={t('cubeTitle')}>
      {body}
      <ActionError error={accountError} />
    </Card>
  );
}
