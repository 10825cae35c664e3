import {
  DEFAULT_RETRY_POLICY,
  fetchWithRetry,
  type RetryDeps,
  type RetryPolicy,
} from '../net/retry.ts';
import type { RawPhone } from '../contacts/types.ts';
import {
  isRecord,
  isString,
  list,
  MalformedAnswerError,
  optionalString,
  readItems,
  record,
} from '../net/shape.ts';
import type {
  PeoplePage,
  PeoplePageRequest,
  PeoplePort,
  PeopleSource,
  PersonChange,
} from '../sync/ports.ts';
import {
  ExpiredSyncTokenError,
  GoogleApiError,
  InvalidPageTokenError,
  PeopleQuotaError,
} from './errors.ts';

const GOOGLE = 'Google People API';

/** The name Google shows for a person: the primary name's displayName, else the first one. */
function displayName(names: unknown[]): string {
  const valid = names.filter(isRecord);
  const primary =
    valid.find((n) => isRecord(n.metadata) && n.metadata.primary === true) ?? valid[0];
  return isString(primary?.displayName) ? primary.displayName.trim() : '';
}

/** Phones with something in them; a phone of the wrong shape is left out. */
function phones(numbers: unknown[]): RawPhone[] {
  return numbers.flatMap((p): RawPhone[] => {
    if (!isRecord(p) || !isString(p.value) || p.value.trim() === '') return [];
    return [
      {
        value: p.value.trim(),
        ...optionalString(p.canonicalForm, 'canonicalForm'),
        ...optionalString(p.type, 'type'),
      },
    ];
  });
}

/** One wire person as the engine's change, or null when it is not a person at all. */
function toChange(item: unknown, source: PeopleSource): PersonChange | null {
  if (!isRecord(item) || !isString(item.resourceName) || item.resourceName === '') return null;
  const resourceName = item.resourceName;
  if (isRecord(item.metadata) && item.metadata.deleted === true)
    return { kind: 'deleted', resourceName };
  const names = item.names ?? [];
  const numbers = item.phoneNumbers ?? [];
  if (!Array.isArray(names) || !Array.isArray(numbers)) return null;
  return {
    kind: 'person',
    person: {
      resourceName,
      ...optionalString(item.etag, 'etag'),
      displayName: displayName(names),
      phones: phones(numbers),
      source,
    },
  };
}

/**
 * A page of the People API, checked: the wire shape stays here. A malformed person is dropped and
 * counted; a malformed page (not an object, a list that is not a list, a token that is not a
 * string) fails with the field named.
 */
export function readPage(body: unknown, source: PeopleSource): PeoplePage {
  const page = record(GOOGLE, 'page', body);
  const field = source === 'other' ? 'otherContacts' : 'connections';
  const { items, dropped } = readItems(list(GOOGLE, field, page[field]), (item) =>
    toChange(item, source),
  );
  const token = (name: 'nextPageToken' | 'nextSyncToken'): Record<string, string> => {
    const value = page[name];
    if (value === undefined || value === null || value === '') return {};
    if (!isString(value)) throw new MalformedAnswerError(GOOGLE, name, 'is not a string');
    return { [name]: value };
  };
  const total = source === 'other' ? page.totalSize : page.totalItems;
  return {
    people: items,
    dropped,
    ...token('nextPageToken'),
    ...token('nextSyncToken'),
    ...(typeof total === 'number' && Number.isSafeInteger(total) && total > 0
      ? { totalItems: total }
      : {}),
  };
}

/** People API page size: the maximum, so a 25,000-contact account lists in 25 requests. */
export const PAGE_SIZE = 1000;
const FIELDS = 'names,phoneNumbers,metadata';

interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: { '@type'?: string; reason?: string }[];
  };
}

/** Supplies a valid access token; throws NeedsReconnectError when none can be had silently. */
export interface TokenSource {
  token(): Promise<string>;
  /** The token was refused (401): forget it, so the next `token()` renews. */
  invalidate(): Promise<void>;
}

export interface PeopleClientOptions {
  apiUrl: string;
  tokens: TokenSource;
  net: RetryDeps;
  policy?: RetryPolicy;
}

async function readError(response: Response): Promise<GoogleApiError | ExpiredSyncTokenError> {
  let body: GoogleErrorBody = {};
  try {
    body = (await response.json()) as GoogleErrorBody;
  } catch {
    // Not JSON (a proxy's page): the status alone is all there is.
  }
  const error = body.error ?? {};
  const reason = error.details?.find((d) => d.reason)?.reason;
  const message = error.message ?? `HTTP ${response.status}`;
  // The People API answers an expired sync token with 400 FAILED_PRECONDITION; Google's client
  // library docs say 410. The reason (or, without one, the message) decides, under either status.
  if (
    (response.status === 400 || response.status === 410) &&
    (reason === 'EXPIRED_SYNC_TOKEN' || /sync token is expired/i.test(message))
  ) {
    return new ExpiredSyncTokenError();
  }
  return new GoogleApiError(
    response.status,
    reason ?? error.status,
    `Google People API: ${message}`,
  );
}

/** The People API over fetch (the Node client cannot run in a service worker). */
export function createPeopleClient(options: PeopleClientOptions): PeoplePort {
  // A 429 is a per-minute quota: retries within seconds only use it up further (PeopleQuotaError).
  const policy: RetryPolicy = { ...(options.policy ?? DEFAULT_RETRY_POLICY), giveUpOn: [429] };
  async function get(
    url: URL,
    signal: AbortSignal | undefined,
    renewed = false,
  ): Promise<Response> {
    const token = await options.tokens.token();
    const response = await fetchWithRetry(
      url.toString(),
      { headers: { Authorization: `Bearer ${token}` }, ...(signal ? { signal } : {}) },
      options.net,
      policy,
    );
    if (response.status === 401 && !renewed) {
      // The token expired early or was revoked: renew once (silently), then give up.
      await options.tokens.invalidate();
      return get(url, signal, true);
    }
    return response;
  }

  return {
    async list(request: PeoplePageRequest, signal?: AbortSignal): Promise<PeoplePage> {
      const other = request.source === 'other';
      const url = new URL(
        other ? '/v1/otherContacts' : '/v1/people/me/connections',
        options.apiUrl,
      );
      // With a page token every other parameter must equal the first call's, so they never vary.
      url.searchParams.set(
        other ? 'readMask' : 'personFields',
        other ? 'names,phoneNumbers,metadata' : FIELDS,
      );
      url.searchParams.set('pageSize', String(PAGE_SIZE));
      url.searchParams.set('requestSyncToken', 'true');
      if (request.syncToken) url.searchParams.set('syncToken', request.syncToken);
      if (request.pageToken) url.searchParams.set('pageToken', request.pageToken);
      const response = await get(url, signal);
      if (response.status === 429) throw new PeopleQuotaError();
      if (!response.ok) {
        const error = await readError(response);
        if (request.pageToken && error instanceof GoogleApiError && error.status === 400) {
          throw new InvalidPageTokenError(error.message);
        }
        throw error;
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new MalformedAnswerError(GOOGLE, 'page', 'is not JSON');
      }
      return readPage(body, request.source);
    },
  };
}
