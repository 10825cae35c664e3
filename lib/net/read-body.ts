// Reading an answer's body within a size limit, for fetchWithRetry (retry.ts): a server that sends
// more than the extension ever needs is not trusted to end.

/** The answer was bigger than `maxBodyBytes`: not read, not retried. */
export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(host: string, limit: number) {
    super(`${host} sent an answer larger than ${Math.round(limit / 1024 / 1024)} MB`);
  }
}

/** Frees the connection of a response that will not be read. */
export function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/** Reads the whole body, at most `limit` bytes; the signal (the attempt's deadline) stops it. */
export async function readBody(
  response: Response,
  limit: number,
  host: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) {
    discard(response);
    throw new ResponseTooLargeError(host, limit);
  }
  if (!response.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(host, limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** A response whose body was read already, so reading it again cannot hang or grow. */
export function buffered(response: Response, body: Uint8Array<ArrayBuffer>): Response {
  const empty = response.status === 204 || response.status === 304 || body.byteLength === 0;
  return new Response(empty ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
