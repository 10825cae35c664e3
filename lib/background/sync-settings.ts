import { browser } from 'wxt/browser';
import { defaultCountryFromLocale } from '../contacts/locale.ts';
import { SCOPE_OTHER_CONTACTS } from '../google/auth.ts';
import {
  consentItem,
  cubeAccountItem,
  googleAccountItem,
  readSettings,
  udidItem,
} from '../settings.ts';
import type { SyncSettings } from '../sync/ports.ts';
import { accountDestination, consentCovers, consentTarget } from './consent.ts';

/**
 * What a run works with, read from storage when it starts: the user's settings, the destination,
 * and whether consent covers uploading there (lib/background/consent.ts).
 */
export async function readSyncSettings(): Promise<SyncSettings> {
  const [settings, udid, consent, account, google] = await Promise.all([
    readSettings(),
    udidItem.getValue(),
    consentItem.getValue(),
    cubeAccountItem.getValue(),
    googleAccountItem.getValue(),
  ]);
  return {
    defaultCountry:
      settings.defaultCountry || defaultCountryFromLocale(browser.i18n.getUILanguage()),
    phoneFormat: settings.phoneFormat,
    bookMode: settings.bookMode,
    udid,
    notifications: settings.notifications,
    sendNames: settings.sendNames,
    // Asked for and granted: without the scope every listing would be refused.
    includeOther: settings.includeOther && !!google?.scopes.includes(SCOPE_OTHER_CONTACTS),
    consented: consentCovers(consent, consentTarget(account, google, settings)),
    destination: accountDestination(account),
  };
}
