import { getCountries } from 'libphonenumber-js/min';

/** The countries libphonenumber knows, named in the browser's language, sorted by name. */
export function countryOptions(language: string): { code: string; name: string }[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([language, 'en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  return getCountries()
    .map((code) => ({ code: code as string, name: names?.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
}
