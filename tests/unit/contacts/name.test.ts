import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chooseName,
  cleanName,
  NAME_MAX_LENGTH,
  truncateName,
} from '../../../lib/contacts/name.ts';
import type { NameCandidate } from '../../../lib/contacts/types.ts';

const a = (n: number): string => 'a'.repeat(n);
/** A lone surrogate means a pair was split. */
const LONE_SURROGATE = /\p{Cs}/u;

describe('truncateName', () => {
  it.each<[string, string, string]>([
    ['short names are kept', 'Alice', 'Alice'],
    ['exactly 255 is kept', a(255), a(255)],
    ['plain ASCII is cut at 255', a(300), a(255)],
    ['emoji ending exactly at 255 is kept', a(253) + '😀', a(253) + '😀'],
    ['emoji across the boundary is dropped whole', a(254) + '😀', a(254)],
    ['ZWJ family across the boundary is dropped whole', a(250) + '👨‍👩‍👧' + a(10), a(250)],
    ['flag across the boundary is dropped whole', a(253) + '🇺🇦', a(253)],
    ['combining accent stays with its letter', a(254) + 'e\u0301', a(254)],
    ['skin tone stays with its hand', a(252) + '👋🏽', a(252)],
    ['trailing space left by the cut is trimmed', a(250) + '     bbbbbbbbbb', a(250)],
  ])('%s', (_, input, expected) => {
    const result = truncateName(input);
    expect(result).toBe(expected);
    expect(result).not.toMatch(LONE_SURROGATE);
  });

  it('falls back to code points for a single cluster longer than the limit', () => {
    const zalgo = 'e' + '\u0301'.repeat(300);
    expect(truncateName(zalgo)).toBe('e' + '\u0301'.repeat(254));
  });

  it('never exceeds the limit nor splits a surrogate pair (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const result = truncateName(text);
        expect(result.length).toBeLessThanOrEqual(NAME_MAX_LENGTH);
        expect(text.startsWith(result)).toBe(true);
        if (!LONE_SURROGATE.test(text)) expect(result).not.toMatch(LONE_SURROGATE);
      }),
    );
  });
});

describe('cleanName', () => {
  it.each<[string, string, string]>([
    ['trims', '  Alice  ', 'Alice'],
    ['collapses line breaks and tabs', 'Alice\n\tSmith', 'Alice Smith'],
    ['collapses non-breaking spaces', 'Alice\u00a0\u00a0Smith', 'Alice Smith'],
    ['replaces control characters', 'Alice\u0000Smith', 'Alice Smith'],
    ['composes to NFC', 'Ame\u0301lie', 'Amélie'],
    ['empty stays empty', '', ''],
    ['blank becomes empty', ' \n ', ''],
    ['long names are cut', ' ' + a(300), a(255)],
  ])('%s', (_, input, expected) => {
    expect(cleanName(input)).toBe(expected);
  });
});

describe('chooseName', () => {
  const c = (resourceName: string, name: string): NameCandidate => ({ resourceName, name });
  it.each<[string, NameCandidate[], string]>([
    ['nobody', [], ''],
    ['one', [c('people/c1', 'Bob')], 'Bob'],
    ['smallest name wins', [c('people/c1', 'Bob'), c('people/c2', 'Alice')], 'Alice'],
    ['code-unit order, not locale order', [c('people/c1', 'bob'), c('people/c2', 'Zed')], 'Zed'],
    ['empty names are ignored', [c('people/c1', ''), c('people/c2', 'Zed')], 'Zed'],
    ['all empty', [c('people/c1', ''), c('people/c2', ' ')], ''],
    [
      'a real name beats a phone-like one',
      [c('people/c1', '(212) 555-0123'), c('people/c2', 'Zed')],
      'Zed',
    ],
    [
      'phone-like names when there is nothing else',
      [c('people/c1', '+1 212 555 0123'), c('people/c2', '(212) 555-0123')],
      '(212) 555-0123',
    ],
    [
      'saved contacts beat other contacts',
      [c('otherContacts/c1', 'Alice'), c('people/c2', 'Zed')],
      'Zed',
    ],
    [
      'a named other contact beats an unnamed saved one',
      [c('otherContacts/c1', 'Alice'), c('people/c2', '(212) 555-0123')],
      'Alice',
    ],
  ])('%s', (_, candidates, expected) => {
    expect(chooseName(candidates)).toBe(expected);
    expect(chooseName([...candidates].reverse())).toBe(expected);
  });
});
