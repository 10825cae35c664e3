import { isSupportedCountry } from 'libphonenumber-js/min';

/** Used when the locale names no usable country; a settings default the user can change. */
export const FALLBACK_COUNTRY = 'US';

/**
 * A first guess at the default phone country from a browser locale (`navigator.language`,
 * `i18n.getUILanguage()`):
 * 1. the locale's own region when libphonenumber knows it ('en-GB' -> 'GB', 'uk-UA' -> 'UA');
 * 2. otherwise the language's most likely region per CLDR likely subtags ('de' -> 'DE',
 *    'uk' -> 'UA', 'en' -> 'US'; 'es-419' has no country region and becomes 'ES');
 * 3. otherwise FALLBACK_COUNTRY. Never throws.
 */
export function defaultCountryFromLocale(locale: string): string {
  try {
    const parsed = new Intl.Locale(locale.trim().replace(/_/g, '-'));
    if (parsed.region && isSupportedCountry(parsed.region)) return parsed.region;
    const likely = new Intl.Locale(parsed.language).maximize().region;
    if (likely && isSupportedCountry(likely)) return likely;
  } catch {
    // Not a BCP 47 tag (empty, garbage): use the fallback.
  }
  return FALLBACK_COUNTRY;
}
