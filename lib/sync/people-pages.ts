import { projectPhones, type PersonProjection } from '../contacts/entries.ts';
import type { ListingCursor } from '../db/meta.ts';
import type { PhaseContext } from './context.ts';
import type { PeoplePage, PeoplePageRequest, PeopleSource } from './ports.ts';

/**
 * A page of a listing, and for a first listing its people already projected: every one of them
 * is new, so each needs its projection (lib/contacts/entries.ts, ~23 ms a page of 1,000 here).
 */
export interface ListedPage {
  page: PeoplePage;
  projections?: ReadonlyMap<string, PersonProjection>;
}

/** The request for the page `cursor` stands at. */
function requestOf(
  source: PeopleSource,
  cursor: Pick<ListingCursor, 'mode' | 'pageToken' | 'syncToken'>,
): PeoplePageRequest {
  return {
    source,
    ...(cursor.pageToken ? { pageToken: cursor.pageToken } : {}),
    ...(cursor.mode === 'incremental' && cursor.syncToken ? { syncToken: cursor.syncToken } : {}),
  };
}

const sameRequest = (a: PeoplePageRequest, b: PeoplePageRequest): boolean =>
  a.source === b.source && a.pageToken === b.pageToken && a.syncToken === b.syncToken;

/**
 * Reads a listing's pages, the next one asked for while this one is stored: Google's answer and
 * the database's writes take about as long each (~50 ms a page of 1,000 here), so a listing costs
 * the longer of the two, not their sum. A first listing's next page is projected as soon as it
 * comes, while this one's transaction commits. Only the next page token is known in advance; the
 * page asked ahead is used only if the cursor stored with this page names the same request.
 */
export class PageReader {
  private ahead: { request: PeoplePageRequest; listed: Promise<ListedPage> } | undefined;

  constructor(
    private readonly ctx: PhaseContext,
    private readonly source: PeopleSource,
  ) {}

  /** The page `cursor` stands at (the one asked ahead, if it is that request). */
  read(cursor: ListingCursor): Promise<ListedPage> {
    const request = requestOf(this.source, cursor);
    const ahead = this.ahead;
    this.ahead = undefined;
    if (ahead && sameRequest(ahead.request, request)) return ahead.listed;
    return this.ctx.people.list(request, this.ctx.signal).then((page) => ({ page }));
  }

  /** Asks now for the page after `pageToken` of the listing `cursor` describes. */
  askAhead(cursor: ListingCursor, pageToken: string): void {
    const { ctx } = this;
    const request = requestOf(this.source, { ...cursor, pageToken });
    const project = cursor.fresh === true;
    const listed = ctx.people.list(request, ctx.signal).then((page) => {
      if (!project) return { page };
      const projections = new Map<string, PersonProjection>();
      for (const change of page.people)
        if (change.kind === 'person')
          projections.set(change.person.resourceName, projectPhones(change.person, ctx.settings));
      return { page, projections };
    });
    // Its failure is met when it is read; a run that stops first never reads it.
    listed.catch(() => undefined);
    this.ahead = { request, listed };
  }
}
