// Google, when a token is given: one People page and `people/me`, by the extension's own code.
import { fetchAccountIdentity } from '../google/account.ts';
import { GoogleApiError, PeopleQuotaError } from '../google/errors.ts';
import { createPeopleClient } from '../google/people-client.ts';
import { commonAdvice, describe } from './advice.ts';
import type { CheckContext, Step } from './types.ts';

const needsToken = (ctx: CheckContext): string | null =>
  ctx.input.live.googleToken ? null : 'LIVE_GOOGLE_TOKEN not given';

const TOKEN_REFUSED = 'LIVE_GOOGLE_TOKEN is refused: access tokens last an hour, get a fresh one';

function adviseGoogle(error: unknown): string {
  if (error instanceof PeopleQuotaError)
    return 'the People API quota is used up for this minute: run again later, or raise the quota in the Google Cloud console';
  if (error instanceof GoogleApiError && error.status === 401) return TOKEN_REFUSED;
  if (error instanceof GoogleApiError && error.status === 403)
    return 'forbidden: enable the People API in the Google Cloud project of WXT_GOOGLE_CLIENT_ID, and use a token with the contacts.readonly scope';
  return commonAdvice(error, 'google') ?? `unexpected: ${describe(error)}`;
}

export const peoplePageStep: Step = {
  id: 'google-page',
  title: 'Google People page',
  phase: 'main',
  required: () => true,
  skip: needsToken,
  async run(ctx) {
    const token = ctx.input.live.googleToken;
    const people = createPeopleClient({
      apiUrl: ctx.input.config.googleApiUrl,
      // A given token: nothing to renew it with, so a 401 is the answer.
      tokens: { token: async () => token, invalidate: async () => undefined },
      net: ctx.net,
    });
    const page = await people.list({ source: 'contact' });
    const detail = `${page.people.length} people${page.dropped ? ` (${page.dropped} malformed)` : ''}, ${
      page.nextPageToken ? 'a next page' : page.nextSyncToken ? 'a sync token' : 'no sync token'
    }`;
    if (!page.nextPageToken && !page.nextSyncToken)
      return {
        outcome: 'fail',
        detail,
        advice:
          'the last page has no nextSyncToken: every sync would list all contacts again; check WXT_GOOGLE_API_URL is the People API',
      };
    return { outcome: 'pass', detail };
  },
  advise: adviseGoogle,
};

export const peopleMeStep: Step = {
  id: 'google-me',
  title: 'Google people/me',
  phase: 'main',
  required: () => true,
  skip: needsToken,
  async run(ctx) {
    const identity = await fetchAccountIdentity(
      ctx.input.config.googleApiUrl,
      ctx.input.live.googleToken,
      ctx.net,
    );
    if (!identity.id) {
      const status = ctx.requests().at(-1)?.status;
      return {
        outcome: 'fail',
        detail: 'no People id for the account',
        advice:
          status === 401
            ? TOKEN_REFUSED
            : status === 403
              ? 'forbidden: the token needs the contacts.readonly scope (and the People API enabled)'
              : 'people/me did not name the account: consent is bound to it, so the extension could not ask for it',
      };
    }
    return {
      outcome: 'pass',
      detail: `a People id${identity.email ? ' and an email' : ' (no email: the token lacks the email scope)'}`,
    };
  },
  advise: adviseGoogle,
};
