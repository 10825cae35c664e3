// Serves a handler over real HTTP on 127.0.0.1 (for the browser, the SDKs and the demo).
// Node req/res <-> WHATWG Request/Response; "drop" destroys the socket; "delay" happened in the
// handler already (the pipeline waits before answering); streamed bodies (trickle, oversize) are
// written as they come and cancelled when the client goes away.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { responseMeta, type Handler } from './transport.ts';

export interface ServeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function serveHandler(
  handler: Handler,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void answer(handler, server, host, req, res).catch((error: unknown) => {
      console.error('sandbox: handler failed', error);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json', Connection: 'close' });
        res.end(JSON.stringify({ error: String(error) }));
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function answer(
  handler: Handler,
  server: Server,
  host: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);

  // The request's signal aborts when the client goes away (e.g. a client-side timeout).
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD' && body.length > 0;
  const request = new Request(`http://${req.headers.host ?? host}${req.url ?? '/'}`, {
    method,
    headers,
    ...(hasBody ? { body } : {}),
    signal: controller.signal,
  });

  const response = await handler(request);
  const meta = responseMeta(response);
  if (meta.drop) {
    // A connection cut before any byte of an answer: the client sees a network error.
    req.socket.destroy();
    return;
  }
  if (res.destroyed) {
    // The client left while the handler worked: a streamed body must stop producing.
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    outHeaders[name] = value;
  });
  if (meta.closeConnection) {
    outHeaders.connection = 'close';
    // Idle keep-alive connections opened before a fault was queued would otherwise be reused, and
    // Chrome silently re-sends a request when such a connection closes under it. Closing them
    // before answering (not after) lets the client see them go before it sends anything else.
    server.closeIdleConnections();
  }
  if (meta.streaming && response.body !== null) {
    // Headers now, the body as it comes (chunked unless the response declared its length).
    res.writeHead(response.status, outHeaders);
    // Node holds the headers back until the first body write; a trickle sends them at once.
    res.flushHeaders();
    await writeStream(response.body, res);
    return;
  }
  const payload = Buffer.from(await response.arrayBuffer());
  outHeaders['content-length'] = String(payload.length);
  res.writeHead(response.status, outHeaders);
  res.end(payload);
}

/**
 * Copies a streamed body to the socket, waiting for the socket to drain (an oversize body must
 * not pile up in memory) and cancelling the stream as soon as the client goes away (a trickle's
 * timers stop with it).
 */
async function writeStream(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  let gone = false;
  const onClose = (): void => {
    if (res.writableFinished) return;
    gone = true;
    // A pending read resolves as done once cancelled, which ends the loop below.
    reader.cancel().catch(() => undefined);
  };
  res.on('close', onClose);
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done || gone) break;
      if (!res.write(next.value)) await drainedOrClosed(res);
    }
    if (!gone) res.end();
  } catch (error) {
    // The stream failed mid-body: the client must see a cut answer, not a complete short one.
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    res.off('close', onClose);
  }
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
