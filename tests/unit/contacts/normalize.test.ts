import { describe, expect, it } from 'vitest';
import { formatForDisplay, normalizePhone } from '../../../lib/contacts/normalize.ts';
import type { EntrySettings, RawPhone, SkipReason } from '../../../lib/contacts/types.ts';

function settings(
  defaultCountry: string,
  phoneFormat: EntrySettings['phoneFormat'] = 'international-digits',
): EntrySettings {
  return { defaultCountry, phoneFormat };
}

describe('normalizePhone accepts', () => {
  it.each<[string, string, string, string]>([
    ['national, US punctuation', '(212) 555-0123', 'US', '12125550123'],
    ['dots as separators', '212.555.0123', 'US', '12125550123'],
    ['surrounding spaces', '  +1 212 555 0123  ', 'US', '12125550123'],
    ['full-width digits', '２１２５５５０１２３', 'US', '12125550123'],
    ['+ international', '+44 20 7946 0958', 'US', '442079460958'],
    ['+ with (0) trunk prefix', '+44 (0)20 7946 0958', 'US', '442079460958'],
    ['00 prefix where the country dials 011', '0044 20 7946 0958', 'US', '442079460958'],
    ['00 prefix after a parenthesis', '(0044) 20 7946 0958', 'US', '442079460958'],
    ['00 prefix where the country dials 00', '00 380 66 578 7842', 'UA', '380665787842'],
    ['00 prefix, number not possible in US', '0049 30 12345678', 'US', '493012345678'],
    ['011 prefix from the US', '011 44 20 7946 0958', 'US', '442079460958'],
    ['0011 prefix from Australia', '0011 44 20 7946 0958', 'AU', '442079460958'],
    ['national with trunk 0', '066 578 7842', 'UA', '380665787842'],
    ['national with trunk 8', '8 (800) 555-35-35', 'RU', '78005553535'],
    ['Italian leading zero kept', '06 1234 5678', 'IT', '390612345678'],
    ['extension x', '212-555-0123 x123', 'US', '12125550123'],
    ['extension ext.', '212-555-0123 ext. 123', 'US', '12125550123'],
    ['extension ;ext=', '+1 212 555 0123;ext=44', 'US', '12125550123'],
    ['extension #', '+1 212 555 0123 #7', 'US', '12125550123'],
    ['tel: URI', 'tel:+1-212-555-0123', 'US', '12125550123'],
    ['possible but not valid (unknown range kept)', '(187) 910-8395', 'US', '11879108395'],
    ['lower-case default country', '(212) 555-0123', 'us', '12125550123'],
    ['exactly 10 characters', '+354 123 4567', 'US', '3541234567'],
    ['exactly 15 characters', '+49 3012345678901', 'US', '493012345678901'],
  ])('%s: %s (%s) -> %s', (_, value, country, phone) => {
    expect(normalizePhone({ value }, settings(country))).toEqual({ ok: true, phone });
  });
});

describe('normalizePhone skips', () => {
  it.each<[string, string, string, SkipReason, RegExp]>([
    ['empty', '', 'US', 'no-phone', /empty/],
    ['blank', '   ', 'US', 'no-phone', /empty/],
    ['vanity letters', '1-800-FLOWERS', 'US', 'invalid-number', /letters/],
    ['a trailing word', '+1 (212) 555-0123 home', 'US', 'invalid-number', /letters/],
    [
      'two numbers in a note',
      'Mom: 212 555 0123 or 212 555 9999',
      'US',
      'invalid-number',
      /letters/,
    ],
    ['words only', 'call me maybe', 'US', 'invalid-number', /letters/],
    ['punctuation only', '--', 'US', 'invalid-number', /Not a phone number/],
    ['double plus', '++1 212 555 0123', 'US', 'invalid-number', /Not a phone number/],
    ['unknown country code', '+999 123456', 'US', 'invalid-number', /Unknown country code/],
    ['national without a default country', '2125550123', 'XX', 'invalid-number', /No country code/],
    ['too short for the country', '555-1234', 'US', 'too-short', /Too few digits for a \+1 number/],
    [
      'too long for the country',
      '+1 212 555 01234567',
      'US',
      'too-long',
      /Too many digits for a \+1 number/,
    ],
    ['00 number too short either way', '0044 20 79', 'US', 'too-short', /\+44/],
    ['possible, but under 10 characters', '+376 312 345', 'US', 'too-short', /376312345 has 9/],
    ['possible, but over 15 characters', '+49 30 1234567890123', 'US', 'too-long', /has 17/],
  ])('%s: %s (%s) -> %s', (_, value, country, reason, detail) => {
    const result = normalizePhone({ value }, settings(country));
    expect(result).toMatchObject({ ok: false, reason });
    expect(result.ok ? '' : result.detail).toMatch(detail);
  });
});

describe('normalizePhone formats', () => {
  it.each<[string, string, EntrySettings['phoneFormat'], ReturnType<typeof normalizePhone>]>([
    [
      'digits by default',
      '(212) 555-0123',
      'international-digits',
      { ok: true, phone: '12125550123' },
    ],
    ['e164 keeps the plus', '(212) 555-0123', 'e164', { ok: true, phone: '+12125550123' }],
    [
      '10 digits are 11 characters in e164',
      '+354 123 4567',
      'e164',
      { ok: true, phone: '+3541234567' },
    ],
    ['14 digits fit e164', '+49 301234567890', 'e164', { ok: true, phone: '+49301234567890' }],
    [
      '15 digits are 16 characters in e164',
      '+49 3012345678901',
      'e164',
      { ok: false, reason: 'too-long', detail: expect.stringMatching(/has 16/) },
    ],
    [
      '9 digits are 10 characters in e164',
      '+376 312 345',
      'e164',
      { ok: true, phone: '+376312345' },
    ],
  ])('%s', (_, value, phoneFormat, expected) => {
    expect(normalizePhone({ value }, settings('US', phoneFormat))).toEqual(expected);
  });
});

describe('normalizePhone and canonicalForm', () => {
  it.each<[string, RawPhone, string, ReturnType<typeof normalizePhone>]>([
    [
      'canonicalForm wins over an unreadable value',
      { value: '555 0123 (office)', canonicalForm: '+12125550123' },
      'US',
      { ok: true, phone: '12125550123' },
    ],
    [
      'canonicalForm wins over the default country',
      { value: '020 7946 0958', canonicalForm: '+442079460958' },
      'US',
      { ok: true, phone: '442079460958' },
    ],
    [
      'unusable canonicalForm falls back to value',
      { value: '(212) 555-0123', canonicalForm: '+999123' },
      'US',
      { ok: true, phone: '12125550123' },
    ],
    [
      'empty canonicalForm is ignored',
      { value: '(212) 555-0123', canonicalForm: '' },
      'US',
      { ok: true, phone: '12125550123' },
    ],
    [
      'both unusable: the value explains',
      { value: 'ask reception', canonicalForm: '+999123' },
      'US',
      { ok: false, reason: 'invalid-number', detail: expect.stringMatching(/letters/) },
    ],
  ])('%s', (_, raw, country, expected) => {
    expect(normalizePhone(raw, settings(country))).toEqual(expected);
  });
});

describe('formatForDisplay', () => {
  it.each<[string, string, string]>([
    ['12125550123', 'US', '(212) 555-0123'],
    ['+12125550123', 'US', '(212) 555-0123'],
    ['16135550123', 'US', '(613) 555-0123'], // Canada shares +1: dialable as written
    ['442079460958', 'US', '+44 20 7946 0958'],
    ['442079460958', 'GB', '020 7946 0958'],
    ['380665787842', 'UA', '066 578 7842'],
    ['380665787842', 'ua', '066 578 7842'],
    ['12125550123', 'XX', '+1 212 555 0123'],
    ['garbage', 'US', 'garbage'],
    ['', 'US', ''],
  ])('%s in %s -> %s', (phone, country, shown) => {
    expect(formatForDisplay(phone, country)).toBe(shown);
  });
});
