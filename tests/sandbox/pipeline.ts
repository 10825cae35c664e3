// What both sandboxes do around every request, whatever the route: CORS, control routes that
// bypass faults and logging, fault injection, and the traffic log.

import { oversized, trickled } from './fault-answers.ts';
import type { Fault, FaultQueue } from './faults.ts';
import type { RequestLog, LogEntry } from './request-log.ts';
import {
  droppedResponse,
  parseJsonBody,
  responseMeta,
  setResponseMeta,
  toResponse,
  type ApiResult,
  type Handler,
  type Sleep,
} from './transport.ts';

export type StatusFault = Extract<Fault, { kind: 'status' }>;

/** A route's view of the request: the body is read once, up front. */
export interface SandboxRequest {
  method: string;
  url: URL;
  /** Routed path (see `normalizePath`). */
  path: string;
  headers: Headers;
  bodyText: string;
}

export interface PipelineOptions {
  faults: FaultQueue;
  log: RequestLog;
  now: () => number;
  sleep: Sleep;
  jsonContentType: string;
  corsHeaders: Record<string, string>;
  /** Extra headers for an OPTIONS preflight answer. */
  preflightHeaders: Record<string, string>;
  normalizePath: (pathname: string) => string;
  /** The body the real server would send with this status (used by status faults). */
  faultResult: (fault: StatusFault) => ApiResult;
  /** Whether to keep POST/PUT bodies in the log. */
  logRequestBodies: boolean;
  /** Routes under `/__control/`. */
  control: (request: SandboxRequest) => Promise<ApiResult> | ApiResult;
  /** Every other route. */
  api: (request: SandboxRequest) => Promise<ApiResult> | ApiResult;
}

export const CONTROL_PREFIX = '/__control/';

export function createPipeline(options: PipelineOptions): Handler {
  const respond = (result: ApiResult): Response => {
    const response = toResponse(result, options.jsonContentType, options.corsHeaders);
    // While a fault is queued, keep no connection alive: Chrome silently re-sends a request whose
    // reused keep-alive connection closes, which would hide a dropped connection from the client.
    return setResponseMeta(response, { closeConnection: options.faults.pending });
  };

  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') {
      return respond({ status: 204, headers: options.preflightHeaders });
    }
    const bodyText = method === 'GET' || method === 'HEAD' ? '' : await request.text();
    const sandboxRequest: SandboxRequest = {
      method,
      url,
      path: options.normalizePath(url.pathname),
      headers: request.headers,
      bodyText,
    };
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      return respond(await options.control(sandboxRequest));
    }

    const entry: LogEntry = {
      method,
      path: sandboxRequest.path,
      query: Object.fromEntries(url.searchParams),
      search: url.search.replace(/^\?/, ''),
      status: 0,
      requestBytes: Buffer.byteLength(bodyText),
      responseBytes: 0,
      time: options.now(),
    };
    if (options.logRequestBodies && (method === 'POST' || method === 'PUT') && bodyText !== '') {
      const parsed = parseJsonBody(bodyText);
      entry.body = parsed instanceof Error ? bodyText : parsed;
    }

    const fault = options.faults.take(method, sandboxRequest.path);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'drop') {
      options.log.record(entry);
      return droppedResponse();
    }
    if (fault?.kind === 'delay') await options.sleep(fault.ms);

    let response: Response;
    if (fault?.kind === 'oversize') {
      const headers = new Headers(options.corsHeaders);
      headers.set('Content-Type', options.jsonContentType);
      response = oversized(fault, headers);
    } else {
      const canned = fault ? cannedAnswer(fault, options) : undefined;
      response = respond(canned ?? (await options.api(sandboxRequest)));
    }
    entry.status = response.status;
    if (fault?.kind === 'drop-after-apply') {
      options.log.record(entry);
      return droppedResponse();
    }
    if (fault?.kind === 'trickle') response = await trickled(response, fault, options.sleep);
    entry.responseBytes = responseMeta(response).bodyBytes;
    options.log.record(entry);
    if (fault) setResponseMeta(response, { closeConnection: true });
    return response;
  };
}

/** The answer a fault gives instead of the route's (nothing applied); undefined: ask the route. */
function cannedAnswer(fault: Fault, options: PipelineOptions): ApiResult | undefined {
  switch (fault.kind) {
    case 'status': {
      const result = options.faultResult(fault);
      if (fault.retryAfter === undefined) return result;
      return { ...result, headers: { ...result.headers, 'Retry-After': String(fault.retryAfter) } };
    }
    case 'json':
      return { status: fault.status ?? 200, json: fault.body };
    case 'redirect':
      // No body, as servers send with a redirect: the Location header is the answer.
      return { status: fault.status, text: '', headers: { Location: fault.location } };
    case 'raw':
      // An empty text is sent without a Content-Type by toResponse, as a server would.
      return {
        status: fault.status,
        text: fault.body,
        contentType: fault.contentType ?? options.jsonContentType,
      };
    default:
      return undefined;
  }
}

/** A control answer: JSON, 200 unless told. */
export function controlJson(json: unknown, status = 200): ApiResult {
  return { status, json };
}

export function controlError(status: number, message: string): ApiResult {
  return { status, json: { error: message } };
}
