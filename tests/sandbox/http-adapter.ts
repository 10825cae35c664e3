// Serves a handler over real HTTP on 127.0.0.1 (for the browser, the SDKs and the demo).
// Node req/res <-> WHATWG Request/Response; "drop" destroys the socket; "delay" happened in the
// handler already (the pipeline waits before answering).

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
  if (res.destroyed) return;
  const payload = Buffer.from(await response.arrayBuffer());
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
  outHeaders['content-length'] = String(payload.length);
  res.writeHead(response.status, outHeaders);
  res.end(payload);
}
