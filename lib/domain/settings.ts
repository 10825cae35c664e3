// The user's choices as every layer reads them: the settings store (lib/settings.ts) keeps them, the
// protocol carries them, the engine syncs by them.

/** `international-digits`: 380665787842 (the server's documented form); `e164`: +380665787842. */
export type PhoneFormat = 'international-digits' | 'e164';

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
