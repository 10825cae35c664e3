import { describe, expect, it } from 'vitest';
import { compareBook } from '@/lib/sync/book-compare';

const book = (...pairs: [string, string][]) => new Map(pairs);

describe('a book on the server against what is expected in it', () => {
  it.each([
    {
      name: 'the same book: no difference',
      server: book(['+1', 'Ann']),
      expected: book(['+1', 'Ann']),
      own: true,
      found: { missing: [], renamed: [], extra: [] },
    },
    {
      name: 'missing, renamed and extra in the own book',
      server: book(['+1', 'Ann'], ['+2', 'Bobby'], ['+9', 'Stranger']),
      expected: book(['+1', 'Ann'], ['+2', 'Bob'], ['+3', 'Cy']),
      own: true,
      found: { missing: ['+3'], renamed: ['+2'], extra: ['+9'] },
    },
    {
      name: "the shared book holds the phone app's entries: nothing in it is extra",
      server: book(['+1', 'Ann'], ['+9', 'Stranger']),
      expected: book(['+1', 'A.']),
      own: false,
      found: { missing: [], renamed: ['+1'], extra: [] },
    },
  ])('$name', ({ server, expected, own, found }) => {
    expect(compareBook(server, expected, own)).toEqual(found);
  });

  it('a known phone that is not expected is not extra', () => {
    const found = compareBook(book(['+1', 'Ann'], ['+2', 'Bob']), book(), true, new Set(['+2']));
    expect(found).toEqual({ missing: [], renamed: [], extra: ['+1'] });
  });
});
