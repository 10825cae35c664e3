import { describe, expect, it } from 'vitest';
import { bookStateOf, type LegacyBookKeys } from '@/lib/db/book-state-upgrade';
import type { BookState } from '@/lib/db/book-state';

describe("the loose keys of versions 1 to 6 as one state (version 7's upgrade)", () => {
  const cases: { title: string; keys: LegacyBookKeys; state: BookState }[] = [
    {
      title: 'none: an account nothing was uploaded to',
      keys: {},
      state: { checks: 0, ownBook: 'unstarted', namesSent: true, outbox: { kind: 'everything' } },
    },
    {
      title: 'a started own book, names withheld, a clean outbox',
      keys: {
        checks: 4,
        ownBookStarted: true,
        reuploadRequested: false,
        namesSent: false,
        outbox: { book: 'udid-1', phones: [] },
      },
      state: {
        checks: 4,
        ownBook: 'started',
        namesSent: false,
        outbox: { kind: 'changed', book: 'udid-1', phones: [] },
      },
    },
    {
      title: 'a re-upload asked of a started book',
      keys: { checks: 1, ownBookStarted: true, reuploadRequested: true },
      state: {
        checks: 1,
        ownBook: 'reupload-requested',
        namesSent: true,
        outbox: { kind: 'everything' },
      },
    },
    {
      title: 'a re-upload asked after a removal (the book is forced either way)',
      keys: {
        ownBookStarted: false,
        reuploadRequested: true,
        outbox: { book: 'global', phones: ['1'] },
      },
      state: {
        checks: 0,
        ownBook: 'reupload-requested',
        namesSent: true,
        outbox: { kind: 'changed', book: 'global', phones: ['1'] },
      },
    },
    {
      title: 'a book emptied by a removal',
      keys: { checks: 0, ownBookStarted: false },
      state: { checks: 0, ownBook: 'unstarted', namesSent: true, outbox: { kind: 'everything' } },
    },
  ];

  it.each(cases)('$title', ({ keys, state }) => {
    expect(bookStateOf(keys)).toEqual(state);
  });
});
