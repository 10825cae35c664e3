import { t } from '../i18n.ts';
import type { RunOutcome } from '../sync/engine.ts';

/** A run that did not succeed becomes an error for the button that asked for it. */
export function checkOutcome(outcome: RunOutcome): RunOutcome {
  if (outcome.status === 'failed') throw new Error(outcome.error);
  if (outcome.status === 'not-ready') {
    throw new Error(outcome.reason === 'google' ? t('setupNeeded') : t('errorGoogleReconnect'));
  }
  return outcome;
}
