import { t } from '../i18n.ts';
import { RequestFailed } from '../messaging/protocol.ts';
import type { RunOutcome } from '../domain/run.ts';
import { runErrorText } from '../run-error-text.ts';

type NotReady = Extract<RunOutcome, { status: 'not-ready' }>;

function notReady(reason: NotReady['reason']): RequestFailed {
  switch (reason) {
    case 'google':
      return new RequestFailed('other', t('setupNeeded'));
    case 'google-reconnect':
      return new RequestFailed('google-reconnect', t('errorGoogleReconnect'));
    case 'cube-sign-in':
      return new RequestFailed('cube-sign-in', t('cubeNeedsSignIn'));
    default: {
      // A new reason must be given its words here.
      const unknown: never = reason;
      return new RequestFailed('other', String(unknown));
    }
  }
}

/** A run that did not succeed becomes an error for the button that asked for it. */
export function checkOutcome(outcome: RunOutcome): RunOutcome {
  if (outcome.status === 'failed')
    throw new RequestFailed('sync-failed', runErrorText(outcome.error));
  if (outcome.status === 'not-ready') throw notReady(outcome.reason);
  return outcome;
}
