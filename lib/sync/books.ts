import { isUdid, MissingUdidError, type SyncSettings } from './ports.ts';

export const GLOBAL_BOOK = 'global';

/**
 * The book in use: the own book is keyed by this installation's udid. An empty udid would name the
 * shared book on the server, so the own book without one is refused (MissingUdidError).
 */
export function currentBook(ctx: { settings: Pick<SyncSettings, 'bookMode' | 'udid'> }): string {
  if (ctx.settings.bookMode !== 'own') return GLOBAL_BOOK;
  const { udid } = ctx.settings;
  if (!isUdid(udid)) throw new MissingUdidError();
  return udid;
}

/** The udid a book is sent under: none for the shared book; a blank one is refused. */
export function udidOf(book: string): string | undefined {
  if (book === GLOBAL_BOOK) return undefined;
  if (!isUdid(book)) throw new MissingUdidError();
  return book;
}
