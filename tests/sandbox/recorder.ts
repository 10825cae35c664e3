// A loopback server that only records what reaches it: the "elsewhere" a `redirect` fault points
// at, to prove that a password or token sent to the sandbox never arrives anywhere else.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Recorder {
  /** `http://127.0.0.1:<port>`: another origin than either sandbox. */
  url: string;
  /** Every request that arrived, in order. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts the recorder. It answers every request 200 `{}`, so a client that followed a redirect here
 * would see a success and carry on: only `requests` tells.
 */
export async function startRecorder(host = '127.0.0.1'): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: { ...req.headers },
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
