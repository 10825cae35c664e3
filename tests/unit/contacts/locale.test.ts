import { describe, expect, it } from 'vitest';
import { defaultCountryFromLocale } from '../../../lib/contacts/locale.ts';

describe('defaultCountryFromLocale', () => {
  it.each<[string, string]>([
    ['en-US', 'US'],
    ['en-GB', 'GB'],
    ['uk-UA', 'UA'],
    ['en_AU', 'AU'],
    ['pt-BR', 'BR'],
    ['zh-Hant-TW', 'TW'],
    ['en', 'US'],
    ['de', 'DE'],
    ['uk', 'UA'],
    ['fr', 'FR'],
    ['ja', 'JP'],
    ['es-419', 'ES'],
    ['', 'US'],
    ['not a locale!', 'US'],
  ])('%j -> %s', (locale, country) => {
    expect(defaultCountryFromLocale(locale)).toBe(country);
  });
});
