import { storage } from '#imports';
import type { PhoneFormat } from './contacts/types.ts';
import type { CubeAccount } from './connectycube/types.ts';
import type { GoogleAccount } from './google/auth.ts';
import type { ConsentRecord } from './background/consent.ts';
import type { PushRegistration } from './background/push-subscription.ts';

/** User settings (options page "Sync settings"). */
export interface UserSettings {
  /** Minutes between automatic syncs. */
  intervalMinutes: number;
  /** 'own': this browser's own book (a udid); 'global': the book shared with the phone app. */
  bookMode: 'own' | 'global';
  /** ISO 3166 country for numbers written without a country code; empty = from the browser locale. */
  defaultCountry: string;
  phoneFormat: PhoneFormat;
  notifications: boolean;
  includeOther: boolean;
  /** Opens a chat from the popup: `{id}` and `{phone}` are replaced. Empty: copy the phone. */
  chatLinkTemplate: string;
  /**
   * Upload the contacts' names with their numbers. Off ("names-free"): each entry is uploaded with
   * its number as its name, and the names never leave the browser.
   */
  sendNames: boolean;
}

export const DEFAULT_SETTINGS: UserSettings = {
  intervalMinutes: 15,
  bookMode: 'own',
  defaultCountry: '',
  phoneFormat: 'international-digits',
  notifications: true,
  includeOther: false,
  chatLinkTemplate: '',
  sendNames: true,
};

/** The user's choices. */
export const settingsItem = storage.defineItem<UserSettings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
});

/** Google token and its expiry; credentials live only in storage.local, never in logs or sync. */
export const googleAccountItem = storage.defineItem<GoogleAccount | null>('local:googleAccount', {
  fallback: null,
});

/** ConnectyCube credentials and session token (needed to renew the session unattended). */
export const cubeAccountItem = storage.defineItem<CubeAccount | null>('local:cubeAccount', {
  fallback: null,
});

/**
 * The user agreed to upload their address book to one destination (options "Consent"); cleared by
 * sign-out and "Remove". Read through consentCovers(): a record for another destination (or of an
 * older version) is no consent.
 */
export const consentItem = storage.defineItem<ConsentRecord | null>('local:consent', {
  fallback: null,
});

/** This installation's own address book id: stable, ≤ 64 characters, generated once. */
export const udidItem = storage.defineItem<string>('local:udid', {
  init: () => `cube-contacts-${crypto.randomUUID()}`,
});

/**
 * Where this device's "contact joined" push subscription is registered (push-subscription.ts), so
 * a change of account, app, server or book deletes it. Null: not known (older versions kept none).
 */
export const pushRegistrationItem = storage.defineItem<PushRegistration | null>(
  'local:pushRegistration',
  { fallback: null },
);

export async function readSettings(): Promise<UserSettings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

/**
 * The user a clicked "contact joined" notification is about: the popup shows them first, then
 * clears it. In storage.session: it means nothing after the browser restarts.
 */
export const focusUserItem = storage.defineItem<number | null>('session:focusUser', {
  fallback: null,
});
