/** How a book on the server differs from what the extension expects in it (phones). */
export interface BookDifference {
  /** Expected, not on the server. */
  missing: string[];
  /** On the server under another name than expected. */
  renamed: string[];
  /** On the server, not known: only in the own book, where every entry is the extension's. */
  extra: string[];
}

/**
 * Compares the server's book (phone → name) with what is expected in it. `known`: the phones that
 * are not extra even when not expected (by default the expected ones). The shared book holds the
 * phone app's entries too, so nothing in it is extra.
 */
export function compareBook(
  server: ReadonlyMap<string, string>,
  expected: ReadonlyMap<string, string>,
  ownBook: boolean,
  known: { has(phone: string): boolean } = expected,
): BookDifference {
  const missing: string[] = [];
  const renamed: string[] = [];
  for (const [phone, name] of expected) {
    const onServer = server.get(phone);
    if (onServer === undefined) missing.push(phone);
    else if (onServer !== name) renamed.push(phone);
  }
  const extra = ownBook ? [...server.keys()].filter((phone) => !known.has(phone)) : [];
  return { missing, renamed, extra };
}
