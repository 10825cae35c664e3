// `GET /users/v2` (pure): the query string's filters, sort and paging over one application's users,
// by the rules of the server docs (developers.connectycube.com/server/users, "Retrieve Users V2").
//
// The official SDK sends `ConnectyCube.users.getV2({ id: { in: [1, 2] }, limit: 100 })` as
// `GET /users/v2.json?id[in][]=1&id[in][]=2&limit=100`: `field=value` is `eq`, `field[op]=value`
// another operator, `field[op][]=v` (repeated) a list.

import { profileOf, type CubeUserProfile, type CubeUserRecord } from './cube-users.ts';

/** The docs: "Max = 100, default = 100". */
export const USERS_V2_MAX_LIMIT = 100;
/** `start_with` sets the limit to 5 and needs at least 4 characters. */
const START_WITH_LIMIT = 5;
const START_WITH_MIN_LENGTH = 4;

type Operator = 'eq' | 'in' | 'start_with' | 'nin' | 'gt' | 'lt' | 'gte' | 'lte';
const PRIMARY = new Set<Operator>(['eq', 'in', 'start_with']);
const COMPARE = new Set<Operator>(['gt', 'lt', 'gte', 'lte']);
const OPERATORS = new Set<string>([...PRIMARY, 'nin', ...COMPARE]);

/** `stand-alone` fields may carry the query; `additional` ones only narrow it. */
const FIELDS: Record<string, 'stand-alone' | 'both' | 'additional'> = {
  id: 'stand-alone',
  login: 'stand-alone',
  email: 'stand-alone',
  full_name: 'stand-alone',
  phone: 'stand-alone',
  external_id: 'stand-alone',
  facebook_id: 'stand-alone',
  twitter_id: 'stand-alone',
  user_tags: 'both',
  last_request_at: 'additional',
  created_at: 'additional',
  updated_at: 'additional',
};

const PAGING = new Set(['offset', 'limit', 'sort_asc', 'sort_desc']);

export const NEEDS_PRIMARY_FILTER =
  'Query must contain at least one stand-alone field with a primary operator';

export interface UsersV2Filter {
  field: string;
  op: Operator;
  values: string[];
}

export interface UsersV2Query {
  filters: UsersV2Filter[];
  offset: number;
  limit: number;
  sort?: { field: string; desc: boolean };
}

export interface UsersV2Answer {
  limit: number;
  skip: number;
  total_entries: number;
  items: CubeUserProfile[];
}

/** The query, or the reasons it is refused (answered as 422 `{"errors": {"base": […]}}`). */
export function parseUsersV2Query(params: URLSearchParams): UsersV2Query | string[] {
  const filters = new Map<string, UsersV2Filter>();
  const errors: string[] = [];
  for (const [key, value] of params) {
    if (PAGING.has(key)) continue;
    const [, field = '', op = 'eq', list] = /^([a-z_]+)(?:\[([a-z_]+)\])?(\[\])?$/.exec(key) ?? [];
    // Unknown parameters are ignored, as Rails ignores them.
    if (!(field in FIELDS) || !OPERATORS.has(op)) continue;
    if (list !== undefined && op === 'eq') continue;
    const id = `${field}[${op}]`;
    const filter = filters.get(id) ?? { field, op: op as Operator, values: [] };
    filter.values.push(value);
    filters.set(id, filter);
  }
  const all = [...filters.values()];
  const kind = (f: UsersV2Filter) => FIELDS[f.field];
  if (!all.some((f) => kind(f) !== 'additional' && PRIMARY.has(f.op))) {
    errors.push(NEEDS_PRIMARY_FILTER);
  }
  for (const f of all) {
    if (kind(f) === 'stand-alone' && COMPARE.has(f.op)) {
      errors.push(`'${f.field}' can't be used with the '${f.op}' operator`);
    }
    if (f.op === 'start_with' && (f.values[0] ?? '').length < START_WITH_MIN_LENGTH) {
      errors.push(`'start_with' needs at least ${START_WITH_MIN_LENGTH} characters`);
    }
  }
  if (errors.length > 0) return errors;

  const limit = integer(params.get('limit'), USERS_V2_MAX_LIMIT);
  const sortField = params.get('sort_desc') ?? params.get('sort_asc');
  return {
    filters: all,
    offset: Math.max(0, integer(params.get('offset'), 0)),
    limit: all.some((f) => f.op === 'start_with')
      ? START_WITH_LIMIT
      : Math.min(USERS_V2_MAX_LIMIT, Math.max(1, limit)),
    ...(sortField
      ? { sort: { field: sortField, desc: params.get('sort_desc') !== null } }
      : undefined),
  };
}

/** The answer for a parsed query over the users of the caller's application. */
export function answerUsersV2(
  users: readonly CubeUserRecord[],
  query: UsersV2Query,
): UsersV2Answer {
  const profiles = users.map(profileOf).filter((p) => query.filters.every((f) => matches(p, f)));
  const sort = query.sort;
  profiles.sort((a, b) => {
    const order = sort ? compareValues(valueOf(a, sort.field), valueOf(b, sort.field)) : 0;
    return (sort?.desc ? -order : order) || a.id - b.id;
  });
  return {
    limit: query.limit,
    skip: query.offset,
    total_entries: profiles.length,
    items: profiles.slice(query.offset, query.offset + query.limit),
  };
}

function integer(value: string | null, fallback: number): number {
  const parsed = value === null ? NaN : Number(value);
  return Number.isInteger(parsed) ? parsed : fallback;
}

function valueOf(profile: CubeUserProfile, field: string): unknown {
  return (profile as unknown as Record<string, unknown>)[field];
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return String(a) < String(b) ? -1 : 1;
}

/** Dates are given as ISO strings or Unix seconds. */
function time(value: string): number {
  return /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

function matches(profile: CubeUserProfile, filter: UsersV2Filter): boolean {
  const raw = valueOf(profile, filter.field);
  const { op, values } = filter;
  if (filter.field === 'user_tags') {
    const tags = new Set(Array.isArray(raw) ? raw.map(String) : []);
    if (op === 'nin') return values.every((v) => !tags.has(v));
    return values.some((v) => tags.has(v));
  }
  if (FIELDS[filter.field] === 'additional') {
    if (typeof raw !== 'string') return false;
    const at = Date.parse(raw);
    const given = values.map(time);
    const first = given[0] ?? NaN;
    switch (op) {
      case 'gt':
        return at > first;
      case 'gte':
        return at >= first;
      case 'lt':
        return at < first;
      case 'lte':
        return at <= first;
      case 'nin':
        return !given.includes(at);
      default:
        return given.includes(at);
    }
  }
  const text = raw === null || raw === undefined ? undefined : String(raw);
  if (op === 'nin') return text === undefined || !values.includes(text);
  if (text === undefined) return false;
  if (op === 'start_with') {
    return text.toLowerCase().startsWith((values[0] ?? '').toLowerCase());
  }
  return values.includes(text);
}
