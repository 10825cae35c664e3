// The number as the person types it: formatted for the chosen country as they go (libphonenumber's
// AsYouType), a leading `+` picking the country itself, and read as E.164 for Firebase.

import {
  AsYouType,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/min';

/**
 * The typed text formatted, and the country: the one a `+…` number names, else the chosen one (a
 * national number never moves the selector, even where numbering plans are shared).
 */
export function formatAsTyped(text: string, country: string): { text: string; country: string } {
  const typer = new AsYouType(country as CountryCode);
  const formatted = typer.input(text);
  const named = text.trim().startsWith('+') ? typer.getCountry() : undefined;
  return { text: formatted, country: named ?? country };
}

/** The number in E.164 (`+14155550100`), or undefined when it is not valid for the country. */
export function toE164(text: string, country: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text, country as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** The number as people read it: `+1 415 555 0100`. */
export function displayNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** "+49" for DE; empty when libphonenumber does not know the country. */
export function callingCode(country: string): string {
  try {
    return `+${getCountryCallingCode(country as CountryCode)}`;
  } catch {
    return '';
  }
}
