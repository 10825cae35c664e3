// All of the Google sandbox's data and rules, with no I/O: people and "other contacts", OAuth
// (google-oauth.ts), the change sequence behind sync tokens, scripted faults and the traffic log.
// The clock is injected so tests can jump seven days (sync-token expiry) or an hour (token expiry).
//
// Accounts: as at Google, each account has its own contacts and other contacts, and an access token
// reads those of the account it was issued for (the one signed in then), whoever signs in later.
// Sync and page tokens are an account's own too. The methods that edit contacts edit the signed-in
// account's (setAccountEmail signs another one in).

import { FaultQueue, type Fault } from './faults.ts';
import { permissionDenied, unauthenticated } from './google-errors.ts';
import { listCollection, type ListingContext, type ListingSpec } from './google-listing.ts';
import { getMe } from './google-me.ts';
import {
  accountIdOf,
  GoogleAuth,
  revokeEndpoint,
  type AuthMode,
  type GrantRule,
  type IssuedToken,
} from './google-oauth.ts';
import {
  PERSON_FIELDS,
  PeopleCollection,
  personId,
  type PersonInput,
  type PersonJson,
  type PersonPatch,
} from './google-people.ts';
import { RequestLog } from './request-log.ts';
import type { ApiResult } from './transport.ts';

export {
  ACCESS_TOKEN_LIFETIME_S,
  DEFAULT_ACCOUNT_EMAIL,
  SCOPE_EMAIL,
  SCOPE_PROFILE,
  type AuthMode,
  type GrantRule,
  type IssuedToken,
} from './google-oauth.ts';

export const SCOPE_CONTACTS = 'https://www.googleapis.com/auth/contacts';
export const SCOPE_CONTACTS_READONLY = 'https://www.googleapis.com/auth/contacts.readonly';
export const SCOPE_OTHER_READONLY = 'https://www.googleapis.com/auth/contacts.other.readonly';

/** `otherContacts.list` accepts a much shorter mask. */
const OTHER_CONTACT_FIELDS = new Set([
  'emailAddresses',
  'metadata',
  'names',
  'phoneNumbers',
  'photos',
]);
const ALL_FIELDS = new Set(['metadata', 'names', 'phoneNumbers']);

/** One Google account's contacts. */
interface AccountData {
  people: PeopleCollection;
  otherContacts: PeopleCollection;
}

export interface GoogleStateOptions {
  /** Milliseconds; defaults to `Date.now`. */
  now?: () => number;
}

export class GoogleState {
  readonly now: () => number;
  readonly faults = new FaultQueue();
  readonly log = new RequestLog();
  readonly auth: GoogleAuth;

  private seq = 0;
  private idCounter = 0;
  private epoch = 0;
  /** By account id: an account has contacts (none yet) from the moment anything looks at it. */
  private accounts = new Map<string, AccountData>();

  constructor(options: GoogleStateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.auth = new GoogleAuth(this.now);
  }

  get authMode(): AuthMode {
    return this.auth.mode;
  }

  /** The latest change sequence value (0 before any change). */
  get changeSeq(): number {
    return this.seq;
  }

  // --- contacts -----------------------------------------------------------------------------

  /** The signed-in account's contacts. */
  get people(): PeopleCollection {
    return this.account(this.auth.accountEmail).people;
  }

  /** The signed-in account's other contacts. */
  get otherContacts(): PeopleCollection {
    return this.account(this.auth.accountEmail).otherContacts;
  }

  /** Adds a contact; returns its resourceName (`people/c…`). */
  addPerson(input: PersonInput): string {
    return this.add(this.people, input);
  }

  addPeople(inputs: readonly PersonInput[]): string[] {
    return inputs.map((input) => this.addPerson(input));
  }

  /** Edits a contact by id (`c…`) or resourceName; throws UnknownPersonError if absent. */
  updatePerson(ref: string, patch: PersonPatch): void {
    this.people.update(ref, patch, ++this.seq, this.now());
  }

  deletePerson(ref: string): void {
    this.people.remove(ref, ++this.seq, this.now());
  }

  /** Live contacts with every field, in listing order. */
  listPeople(): PersonJson[] {
    return this.people.live().map((person) => this.people.toJson(person, ALL_FIELDS));
  }

  addOtherContact(input: PersonInput): string {
    return this.add(this.otherContacts, input);
  }

  updateOtherContact(ref: string, patch: PersonPatch): void {
    this.otherContacts.update(ref, patch, ++this.seq, this.now());
  }

  deleteOtherContact(ref: string): void {
    this.otherContacts.remove(ref, ++this.seq, this.now());
  }

  listOtherContacts(): PersonJson[] {
    return this.otherContacts.live().map((person) => this.otherContacts.toJson(person, ALL_FIELDS));
  }

  /** Every sync token issued so far answers "expired" from now on. */
  expireSyncTokens(): void {
    this.epoch += 1;
  }

  // --- OAuth ----------------------------------------------------------------------------------

  setAuthMode(mode: AuthMode): void {
    this.auth.mode = mode;
  }

  issueToken(scopes: readonly string[]): { accessToken: string; expiresIn: number } {
    return this.auth.issueToken(scopes);
  }

  /** Every token answers 401 from now on (what a password change or "remove access" does). */
  revokeTokens(): void {
    this.auth.revokeAll();
  }

  /** One token, as `POST /revoke` does; false when it was unknown, revoked or expired. */
  revokeToken(token: string): boolean {
    return this.auth.revoke(token);
  }

  /** The consent screen grants all but `refuse`: on the next authorization only, or until reset. */
  refuseScopes(refuse: readonly string[], options: { once?: boolean } = {}): GrantRule {
    this.auth.setGrantRule({ refuse: [...refuse], once: options.once ?? false });
    return this.auth.grantRule;
  }

  /**
   * Signs in the Google account with this email (what `people/me` reports and `login_hint` must
   * name), with its own contacts: none the first time. Tokens issued before still read theirs.
   */
  setAccountEmail(email: string): void {
    this.auth.accountEmail = email;
  }

  /** `GET /o/oauth2/v2/auth` (implicit flow): a redirect carrying the token or the error. */
  authorize(query: URLSearchParams): ApiResult {
    return this.auth.authorize(query);
  }

  /** `POST /revoke` (oauth2.googleapis.com). */
  revokeRequest(contentType: string | null, bodyText: string, query: URLSearchParams): ApiResult {
    return revokeEndpoint(this.auth, contentType, bodyText, query);
  }

  // --- People API -----------------------------------------------------------------------------

  /** `GET /v1/people/me/connections`; `authorization` is the Authorization header, if any. */
  connectionsList(authorization: string | null, params: URLSearchParams): ApiResult {
    const token = this.auth.liveToken(bearerToken(authorization, params));
    const denied = checkScopes(token, [SCOPE_CONTACTS_READONLY, SCOPE_CONTACTS]);
    if (denied || !token) return denied ?? unauthenticated();
    const { people } = this.account(token.account);
    return listCollection(connectionsSpec(people), params, this.listingContext(token));
  }

  /** `GET /v1/people/me` (see google-me.ts for what a token without `email` gets). */
  me(authorization: string | null, params: URLSearchParams): ApiResult {
    const token = this.auth.liveToken(bearerToken(authorization, params));
    // The token's own account, whoever is signed in now.
    const account = token?.account ?? this.auth.accountEmail;
    return getMe(token, { id: accountIdOf(account), email: account }, params);
  }

  /** `GET /v1/otherContacts`. */
  otherContactsList(authorization: string | null, params: URLSearchParams): ApiResult {
    const token = this.auth.liveToken(bearerToken(authorization, params));
    const denied = checkScopes(token, [SCOPE_OTHER_READONLY]);
    if (denied || !token) return denied ?? unauthenticated();
    const { otherContacts } = this.account(token.account);
    return listCollection(otherContactsSpec(otherContacts), params, this.listingContext(token));
  }

  // --- faults, reset --------------------------------------------------------------------------

  injectFault(path: string, faults: readonly Fault[], method?: string): void {
    this.faults.inject(path, faults, method);
  }

  /** Forgets everything but the clock; tokens issued before are unknown (sync ones: expired). */
  reset(): void {
    this.accounts.clear();
    this.faults.clear();
    this.log.clear();
    this.auth.reset();
    this.epoch += 1;
  }

  private add(collection: PeopleCollection, input: PersonInput): string {
    const person = collection.add(personId(this.idCounter++), input, ++this.seq, this.now());
    return collection.resourceName(person);
  }

  private account(email: string): AccountData {
    const id = accountIdOf(email);
    let data = this.accounts.get(id);
    if (!data) {
      data = {
        people: new PeopleCollection('people'),
        otherContacts: new PeopleCollection('otherContacts'),
      };
      this.accounts.set(id, data);
    }
    return data;
  }

  private listingContext(token: IssuedToken): ListingContext {
    return {
      now: this.now(),
      currentSeq: this.seq,
      epoch: this.epoch,
      account: accountIdOf(token.account),
    };
  }
}

/** undefined when the token is valid and carries one of `anyOf`; else the error to answer. */
function checkScopes(
  token: IssuedToken | undefined,
  anyOf: readonly string[],
): ApiResult | undefined {
  if (!token) return unauthenticated();
  if (!anyOf.some((scope) => token.scopes.includes(scope))) return permissionDenied();
  return undefined;
}

function connectionsSpec(collection: PeopleCollection): ListingSpec {
  return {
    collection,
    maskParam: 'personFields',
    validFields: PERSON_FIELDS,
    itemsKey: 'connections',
    totalKey: 'totalItems',
    methodParams: ['sortOrder', 'sources', 'requestMask.includeField'],
    docsUrl: 'https://developers.google.com/people/api/rest/v1/people.connections/list',
  };
}

function otherContactsSpec(collection: PeopleCollection): ListingSpec {
  return {
    collection,
    maskParam: 'readMask',
    validFields: OTHER_CONTACT_FIELDS,
    itemsKey: 'otherContacts',
    totalKey: 'totalSize',
    methodParams: ['sources'],
    docsUrl: 'https://developers.google.com/people/api/rest/v1/otherContacts/list',
  };
}

/** The access token of a request: the Bearer header, else the `access_token` query parameter. */
function bearerToken(authorization: string | null, params: URLSearchParams): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? params.get('access_token');
}
