// `people.get` for `people/me`: the signed-in account's own profile, which is how a client learns
// the connected account's email (`personFields=emailAddresses` with the `email` scope).

import { createHash } from 'node:crypto';
import { permissionDenied, unauthenticated } from './google-errors.ts';
import { parseFieldMask, unknownParam } from './google-listing.ts';
import type { IssuedToken } from './google-oauth.ts';
import { SCOPE_EMAIL, SCOPE_PROFILE } from './google-oauth.ts';
import { PERSON_FIELDS } from './google-people.ts';
import type { ApiResult } from './transport.ts';

const SCOPE_USER_EMAILS = 'https://www.googleapis.com/auth/user.emails.read';

/** Scopes `people.get` accepts (its reference lists these and other `user.*.read` ones). */
const PEOPLE_GET_SCOPES = new Set([
  'https://www.googleapis.com/auth/contacts',
  'https://www.googleapis.com/auth/contacts.readonly',
  'https://www.googleapis.com/auth/directory.readonly',
  SCOPE_USER_EMAILS,
  SCOPE_EMAIL,
  SCOPE_PROFILE,
]);
/** Scopes that let the account's own email addresses through. */
const EMAIL_SCOPES = new Set([SCOPE_EMAIL, SCOPE_USER_EMAILS]);

const DOCS_URL = 'https://developers.google.com/people/api/rest/v1/people/get';

export interface SignedInAccount {
  id: string;
  email: string;
}

/**
 * `GET /v1/people/me`. Like Google: a token with none of the method's scopes is a 403
 * PERMISSION_DENIED, but one that may call the method without the `email` scope (e.g. only
 * `contacts.readonly`) gets a 200 whose person simply has no `emailAddresses` — Google leaves out
 * the fields the token may not see rather than failing. The resourceName is the account's real id
 * (`people/1…`), never `people/me`, as Google answers.
 */
export function getMe(
  token: IssuedToken | undefined,
  account: SignedInAccount,
  params: URLSearchParams,
): ApiResult {
  if (!token) return unauthenticated();
  if (!token.scopes.some((scope) => PEOPLE_GET_SCOPES.has(scope))) return permissionDenied();
  const unknown = unknownParam(params, ['personFields', 'requestMask.includeField', 'sources']);
  if (unknown) return unknown;
  const fields = parseFieldMask(params, 'personFields', PERSON_FIELDS, DOCS_URL);
  if (!(fields instanceof Set)) return fields;

  const source = { type: 'PROFILE', id: account.id };
  const etag = `%Eg${createHash('sha1').update(`${account.id}:${account.email}`).digest('base64').replace(/=+$/, '')}`;
  const person: Record<string, unknown> = { resourceName: `people/${account.id}`, etag };
  if (fields.has('metadata')) {
    person.metadata = {
      sources: [{ ...source, etag: `#${etag.slice(3, 15)}` }],
      objectType: 'PERSON',
    };
  }
  if (fields.has('emailAddresses') && token.scopes.some((scope) => EMAIL_SCOPES.has(scope))) {
    person.emailAddresses = [
      {
        metadata: {
          primary: true,
          verified: true,
          source: { type: 'ACCOUNT', id: account.id },
          sourcePrimary: true,
        },
        value: account.email,
      },
    ];
  }
  return { status: 200, json: person };
}
