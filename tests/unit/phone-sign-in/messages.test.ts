import { describe, expect, it } from 'vitest';
import { errorMessage, pickLanguage, say, type MessageKey } from '@/phone-sign-in/messages';
import { displayNumber, formatAsTyped, toE164 } from '@/phone-sign-in/phone-number';

describe('the page in the browser language', () => {
  it.each([
    [['de-DE', 'en'], 'de'],
    [['de'], 'de'],
    [['fr-FR', 'de-AT'], 'de'],
    [['en-GB', 'de'], 'en'],
    [['fr', 'es'], 'en'],
    [[], 'en'],
  ] as const)('%j speaks %s', (preferred, language) => {
    expect(pickLanguage(preferred)).toBe(language);
  });

  it('fills placeholders', () => {
    expect(say('en', 'sendAgainIn', { seconds: 12 })).toBe('Send again in 12 s');
    expect(say('de', 'codeSent', { phone: '+49 151 23456789' })).toBe(
      'Wir haben einen Code an +49 151 23456789 gesendet.',
    );
  });

  it('keeps the accessible names a person expects', () => {
    const names: MessageKey[] = ['phone', 'sendCode', 'code', 'signIn'];
    expect(names.map((key) => say('en', key))).toEqual([
      'Phone number',
      'Send code',
      'Code',
      'Sign in',
    ]);
  });
});

describe('Firebase errors in words', () => {
  it.each([
    ['auth/invalid-phone-number', 'invalidNumber'],
    ['auth/invalid-verification-code', 'wrongCode'],
    ['auth/code-expired', 'codeExpired'],
    ['auth/too-many-requests', 'tooMany'],
    ['auth/quota-exceeded', 'tooMany'],
    ['auth/network-request-failed', 'network'],
    ['auth/captcha-check-failed', 'captcha'],
    ['auth/operation-not-allowed', 'unavailable'],
    ['auth/unauthorized-domain', 'unavailable'],
    ['auth/user-disabled', 'disabled'],
    ['auth/internal-error', 'unknown'],
    ['', 'unknown'],
  ])('%s is "%s"', (code, key) => {
    expect(errorMessage(code)).toBe(key);
  });

  it('names the code of an unknown error', () => {
    expect(say('en', 'unknown', { code: 'auth/internal-error' })).toBe(
      'Something went wrong (auth/internal-error). Try again.',
    );
  });
});

describe('the number as typed', () => {
  it('formats for the chosen country, and a leading + picks the country', () => {
    expect(formatAsTyped('4155550100', 'US')).toEqual({ text: '(415) 555-0100', country: 'US' });
    expect(formatAsTyped('015123456789', 'DE').text).toBe('01512 3456789');
    expect(formatAsTyped('+44 20 7946 0958', 'US')).toEqual({
      text: '+44 20 7946 0958',
      country: 'GB',
    });
    // 07911 is also Guernsey's: a national number keeps the country chosen.
    expect(formatAsTyped('07911 123456', 'GB')).toEqual({ text: '07911 123456', country: 'GB' });
  });

  it('reads a valid number as E.164, nothing else', () => {
    expect(toE164('(415) 555-0100', 'US')).toBe('+14155550100');
    expect(toE164('07911 123456', 'GB')).toBe('+447911123456');
    expect(toE164('+49 1512 3456789', 'US')).toBe('+4915123456789');
    expect(toE164('415 555', 'US')).toBeUndefined();
    expect(toE164('hello', 'US')).toBeUndefined();
    expect(displayNumber('+14155550100')).toBe('+1 415 555 0100');
  });
});
