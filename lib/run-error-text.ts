import type { RunRow } from './db/schema.ts';
import type { RunError, RunErrorCode } from './domain/errors.ts';
import { t, type MessageKey } from './i18n.ts';

/** Each code's words; the message's one placeholder (if any) takes `params[0]`. */
const WORDS: Record<RunErrorCode, MessageKey> = {
  'cube-signed-out': 'runErrorCubeSignedOut',
  'cube-session-ended': 'runErrorCubeSessionEnded',
  'cube-refused': 'runErrorCubeRefused',
  'google-reconnect': 'runErrorGoogleReconnect',
  'google-quota': 'errorGoogleQuota',
  'google-refused': 'runErrorGoogleRefused',
  'service-refused': 'runErrorServiceRefused',
  'missing-udid': 'runErrorMissingUdid',
  'network-timeout': 'runErrorNetworkTimeout',
  'network-unreachable': 'runErrorNetworkUnreachable',
  other: 'runErrorOther',
};

/** A failed run's error in the user's language; the service's own words go in as they are. */
export function runErrorText(error: RunError): string {
  // A code of a newer version (a row read before an update) says what detail it has.
  const key: MessageKey = Object.hasOwn(WORDS, error.code) ? WORDS[error.code] : 'runErrorOther';
  return t(key, error.params[0] ?? '');
}

/** How a run ended, for the Activity table. */
export function runEndText(run: RunRow): string {
  switch (run.status) {
    case 'running':
      return t('runRunning');
    case 'ok':
      return t('runOk');
    case 'interrupted':
      return t('runInterrupted');
    case 'failed':
      return runErrorText(run.error);
  }
}
