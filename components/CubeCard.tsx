import type { SignedInUser } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';
import type { CubeStatus, SignInRequest } from '@/lib/messaging/protocol';
import { ActionError } from './ActionError.tsx';
import { Card } from './Card.tsx';
import { CubeSignInForm, type CubeSignInFormProps } from './CubeSignInForm.tsx';
import { PhoneSignIn, type PhoneSignInAction } from './PhoneSignIn.tsx';

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
  /** Phone sign-in, offered when the status says so (`cube.phoneSignIn`). */
  phone?: PhoneSignInAction;
}

function displayName(user: SignedInUser): string {
  return user.fullName || user.login || user.email || String(user.id);
}

/** "Signed in as Ada (+1 415 555 0100)", or by login "Signed in as Ada (user ID 81)". */
function signedInAs(user: SignedInUser, phone: string | undefined): string {
  if (phone === undefined) return t('cubeSignedInAs', [displayName(user), String(user.id)]);
  return user.fullName
    ? t('cubeSignedInByPhone', [user.fullName, phone])
    : t('cubeSignedInAs', [phone, String(user.id)]);
}

/**
 * The ways to sign in. Signed out (`only` absent), with phone sign-in offered: the phone first, and
 * the login and password behind "Use a login and password instead". An account signing in again
 * does so the way it signed in (`only`): by phone, or with its login and password.
 */
function SignInChoices({
  form,
  phone,
  only,
  busy,
}: {
  form: CubeSignInFormProps;
  phone: PhoneSignInAction | undefined;
  only?: 'phone' | 'password';
  busy: boolean;
}) {
  if (only === 'password' || (!phone && only === undefined)) return <CubeSignInForm {...form} />;
  if (!phone) return null;
  if (only === 'phone') return <PhoneSignIn action={phone} disabled={busy} />;
  return (
    <>
      <PhoneSignIn action={phone} disabled={busy} />
      <details class="advanced use-password">
        <summary>{t('usePasswordInstead')}</summary>
        <CubeSignInForm {...form} />
      </details>
    </>
  );
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
  phone: phoneAction,
}: CubeCardProps) {
  const phone = cube.phoneSignIn ? phoneAction : undefined;
  const form = (login?: string): CubeSignInFormProps => ({
    endpoint: cube.endpoint,
    builtInApp: cube.builtInApp,
    ...(login === undefined ? {} : { login }),
    busy,
    error: signInError,
    onSignIn,
  });
  let body;
  switch (cube.state) {
    case 'signed-out':
      body = <SignInChoices form={form()} phone={phone} busy={busy} />;
      break;
    case 'confirm-new': {
      // Only this choice is offered: nothing is uploaded to an account the user did not mean, and
      // nothing replaces it before the user chose. The answer names the account shown.
      const { user, needsSignIn } = cube;
      const login = user.login || user.email || displayName(user);
      body = (
        <>
          <div class="warning confirm-new" role="alert">
            <p>
              {cube.phone === undefined
                ? t('cubeCreatedNew', login)
                : t('cubeCreatedNewPhone', cube.phone)}
            </p>
            {pendingLogin !== null && <p>{t('cubePendingSignIn', pendingLogin)}</p>}
            {needsSignIn && (
              <p>
                {cube.phone === undefined ? t('cubeNewNeedsSignIn') : t('cubeNewNeedsPhoneSignIn')}
              </p>
            )}
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
            <SignInChoices
              form={form(user.login || user.email || '')}
              phone={phone}
              only={cube.phone === undefined ? 'password' : 'phone'}
              busy={busy}
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
            <p>{signedInAs(user, cube.phone)}</p>
            <button type="button" disabled={busy} onClick={onSignOut}>
              {t('signOut')}
            </button>
          </div>
          {cube.needsSignIn && (
            <>
              <p class="warning">{t('cubeNeedsSignIn')}</p>
              <SignInChoices
                form={form(user.login || user.email || '')}
                phone={phone}
                only={cube.phone === undefined ? 'password' : 'phone'}
                busy={busy}
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
