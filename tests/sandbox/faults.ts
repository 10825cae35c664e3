// Scripted misbehaviour, shared by both sandboxes: a queue of faults per route, consumed one per
// matching request, so a test can say "the next two uploads fail with 503, the third is lost".

import { isRecord } from './transport.ts';

export type Fault =
  /** Answer with this status (and body, else the server's usual error body); nothing is applied. */
  | { kind: 'status'; status: number; body?: unknown; retryAfter?: number }
  /** Wait `ms`, then handle the request normally. */
  | { kind: 'delay'; ms: number }
  /** Cut the connection before handling: nothing is applied, no answer. */
  | { kind: 'drop' }
  /** Handle the request (state changes), then cut the connection: the answer is lost. */
  | { kind: 'drop-after-apply' }
  /**
   * Answer exactly this text (malformed JSON such as `{"items": [`, a proxy's HTML page...) with
   * this status; nothing is applied. Content type: the server's JSON type unless given.
   */
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  /**
   * Answer this JSON with this status (200 unless given); nothing is applied. For well-formed but
   * wrong answers: a `nextPageToken` that repeats, `{"items": "oops"}`, numbers where strings belong.
   * (A `status` fault with a `body` does the same; this one reads better for a 200.)
   */
  | { kind: 'json'; status?: number; body: unknown }
  /**
   * Handle the request normally (state changes), send the headers at once, then the body in
   * `chunks` pieces (default 10, at most one per byte) with a wait of `intervalMs` before each:
   * a client whose deadline covers only the headers reads for `chunks * intervalMs`.
   */
  | { kind: 'trickle'; intervalMs: number; chunks?: number }
  /**
   * Answer 200 with a JSON body of exactly `bytes` bytes (`{"padding":"xxx…"}`), streamed in
   * pieces; nothing is applied. Sent chunked, so the client must count while reading, unless
   * `contentLength` also announces the size up front (a client may refuse before reading).
   */
  | { kind: 'oversize'; bytes: number; contentLength?: boolean }
  /**
   * Answer `status` (a redirect: 301, 302, 303, 307 or 308) with `Location: location` and no
   * body; nothing is applied. A client that follows a 307 or 308 sends the same method, body and
   * headers (a password, a session token) to `location`: point it at a `startRecorder()` server to
   * see whether anything arrived there.
   */
  | { kind: 'redirect'; status: RedirectStatus; location: string };

/** The statuses a Fetch client follows (the Fetch standard's "redirect status"). */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;
export type RedirectStatus = (typeof REDIRECT_STATUSES)[number];

export type FaultKind = Fault['kind'];

export interface FaultRule {
  /** Request path, e.g. `/address_book` (a `.json` suffix is ignored) or `*` for every route. */
  path: string;
  /** HTTP method; any method when absent. */
  method?: string;
  faults: Fault[];
}

export class FaultQueue {
  private rules: FaultRule[] = [];

  /** Appends faults for a route; they are consumed in order, one per matching request. */
  inject(path: string, faults: readonly Fault[], method?: string): void {
    const upper = method?.toUpperCase();
    const existing = this.rules.find((rule) => rule.path === path && rule.method === upper);
    if (existing) existing.faults.push(...faults);
    else this.rules.push({ path, ...(upper ? { method: upper } : {}), faults: [...faults] });
  }

  /** The next fault for this request, removed from its queue, or undefined. */
  take(method: string, path: string): Fault | undefined {
    // Preflights never consume faults: they are the browser's, not the client's, requests.
    if (method === 'OPTIONS') return undefined;
    for (const rule of this.rules) {
      if (rule.faults.length === 0) continue;
      if (rule.method !== undefined && rule.method !== method) continue;
      if (rule.path !== '*' && rule.path !== path) continue;
      return rule.faults.shift();
    }
    return undefined;
  }

  get pending(): boolean {
    return this.rules.some((rule) => rule.faults.length > 0);
  }

  list(): FaultRule[] {
    return this.rules
      .filter((rule) => rule.faults.length > 0)
      .map((rule) => ({ ...rule, faults: [...rule.faults] }));
  }

  clear(): void {
    this.rules = [];
  }
}

/** Validates a control request body `{path, method?, faults:[...]}`; a string is the error. */
export function parseFaultRule(body: unknown): FaultRule | string {
  if (!isRecord(body)) return 'body must be a JSON object';
  const { path, method, faults } = body;
  if (typeof path !== 'string' || path === '') return 'path must be a non-empty string';
  if (method !== undefined && typeof method !== 'string') return 'method must be a string';
  if (!Array.isArray(faults)) return 'faults must be an array';
  const parsed: Fault[] = [];
  for (const [index, fault] of faults.entries()) {
    const result = parseFault(fault);
    if (typeof result === 'string') return `faults[${index}]: ${result}`;
    parsed.push(result);
  }
  return { path, ...(typeof method === 'string' ? { method } : {}), faults: parsed };
}

const KINDS = 'status, delay, drop, drop-after-apply, raw, json, trickle, oversize, redirect';

/** A `trickle` without `chunks` sends its body in this many pieces. */
export const DEFAULT_TRICKLE_CHUNKS = 10;

/** Bounds `oversize` so a typo cannot stream for hours (the client's limit is far below). */
export const MAX_OVERSIZE_BYTES = 2 ** 30;

function parseFault(value: unknown): Fault | string {
  if (!isRecord(value)) return 'must be an object';
  switch (value.kind) {
    case 'status': {
      const { status, retryAfter, body } = value;
      if (!isStatus(status)) return 'status must be an integer 200..599';
      if (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0))
        return 'retryAfter must be a non-negative number (seconds)';
      return {
        kind: 'status',
        status,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        ...(body !== undefined ? { body } : {}),
      };
    }
    case 'delay':
      if (!isNonNegative(value.ms)) return 'ms must be a non-negative number';
      return { kind: 'delay', ms: value.ms };
    case 'drop':
      return { kind: 'drop' };
    case 'drop-after-apply':
      return { kind: 'drop-after-apply' };
    case 'raw':
      return parseRaw(value);
    case 'json': {
      const { status, body } = value;
      if (status !== undefined && !isStatus(status)) return 'status must be an integer 200..599';
      // JSON has no undefined: a missing body is a mistake, `null` is a body.
      if (!('body' in value) || body === undefined) return 'body is required (any JSON value)';
      return { kind: 'json', ...(status !== undefined ? { status } : {}), body };
    }
    case 'trickle': {
      const { intervalMs, chunks } = value;
      if (!isNonNegative(intervalMs)) return 'intervalMs must be a non-negative number';
      if (chunks !== undefined && !(Number.isSafeInteger(chunks) && Number(chunks) >= 1))
        return 'chunks must be a positive integer';
      return { kind: 'trickle', intervalMs, ...(typeof chunks === 'number' ? { chunks } : {}) };
    }
    case 'oversize': {
      const { bytes, contentLength } = value;
      if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0)
        return 'bytes must be a non-negative integer';
      if (bytes > MAX_OVERSIZE_BYTES) return `bytes must be at most ${MAX_OVERSIZE_BYTES}`;
      if (contentLength !== undefined && typeof contentLength !== 'boolean')
        return 'contentLength must be a boolean';
      return { kind: 'oversize', bytes, ...(contentLength !== undefined ? { contentLength } : {}) };
    }
    case 'redirect':
      return parseRedirect(value);
    default:
      return `kind must be one of ${KINDS}`;
  }
}

function parseRaw(value: Record<string, unknown>): Fault | string {
  const { status, body, contentType } = value;
  if (!isStatus(status)) return 'status must be an integer 200..599';
  if (typeof body !== 'string') return 'body must be a string (sent as is)';
  if (contentType !== undefined && (typeof contentType !== 'string' || contentType === ''))
    return 'contentType must be a non-empty string';
  return { kind: 'raw', status, body, ...(contentType !== undefined ? { contentType } : {}) };
}

function parseRedirect(value: Record<string, unknown>): Fault | string {
  const { status, location } = value;
  const statuses: readonly unknown[] = REDIRECT_STATUSES;
  if (!statuses.includes(status)) return `status must be one of ${REDIRECT_STATUSES.join(', ')}`;
  if (typeof location !== 'string' || !URL.canParse(location))
    return 'location must be an absolute URL';
  return { kind: 'redirect', status: status as RedirectStatus, location };
}

// The Fetch API refuses to build a Response outside 200..599, so no fault may ask for one.
function isStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599;
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
