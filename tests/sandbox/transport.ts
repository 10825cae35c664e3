// The seam between the sandbox servers and whoever carries their requests: a handler is a plain
// `(Request) => Promise<Response>`, so the same code runs in-process (no sockets, for fast
// model-based tests) and behind the Node `http` adapter (for the browser and the demo).

/** A sandbox server: WHATWG Request in, Response out. */
export type Handler = (request: Request) => Promise<Response>;

/**
 * Waits `ms` milliseconds; injectable so in-process tests need not wait for real. An aborted
 * `signal` ends the wait early (it resolves: the caller checks why), so a trickling answer whose
 * client went away leaves no timer behind.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** What a route answers, before it becomes a Response (plain data, easy to assert on). */
export interface ApiResult {
  status: number;
  /** JSON body; when undefined, `text` is sent instead. */
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * Out-of-band facts about a response that only the transport can act on. Kept in a WeakMap rather
 * than in headers so nothing fake ever reaches a client.
 */
export interface ResponseMeta {
  /** Close the connection without answering (the request may or may not have been applied). */
  drop: boolean;
  /** Answer with `Connection: close` and close idle keep-alive connections (a fault is pending). */
  closeConnection: boolean;
  /** Size of the body in bytes, known when the sandbox built it. */
  bodyBytes: number;
  /**
   * The body is produced over time (a trickle or oversize fault): the HTTP adapter writes it as it
   * comes instead of buffering it, and the in-process fetch ties it to the request's signal.
   */
  streaming: boolean;
}

const metas = new WeakMap<Response, ResponseMeta>();

export function responseMeta(response: Response): ResponseMeta {
  return (
    metas.get(response) ?? { drop: false, closeConnection: false, bodyBytes: 0, streaming: false }
  );
}

export function setResponseMeta(response: Response, meta: Partial<ResponseMeta>): Response {
  metas.set(response, { ...responseMeta(response), ...meta });
  return response;
}

/** Turns an ApiResult into a Response with the given extra headers (CORS...). */
export function toResponse(
  result: ApiResult,
  jsonContentType: string,
  extraHeaders: Record<string, string>,
): Response {
  const headers = new Headers(extraHeaders);
  for (const [name, value] of Object.entries(result.headers ?? {})) headers.set(name, value);
  let body: string | null;
  if (result.json !== undefined) {
    body = JSON.stringify(result.json);
    headers.set('Content-Type', result.contentType ?? jsonContentType);
  } else {
    body = result.text ?? '';
    if (body !== '') headers.set('Content-Type', result.contentType ?? 'text/plain; charset=utf-8');
  }
  // 204/304 and redirects must not carry a body for the Fetch API to accept them.
  const nullBody = body === '' || result.status === 204 || result.status === 304;
  const response = new Response(nullBody ? null : body, { status: result.status, headers });
  return setResponseMeta(response, { bodyBytes: nullBody ? 0 : Buffer.byteLength(body) });
}

/** A response the transport must not deliver: the connection is cut instead. */
export function droppedResponse(): Response {
  return setResponseMeta(new Response(null, { status: 502 }), {
    drop: true,
    closeConnection: true,
  });
}

/**
 * A `fetch` that calls the handler directly. A dropped connection becomes the same
 * `TypeError('fetch failed')` undici throws, and an aborted signal rejects with its reason (also
 * while a streamed body is being read), so client code sees what it would see over a socket.
 * Redirects are never followed (there is no other server in-process): a 3xx comes back as it is,
 * as Node's fetch answers `redirect: 'manual'`. A `redirect` fault's Location is reached only over
 * HTTP (`serveHandler` and `startRecorder`).
 */
export function inProcessFetch(handler: Handler): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const signal = request.signal;
    if (signal.aborted) throw signal.reason;
    const response = await raceAbort(handler(request), signal);
    if (responseMeta(response).drop) {
      throw new TypeError('fetch failed', { cause: new Error('other side closed') });
    }
    return tieBodyToSignal(response, signal);
  };
}

/**
 * Real fetch errors a body still arriving when its signal aborts, and stops receiving it. Piping
 * through an identity stream with the signal does both: the reader rejects with the reason and
 * the source is cancelled (which stops a trickle's timers). Only streamed bodies need it; the
 * others are complete already.
 */
function tieBodyToSignal(response: Response, signal: AbortSignal): Response {
  const meta = responseMeta(response);
  if (!meta.streaming || response.body === null) return response;
  const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), {
    signal,
  });
  const tied = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  return setResponseMeta(tied, meta);
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Parses a JSON request body; `undefined` for an empty body, an Error for malformed JSON. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
