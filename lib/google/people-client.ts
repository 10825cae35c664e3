import type { people_v1 } from '@googleapis/people';
import { fetchWithRetry, type RetryDeps, type RetryPolicy } from '../net/retry.ts';
import type { RawPhone } from '../contacts/types.ts';
import type {
  PeoplePage,
  PeoplePageRequest,
  PeoplePort,
  PeopleSource,
  PersonChange,
} from '../sync/ports.ts';
import { ExpiredSyncTokenError, GoogleApiError, InvalidPageTokenError } from './errors.ts';

/** The name Google shows for a person: the primary name's displayName, else the first one. */
function displayName(person: people_v1.Schema$Person): string {
  const names = person.names ?? [];
  const primary = names.find((n) => n.metadata?.primary) ?? names[0];
  return primary?.displayName?.trim() ?? '';
}

function phones(person: people_v1.Schema$Person): RawPhone[] {
  return (person.phoneNumbers ?? [])
    .filter((p) => typeof p.value === 'string' && p.value.trim() !== '')
    .map((p) => ({
      value: (p.value ?? '').trim(),
      ...(p.canonicalForm ? { canonicalForm: p.canonicalForm } : {}),
      ...(p.type ? { type: p.type } : {}),
    }));
}

/** The wire person as the engine's change; people without a resource name are not addressable. */
export function toChanges(
  people: people_v1.Schema$Person[] | undefined,
  source: PeopleSource,
): PersonChange[] {
  return (people ?? []).flatMap((person): PersonChange[] => {
    const resourceName = person.resourceName;
    if (!resourceName) return [];
    if (person.metadata?.deleted) return [{ kind: 'deleted', resourceName }];
    return [
      {
        kind: 'person',
        person: {
          resourceName,
          ...(person.etag ? { etag: person.etag } : {}),
          displayName: displayName(person),
          phones: phones(person),
          source,
        },
      },
    ];
  });
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
  // Google's answer to an expired sync token is 400 FAILED_PRECONDITION, not 410 (that is Calendar).
  if (
    response.status === 400 &&
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
      options.policy,
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
      if (!response.ok) {
        const error = await readError(response);
        if (request.pageToken && error instanceof GoogleApiError && error.status === 400) {
          throw new InvalidPageTokenError(error.message);
        }
        throw error;
      }
      if (other) {
        const body = (await response.json()) as people_v1.Schema$ListOtherContactsResponse;
        return {
          people: toChanges(body.otherContacts, 'other'),
          ...(body.nextPageToken ? { nextPageToken: body.nextPageToken } : {}),
          ...(body.nextSyncToken ? { nextSyncToken: body.nextSyncToken } : {}),
          ...(body.totalSize ? { totalItems: body.totalSize } : {}),
        };
      }
      const body = (await response.json()) as people_v1.Schema$ListConnectionsResponse;
      return {
        people: toChanges(body.connections, 'contact'),
        ...(body.nextPageToken ? { nextPageToken: body.nextPageToken } : {}),
        ...(body.nextSyncToken ? { nextSyncToken: body.nextSyncToken } : {}),
        ...(body.totalItems ? { totalItems: body.totalItems } : {}),
      };
    },
  };
}
