import type { ServerBookReport } from '../messaging/protocol.ts';
import { readSettings, udidItem } from '../settings.ts';
import { compareBook } from '../sync/book-compare.ts';
import { currentBook, GLOBAL_BOOK, udidOf } from '../sync/books.ts';
import { serverName } from '../sync/names.ts';
import { markJoinsSeen, refreshBadge } from '../sync/registered.ts';
import type { Handlers, ServiceContext } from './service.ts';

/** The book on the server and who in it uses the app: what is there, and joins seen. */
export function bookHandlers(ctx: ServiceContext): Pick<Handlers, 'serverBook' | 'markSeen'> {
  const { db, cube } = ctx;
  return {
    async serverBook(): Promise<ServerBookReport> {
      const settings = await readSettings();
      const book = currentBook({ settings: { ...settings, udid: await udidItem.getValue() } });
      const { items: server } = await cube.book(udidOf(book));
      // Compared under the names they are uploaded with (the numbers, names-free).
      const entries = new Map(
        (await db.entries.toArray()).map((e) => [e.phone, serverName(e, settings.sendNames)]),
      );
      const found = compareBook(
        new Map(server.map((c) => [c.phone, c.name])),
        entries,
        book !== GLOBAL_BOOK,
      );
      return {
        readAt: ctx.now(),
        entries: server,
        serverCount: server.length,
        expectedCount: entries.size,
        missing: found.missing,
        unexpected: found.extra,
        renamed: found.renamed,
      };
    },
    async markSeen() {
      await markJoinsSeen(db);
      await refreshBadge(ctx);
      return null;
    },
  };
}
