// All of the Google sandbox's data and rules, with no I/O: people and "other contacts", OAuth
// tokens, the change sequence behind sync tokens, scripted faults and the traffic log. The clock
// is injected so tests can jump seven days (sync-token expiry) or an hour (access-token expiry).

import { FaultQueue, type Fault } from './faults.ts';
import { permissionDenied, unauthenticated } from './google-errors.ts';
import { listCollection, type ListingSpec } from './google-listing.ts';
import {
  PeopleCollection,
  personId,
  type PersonInput,
  type PersonJson,
  type PersonPatch,
} from './google-people.ts';
import { RequestLog } from './request-log.ts';
import type { ApiResult } from './transport.ts';

export type AuthMode = 'approve' | 'deny' | 'deny-silent';

export const SCOPE_CONTACTS = 'https://www.googleapis.com/auth/contacts';
export const SCOPE_CONTACTS_READONLY = 'https://www.googleapis.com/auth/contacts.readonly';
export const SCOPE_OTHER_READONLY = 'https://www.googleapis.com/auth/contacts.other.readonly';
export const ACCESS_TOKEN_LIFETIME_S = 3599;

/** Every `personFields` path Google documents; only names, phoneNumbers and metadata carry data. */
const PERSON_FIELDS = new Set(
  (
    'addresses,ageRanges,biographies,birthdays,calendarUrls,clientData,coverPhotos,emailAddresses,' +
    'events,externalIds,genders,imClients,interests,locales,locations,memberships,metadata,' +
    'miscKeywords,names,nicknames,occupations,organizations,phoneNumbers,photos,relations,' +
    'sipAddresses,skills,urls,userDefined'
  ).split(','),
);
/** `otherContacts.list` accepts a much shorter mask. */
const OTHER_CONTACT_FIELDS = new Set([
  'emailAddresses',
  'metadata',
  'names',
  'phoneNumbers',
  'photos',
]);
const ALL_FIELDS = new Set(['metadata', 'names', 'phoneNumbers']);

export interface IssuedToken {
  scopes: string[];
  expiresAt: number;
}

export interface GoogleStateOptions {
  /** Milliseconds; defaults to `Date.now`. */
  now?: () => number;
}

export class GoogleState {
  readonly now: () => number;
  readonly people = new PeopleCollection('people');
  readonly otherContacts = new PeopleCollection('otherContacts');
  readonly faults = new FaultQueue();
  readonly log = new RequestLog();
  authMode: AuthMode = 'approve';

  private seq = 0;
  private idCounter = 0;
  private epoch = 0;
  private tokenCounter = 0;
  private tokens = new Map<string, IssuedToken>();

  constructor(options: GoogleStateOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The latest change sequence value (0 before any change). */
  get changeSeq(): number {
    return this.seq;
  }

  // --- contacts -----------------------------------------------------------------------------

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
    this.authMode = mode;
  }

  issueToken(scopes: readonly string[]): { accessToken: string; expiresIn: number } {
    this.tokenCounter += 1;
    const accessToken = `ya29.sandbox-${this.tokenCounter.toString(36)}-${(this.now() % 1e9).toString(36)}`;
    this.tokens.set(accessToken, {
      scopes: [...scopes],
      expiresAt: this.now() + ACCESS_TOKEN_LIFETIME_S * 1000,
    });
    return { accessToken, expiresIn: ACCESS_TOKEN_LIFETIME_S };
  }

  revokeTokens(): void {
    this.tokens.clear();
  }

  /** `GET /o/oauth2/v2/auth` (implicit flow): a redirect carrying the token or the error. */
  authorize(query: URLSearchParams): ApiResult {
    const clientId = query.get('client_id');
    const redirectUri = query.get('redirect_uri');
    const responseType = query.get('response_type');
    const problem = !clientId
      ? 'Missing required parameter: client_id'
      : !redirectUri
        ? 'Missing required parameter: redirect_uri'
        : !URL.canParse(redirectUri)
          ? `Invalid parameter value for redirect_uri: ${redirectUri}`
          : responseType !== 'token'
            ? `Invalid response_type: ${responseType ?? ''} (this sandbox supports only "token")`
            : undefined;
    if (problem || !redirectUri) {
      return {
        status: 400,
        text: `<!DOCTYPE html><title>Error 400 (Bad Request)</title><p>Error 400: invalid_request</p><p>${problem}</p>`,
        contentType: 'text/html; charset=utf-8',
      };
    }
    const scope = query.get('scope') ?? '';
    const state = query.get('state');
    const silent = query.get('prompt') === 'none';
    const fragment = new URLSearchParams();
    if (this.authMode === 'deny') {
      fragment.set('error', 'access_denied');
    } else if (this.authMode === 'deny-silent' && silent) {
      fragment.set('error', 'interaction_required');
    } else {
      const { accessToken, expiresIn } = this.issueToken(scope.split(/\s+/).filter(Boolean));
      fragment.set('access_token', accessToken);
      fragment.set('token_type', 'Bearer');
      fragment.set('expires_in', String(expiresIn));
      fragment.set('scope', scope);
    }
    if (state !== null) fragment.set('state', state);
    const target = new URL(redirectUri);
    target.hash = fragment.toString();
    return { status: 302, headers: { Location: target.toString() } };
  }

  // --- People API -----------------------------------------------------------------------------

  /** `GET /v1/people/me/connections`; `authorization` is the Authorization header, if any. */
  connectionsList(authorization: string | null, params: URLSearchParams): ApiResult {
    const denied = this.checkToken(authorization, params, [
      SCOPE_CONTACTS_READONLY,
      SCOPE_CONTACTS,
    ]);
    return denied ?? listCollection(this.connectionsSpec, params, this.listingContext());
  }

  /** `GET /v1/otherContacts`. */
  otherContactsList(authorization: string | null, params: URLSearchParams): ApiResult {
    const denied = this.checkToken(authorization, params, [SCOPE_OTHER_READONLY]);
    return denied ?? listCollection(this.otherContactsSpec, params, this.listingContext());
  }

  // --- faults, reset --------------------------------------------------------------------------

  injectFault(path: string, faults: readonly Fault[], method?: string): void {
    this.faults.inject(path, faults, method);
  }

  /** Forgets everything but the clock; tokens issued before are unknown (sync ones: expired). */
  reset(): void {
    this.people.clear();
    this.otherContacts.clear();
    this.faults.clear();
    this.log.clear();
    this.tokens.clear();
    this.authMode = 'approve';
    this.epoch += 1;
  }

  private add(collection: PeopleCollection, input: PersonInput): string {
    const person = collection.add(personId(this.idCounter++), input, ++this.seq, this.now());
    return collection.resourceName(person);
  }

  private listingContext(): { now: number; currentSeq: number; epoch: number } {
    return { now: this.now(), currentSeq: this.seq, epoch: this.epoch };
  }

  /** undefined when the token is valid and carries one of `anyOf`; else the error to answer. */
  private checkToken(
    authorization: string | null,
    params: URLSearchParams,
    anyOf: readonly string[],
  ): ApiResult | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const value = match?.[1] ?? params.get('access_token');
    const token = value ? this.tokens.get(value) : undefined;
    if (!token || this.now() >= token.expiresAt) return unauthenticated();
    if (!anyOf.some((scope) => token.scopes.includes(scope))) return permissionDenied();
    return undefined;
  }

  private get connectionsSpec(): ListingSpec {
    return {
      collection: this.people,
      maskParam: 'personFields',
      validFields: PERSON_FIELDS,
      itemsKey: 'connections',
      totalKey: 'totalItems',
      methodParams: ['sortOrder', 'sources', 'requestMask.includeField'],
      docsUrl: 'https://developers.google.com/people/api/rest/v1/people.connections/list',
    };
  }

  private get otherContactsSpec(): ListingSpec {
    return {
      collection: this.otherContacts,
      maskParam: 'readMask',
      validFields: OTHER_CONTACT_FIELDS,
      itemsKey: 'otherContacts',
      totalKey: 'totalSize',
      methodParams: ['sources'],
      docsUrl: 'https://developers.google.com/people/api/rest/v1/otherContacts/list',
    };
  }
}
