import type { PhaseContext } from './context.ts';

export const GLOBAL_BOOK = 'global';

/** The book in use: the own book is keyed by this installation's udid. */
export function currentBook(ctx: Pick<PhaseContext, 'settings'>): string {
  return ctx.settings.bookMode === 'own' ? ctx.settings.udid : GLOBAL_BOOK;
}

export function udidOf(book: string): string | undefined {
  return book === GLOBAL_BOOK ? undefined : book;
}
