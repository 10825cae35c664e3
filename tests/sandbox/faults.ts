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
  | { kind: 'drop-after-apply' };

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

function parseFault(value: unknown): Fault | string {
  if (!isRecord(value)) return 'must be an object';
  switch (value.kind) {
    case 'status': {
      const { status, retryAfter, body } = value;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599)
        return 'status must be an integer 200..599';
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
      if (typeof value.ms !== 'number' || value.ms < 0) return 'ms must be a non-negative number';
      return { kind: 'delay', ms: value.ms };
    case 'drop':
      return { kind: 'drop' };
    case 'drop-after-apply':
      return { kind: 'drop-after-apply' };
    default:
      return 'kind must be one of status, delay, drop, drop-after-apply';
  }
}
