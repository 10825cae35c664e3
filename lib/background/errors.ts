import {
  CubeAccountChangedError,
  CubeApiError,
  CubeSessionEndedError,
  CubeSignedOutError,
} from '../connectycube/errors.ts';
import { NeedsReconnectError } from '../google/errors.ts';
import { t } from '../i18n.ts';
import type { ErrorKind, ReplyError } from '../messaging/protocol.ts';
import { NetworkError } from '../net/network-error.ts';
import { PhoneSignInError } from '../phone/sign-in.ts';
import { describeError } from '../sync/errors.ts';

/** A refusal of the background's own, with the kind the UI acts on. */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A handler's failure as the UI receives it: a kind to act on, one line to show. */
export function toReplyError(error: unknown): ReplyError {
  if (error instanceof RequestError) return { kind: error.kind, message: error.message };
  if (error instanceof CubeSignedOutError || error instanceof CubeSessionEndedError)
    return { kind: 'cube-sign-in', message: error.message };
  if (error instanceof CubeAccountChangedError)
    return { kind: 'cube-changed', message: t('cubeAccountChanged') };
  if (error instanceof CubeApiError) return { kind: 'cube-refused', message: error.message };
  if (error instanceof PhoneSignInError) return { kind: 'other', message: phoneFailure(error) };
  if (error instanceof NeedsReconnectError)
    return { kind: 'google-reconnect', message: error.message };
  if (error instanceof NetworkError) return { kind: 'network', message: error.message };
  return { kind: 'other', message: describeError(error) };
}

/** A phone sign-in that gave nothing, in the user's words: nothing changed. */
function phoneFailure(error: PhoneSignInError): string {
  switch (error.reason) {
    case 'cancelled':
      return t('phoneSignInCancelled');
    case 'window-failed':
      return t('phoneSignInWindowFailed', error.detail);
    case 'state-mismatch':
    case 'bad-answer':
      return t('phoneSignInBadAnswer');
  }
}
