// Every API request a sandbox saw, so tests can assert on traffic (how many pages, how big the
// batches, whether a retry happened) without instrumenting the client.

import type { FaultKind } from './faults.ts';

export interface LogEntry {
  method: string;
  /** Path as routed (ConnectyCube's optional `.json` suffix removed). */
  path: string;
  query: Record<string, string>;
  /** The query string as sent, without `?`: keeps repeated keys such as `id[in][]`. */
  search: string;
  /** Status answered; 0 when the connection was dropped before any answer. */
  status: number;
  requestBytes: number;
  responseBytes: number;
  /** Injected clock, ms. */
  time: number;
  /** The fault that hit this request, if any. */
  fault?: FaultKind;
  /** Parsed JSON body of a POST/PUT (ConnectyCube only), or the raw text when not JSON. */
  body?: unknown;
}

/** Bounded so a long benchmark or demo cannot grow memory without limit. */
const MAX_ENTRIES = 10_000;

export class RequestLog {
  private items: LogEntry[] = [];

  get entries(): readonly LogEntry[] {
    return this.items;
  }

  record(entry: LogEntry): void {
    this.items.push(entry);
    if (this.items.length > MAX_ENTRIES) this.items.splice(0, this.items.length - MAX_ENTRIES);
  }

  clear(): void {
    this.items = [];
  }
}
