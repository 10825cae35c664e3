import { t, type MessageKey } from '../i18n.ts';
import { LEGACY_TRIGGERS, type Trigger } from '../domain/triggers.ts';

/** Every trigger's label in Activity: a new trigger without one does not compile. */
const TRIGGER_LABELS: Record<Trigger, MessageKey> = {
  manual: 'triggerManual',
  scheduled: 'triggerScheduled',
  retry: 'triggerRetry',
  install: 'triggerInstall',
  startup: 'triggerStartup',
  consent: 'triggerConsent',
  settings: 'triggerSettings',
  'google-connected': 'triggerGoogleConnected',
  'signed-in': 'triggerSignedIn',
  reupload: 'triggerReupload',
  remove: 'triggerRemove',
  push: 'triggerPush',
  repair: 'triggerRepair',
  'daily-check': 'triggerDailyCheck',
};

function isTrigger(value: string): value is Trigger {
  return Object.hasOwn(TRIGGER_LABELS, value);
}

/**
 * A stored run's trigger in words. Runs recorded by older versions carry older names; anything
 * unknown (a newer version's trigger after a downgrade) is shown as stored rather than hidden.
 */
export function triggerLabel(stored: string): string {
  const trigger = isTrigger(stored)
    ? stored
    : Object.hasOwn(LEGACY_TRIGGERS, stored)
      ? LEGACY_TRIGGERS[stored]
      : undefined;
  return trigger ? t(TRIGGER_LABELS[trigger]) : stored;
}
