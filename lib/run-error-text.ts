import type { RunRow } from './db/schema.ts';
import type { RunError } from './domain/errors.ts';
import { t } from './i18n.ts';

/** A failed run's error in the user's language; the service's own words go in as they are. */
export function runErrorText(error: RunError): string {
  const detail = error.params[0] ?? '';
  switch (error.code) {
    case 'cube-signed-out':
      return t('runErrorCubeSignedOut');
    case 'cube-session-ended':
      return t('runErrorCubeSessionEnded');
    case 'cube-refused':
      return t('runErrorCubeRefused', detail);
    case 'google-reconnect':
      return t('runErrorGoogleReconnect');
    case 'google-quota':
      return t('errorGoogleQuota');
    case 'google-refused':
      return t('runErrorGoogleRefused', detail);
    case 'service-refused':
      return t('runErrorServiceRefused', detail);
    case 'missing-udid':
      return t('runErrorMissingUdid');
    case 'network-timeout':
      return t('runErrorNetworkTimeout', detail);
    case 'network-unreachable':
      return t('runErrorNetworkUnreachable', detail);
    case 'other':
      return t('runErrorOther', detail);
    default: {
      // A code of a newer version (a row the pages read before an update): its detail, if any.
      const unknown: never = error.code;
      return t('runErrorOther', detail || String(unknown));
    }
  }
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
