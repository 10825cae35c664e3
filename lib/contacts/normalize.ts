/**
 * Phone normalisation: whatever a person typed into Google Contacts -> the one string the
 * ConnectyCube address book matches on.
 *
 * Metadata: `libphonenumber-js/min` (~80 kB). It carries the possible lengths, national prefixes and
 * formats of every country, which is all `isPossible()` and formatting need. `/max` (~145 kB) only
 * adds the per-range regular expressions behind `isValid()`/`getType()`, which we deliberately do
 * not rely on (see `interpret`), so it would be bundle weight for nothing.
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/min';
import type { EntrySettings, NormalizeResult, PhoneFormat, RawPhone, SkipReason } from './types.ts';

/** The server refuses phones outside 10..15 characters (the formatted string, `+` included). */
export const PHONE_MIN_LENGTH = 10;
export const PHONE_MAX_LENGTH = 15;

/** `00` written as the international prefix, possibly after an opening parenthesis or spaces. */
const LEADING_00 = /^[\s(]*00/;

/** The default country as libphonenumber knows it; unknown codes mean "no default country". */
export function supportedCountry(code: string): CountryCode | undefined {
  const upper = code.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

function parse(text: string, country: CountryCode | undefined): PhoneNumber | undefined {
  try {
    // extract: false — the whole text must be the number (extensions allowed). Extracting a number
    // out of free text ("Mom: 555… or 555…") would silently pick one of several.
    return parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
  } catch {
    return undefined;
  }
}

/**
 * Reads `text` as a phone number. Acceptance is `isPossible()` (length for the country), not
 * `isValid()`: contact lists are full of numbers from ranges allocated after the metadata was built,
 * and a stale bundle would silently drop them. A wrong-but-possible number costs one useless
 * address-book row; a dropped real one costs a missed match.
 *
 * `00` is the international prefix in most of the world but not in the default country's rules
 * everywhere (US dials 011): when the text starts with `00` and the default-country reading is not
 * a valid number, the `+` reading is the one used (and explained if it fails). Countries whose own prefix is `00` read
 * both the same way, and others (AU `0011`) keep their own prefix because that reading is valid.
 */
function interpret(
  text: string,
  country: CountryCode | undefined,
): { number?: PhoneNumber; text: string } {
  const asIs = parse(text, country);
  if (LEADING_00.test(text) && !asIs?.isValid()) {
    const plusText = text.replace(LEADING_00, '+');
    const plus = parse(plusText, country);
    return plus?.isPossible() ? { number: plus, text: plusText } : { text: plusText };
  }
  return asIs?.isPossible() ? { number: asIs, text } : { text };
}

function failure(reason: SkipReason, detail: string): NormalizeResult {
  return { ok: false, reason, detail };
}

/** Turns libphonenumber's length verdict into a reason the user can act on. */
function explain(text: string, country: CountryCode | undefined): NormalizeResult {
  const code = parse(text, country)?.countryCallingCode;
  const kind = code ? ` for a +${code} number` : '';
  let verdict: ReturnType<typeof validatePhoneNumberLength>;
  try {
    verdict = validatePhoneNumberLength(text, { defaultCountry: country });
  } catch {
    verdict = 'NOT_A_NUMBER';
  }
  switch (verdict) {
    case 'TOO_SHORT':
      return failure('too-short', `Too few digits${kind}`);
    case 'TOO_LONG':
      return failure('too-long', `Too many digits${kind}`);
    case 'INVALID_LENGTH':
      return failure('invalid-number', `Wrong number of digits${kind}`);
    case 'INVALID_COUNTRY':
      return failure(
        'invalid-number',
        text.trimStart().startsWith('+')
          ? 'Unknown country code'
          : 'No country code, and no default country to assume',
      );
    default:
      return failure(
        'invalid-number',
        /\p{L}/u.test(text) ? 'Contains letters, not only a phone number' : 'Not a phone number',
      );
  }
}

function format(number: PhoneNumber, phoneFormat: PhoneFormat): string {
  // countryCallingCode + nationalNumber; the extension is dropped: the server matches the number.
  const digits = number.number.slice(1);
  return phoneFormat === 'e164' ? `+${digits}` : digits;
}

function normalizeText(
  input: string,
  country: CountryCode | undefined,
  phoneFormat: PhoneFormat,
): NormalizeResult {
  const text = input.trim().replace(/^tel:/i, '');
  if (text.trim() === '') return failure('no-phone', 'The phone number is empty');
  const { number, text: read } = interpret(text, country);
  if (!number) return explain(read, country);
  const phone = format(number, phoneFormat);
  if (phone.length < PHONE_MIN_LENGTH) {
    return failure(
      'too-short',
      `The address book needs ${PHONE_MIN_LENGTH} to ${PHONE_MAX_LENGTH} characters; ${phone} has ${phone.length}`,
    );
  }
  if (phone.length > PHONE_MAX_LENGTH) {
    return failure(
      'too-long',
      `The address book needs ${PHONE_MIN_LENGTH} to ${PHONE_MAX_LENGTH} characters; ${phone} has ${phone.length}`,
    );
  }
  return { ok: true, phone };
}

/**
 * One raw phone -> the address-book phone, or why it is skipped. Google's `canonicalForm` is
 * preferred: Google parsed it with the account's region, which knows more than our default. When
 * it is absent or unusable, `value` is read with `settings.defaultCountry`. Never throws.
 */
export function normalizePhone(raw: RawPhone, settings: EntrySettings): NormalizeResult {
  const country = supportedCountry(settings.defaultCountry);
  if (raw.canonicalForm) {
    const canonical = normalizeText(raw.canonicalForm, country, settings.phoneFormat);
    if (canonical.ok) return canonical;
  }
  return normalizeText(raw.value, country, settings.phoneFormat);
}

/**
 * A normalised phone (either format) for people to read: national format when it shares the
 * default country's calling code (dialable as written there, e.g. US and CA under +1), otherwise
 * international. Returns the input unchanged if it cannot be read.
 */
export function formatForDisplay(phone: string, defaultCountry: string): string {
  const number = parse(phone.startsWith('+') ? phone : `+${phone}`, undefined);
  if (!number) return phone;
  const country = supportedCountry(defaultCountry);
  const home =
    country !== undefined && number.countryCallingCode === getCountryCallingCode(country);
  return home ? number.formatNational() : number.formatInternational();
}
