// `people.connections.list` and `otherContacts.list`: field masks, paging, sync tokens.
//
// Change tracking: every create/update/delete takes the next value of one global sequence and
// stamps it on the person. A sync token carries the sequence value at the start of the listing
// that produced it, so an incremental listing returns exactly the people with a higher stamp, and
// a change made while a listing was being paged is delivered (again) by the next incremental one.
// Both tokens name the account they list: another account's is refused as an invalid one (the
// reference says nothing of it; an opaque token that is not this account's cannot be read).

import { createHash } from 'node:crypto';
import { expiredSyncToken, googleError, invalidArgument } from './google-errors.ts';
import type {
  CollectionKind,
  PeopleCollection,
  PersonJson,
  StoredPerson,
} from './google-people.ts';
import type { ApiResult } from './transport.ts';

export const SYNC_TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface ListingSpec {
  collection: PeopleCollection;
  maskParam: 'personFields' | 'readMask';
  validFields: ReadonlySet<string>;
  itemsKey: 'connections' | 'otherContacts';
  /** `totalItems` for connections, `totalSize` for other contacts (as in Google's responses). */
  totalKey: 'totalItems' | 'totalSize';
  /** Method parameters besides the common paging/sync ones. */
  methodParams: readonly string[];
  docsUrl: string;
}

export interface ListingContext {
  now: number;
  /** The latest change sequence value handed out. */
  currentSeq: number;
  /** Bumped by "expire all sync tokens" and by reset; older tokens are expired. */
  epoch: number;
  /** The id of the account whose contacts are listed (the access token's). */
  account: string;
}

const PAGING_PARAMS = ['pageSize', 'pageToken', 'requestSyncToken', 'syncToken'];
/** Google's system parameters, accepted by every method. */
const SYSTEM_PARAMS = [
  'access_token',
  'alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyPrint',
  'quotaUser',
  'upload_protocol',
  'uploadType',
  '$.xgafv',
];
const SORT_ORDERS = new Set([
  'LAST_MODIFIED_ASCENDING',
  'LAST_MODIFIED_DESCENDING',
  'FIRST_NAME_ASCENDING',
  'LAST_NAME_ASCENDING',
]);

/** The 400 Google answers for a parameter the method does not take (system ones always pass). */
export function unknownParam(
  params: URLSearchParams,
  methodParams: readonly string[],
): ApiResult | undefined {
  const allowed = new Set([...SYSTEM_PARAMS, ...methodParams]);
  for (const name of params.keys()) {
    if (!allowed.has(name)) {
      return googleError(
        400,
        'INVALID_ARGUMENT',
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. ` +
          `Field '${name}' could not be found in request message.`,
      );
    }
  }
  return undefined;
}

/** The requested field paths, or the 400 for a missing mask or an unknown path. */
export function parseFieldMask(
  params: URLSearchParams,
  maskParam: string,
  validFields: ReadonlySet<string>,
  docsUrl: string,
): Set<string> | ApiResult {
  const mask = params.get(maskParam);
  if (mask === null || mask.trim() === '') {
    return googleError(
      400,
      'INVALID_ARGUMENT',
      `${maskParam} mask is required. Please specify one or more valid paths. ` +
        `Valid paths are documented at ${docsUrl}.`,
    );
  }
  const fields = new Set(mask.split(',').map((path) => path.trim()));
  for (const field of fields) {
    if (!validFields.has(field)) {
      return googleError(
        400,
        'INVALID_ARGUMENT',
        `Invalid ${maskParam} mask path: "${field}". Valid paths are documented at ${docsUrl}.`,
      );
    }
  }
  return fields;
}

interface SyncTokenData {
  kind: CollectionKind;
  account: string;
  seq: number;
  issuedAt: number;
  epoch: number;
}

interface PageTokenData {
  account: string;
  query: string;
  cursor: number;
  snapshotSeq: number;
}

export function listCollection(
  spec: ListingSpec,
  params: URLSearchParams,
  ctx: ListingContext,
): ApiResult {
  const unknown = unknownParam(params, [...PAGING_PARAMS, spec.maskParam, ...spec.methodParams]);
  if (unknown) return unknown;
  const fields = parseFieldMask(params, spec.maskParam, spec.validFields, spec.docsUrl);
  if (!(fields instanceof Set)) return fields;

  const pageSizeText = params.get('pageSize');
  const pageSize = pageSizeText === null ? DEFAULT_PAGE_SIZE : Number(pageSizeText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return invalidArgument('page_size', `pageSize must be between 1 and ${MAX_PAGE_SIZE}.`);
  }

  const requestSyncText = params.get('requestSyncToken');
  if (requestSyncText !== null && requestSyncText !== 'true' && requestSyncText !== 'false') {
    return invalidArgument(
      'request_sync_token',
      `Invalid value at 'request_sync_token' (TYPE_BOOL), "${requestSyncText}"`,
    );
  }

  const sortOrder = params.get('sortOrder');
  if (sortOrder !== null && !SORT_ORDERS.has(sortOrder)) {
    return invalidArgument('sort_order', `Invalid value at 'sort_order', "${sortOrder}"`);
  }

  let syncSeq: number | undefined;
  const syncTokenText = params.get('syncToken');
  if (syncTokenText !== null) {
    const token = decodeSyncToken(syncTokenText);
    if (!token || token.kind !== spec.collection.kind || token.account !== ctx.account) {
      return invalidArgument('sync_token', 'Invalid sync token.');
    }
    if (token.epoch !== ctx.epoch || ctx.now - token.issuedAt >= SYNC_TOKEN_LIFETIME_MS) {
      return expiredSyncToken();
    }
    syncSeq = token.seq;
  }

  const query = queryKey(spec, params);
  let cursor = 0;
  let snapshotSeq = ctx.currentSeq;
  const pageTokenText = params.get('pageToken');
  if (pageTokenText !== null && pageTokenText !== '') {
    const token = decodePageToken(pageTokenText);
    if (!token || token.account !== ctx.account) {
      return invalidArgument('page_token', 'Invalid page token.');
    }
    if (token.query !== query) {
      return invalidArgument(
        'page_token',
        'All parameters other than pageToken must match the call that provided the page token.',
      );
    }
    cursor = token.cursor;
    snapshotSeq = token.snapshotSeq;
  }

  const items = spec.collection.all();
  const matches =
    syncSeq === undefined
      ? (person: StoredPerson) => !person.deleted
      : (person: StoredPerson) => person.seq > (syncSeq ?? 0);
  const page: PersonJson[] = [];
  let index = cursor;
  for (; index < items.length && page.length < pageSize; index++) {
    const person = items[index];
    if (person && matches(person)) page.push(spec.collection.toJson(person, fields));
  }
  let more = false;
  for (let rest = index; rest < items.length && !more; rest++) {
    const person = items[rest];
    more = person !== undefined && matches(person);
  }
  const total = items.reduce((count, person) => (matches(person) ? count + 1 : count), 0);

  // Google leaves empty lists and zero counts out of its JSON (proto3 defaults).
  const body: Record<string, unknown> = {};
  if (page.length > 0) body[spec.itemsKey] = page;
  if (more) {
    body.nextPageToken = encode({
      account: ctx.account,
      query,
      cursor: index,
      snapshotSeq,
    } satisfies PageTokenData);
  } else if (syncSeq !== undefined || requestSyncText === 'true') {
    const token: SyncTokenData = {
      kind: spec.collection.kind,
      account: ctx.account,
      seq: snapshotSeq,
      issuedAt: ctx.now,
      epoch: ctx.epoch,
    };
    body.nextSyncToken = encode(token);
  }
  if (total > 0) body[spec.totalKey] = total;
  return { status: 200, json: body };
}

/** Every method parameter except the page token: a page token is only valid with the same ones. */
function queryKey(spec: ListingSpec, params: URLSearchParams): string {
  const relevant = [...PAGING_PARAMS, spec.maskParam, ...spec.methodParams].filter(
    (name) => name !== 'pageToken',
  );
  const entries = relevant.sort().map((name) => [name, params.getAll(name)]);
  const key = JSON.stringify([spec.collection.kind, entries]);
  return createHash('sha1').update(key).digest('base64url').slice(0, 16);
}

function encode(data: SyncTokenData | PageTokenData): string {
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

function decodeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function decodeSyncToken(text: string): SyncTokenData | undefined {
  const data = decodeJson(text);
  if (!data) return undefined;
  const { kind, account, seq, issuedAt, epoch } = data;
  if (kind !== 'people' && kind !== 'otherContacts') return undefined;
  if (typeof account !== 'string') return undefined;
  if (typeof seq !== 'number' || typeof issuedAt !== 'number' || typeof epoch !== 'number') {
    return undefined;
  }
  return { kind, account, seq, issuedAt, epoch };
}

function decodePageToken(text: string): PageTokenData | undefined {
  const data = decodeJson(text);
  if (!data) return undefined;
  const { account, query, cursor, snapshotSeq } = data;
  if (typeof account !== 'string' || typeof query !== 'string') return undefined;
  if (typeof cursor !== 'number' || typeof snapshotSeq !== 'number') return undefined;
  return { account, query, cursor, snapshotSeq };
}
