import { useState } from 'preact/hooks';
import { RequestFailed, type SignInRequest, type Status } from '../messaging/protocol.ts';
import type { UiApi } from './api.ts';
import { useAction, type ActionState } from './use-action.ts';

export interface CubeAccountActions {
  /** The sign-in form's request. */
  signIn: ActionState;
  /** Sign out, Keep it, Delete it. */
  account: ActionState;
  /** "Sign in with your phone number": busy while the sign-in window is open. */
  phone: ActionState;
  /**
   * A sign-in the user asked for that waits until they have kept or deleted the account an earlier
   * sign-in created (maybe in another tab): it goes on after their answer.
   */
  pending: SignInRequest | null;
  onSignIn(request: SignInRequest): Promise<boolean>;
  onPhoneSignIn(staySignedIn: boolean): void;
  onSignOut(): void;
  /** The answer about the account the page shows, `userId`. */
  onConfirmNew(answer: { keep: boolean; userId: number }): void;
  onCancelPending(): void;
}

const refused = (error: unknown, kind: RequestFailed['kind']) =>
  error instanceof RequestFailed && error.kind === kind;

/**
 * The ConnectyCube account's requests. The background refuses what another tab made stale (an
 * answer about an account it no longer holds, a sign-in while an account a sign-in created waits
 * for the user's answer): the page then shows the state as it is, and asks what is left to ask.
 */
export function useCubeAccount(
  api: UiApi,
  setStatus: (status: Status) => void,
  refresh: () => Promise<void>,
): CubeAccountActions {
  const signIn = useAction();
  const account = useAction();
  const phone = useAction();
  const [pending, setPending] = useState<SignInRequest | null>(null);

  async function askOrRefresh(ask: () => Promise<Status>): Promise<void> {
    try {
      setStatus(await ask());
    } catch (error) {
      // The account is not the one the page showed: a sign-in waiting for that answer waits no more.
      if (refused(error, 'cube-changed')) setPending(null);
      await refresh();
      throw error;
    }
  }

  return {
    signIn,
    account,
    phone,
    pending,
    onSignIn: (request) =>
      signIn.run(async () => {
        try {
          setStatus(await api.ask('cubeSignIn', request));
        } catch (error) {
          if (!refused(error, 'cube-unconfirmed')) throw error;
          // Not a failure of the sign-in: it waits while the page asks about that account.
          setPending(request);
          await refresh();
        }
      }),
    // Refused while an account a sign-in created waits: the page then shows that account's choice
    // (the refusal says so), and the user signs in by phone again after answering.
    onPhoneSignIn: (staySignedIn) =>
      void phone.run(() => askOrRefresh(() => api.ask('cubePhoneSignIn', { staySignedIn }))),
    onSignOut: () => void account.run(() => askOrRefresh(() => api.ask('cubeSignOut', {}))),
    onConfirmNew: (answer) =>
      void account.run(async () => {
        await askOrRefresh(() => api.ask('cubeConfirmNew', answer));
        const next = pending;
        setPending(null);
        if (next) setStatus(await api.ask('cubeSignIn', next));
      }),
    onCancelPending: () => setPending(null),
  };
}
