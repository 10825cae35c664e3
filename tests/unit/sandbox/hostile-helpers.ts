// Helpers for the hostile-answer fault tests: the same handler reached in-process or over a real
// socket, a body read piece by piece, and sleeps a test can hold, release or count.

import { serveHandler, type RunningServer } from '../../sandbox/http-adapter.ts';
import { inProcessFetch, realSleep, type Handler, type Sleep } from '../../sandbox/transport.ts';

export type Transport = 'in-process' | 'http';
export const TRANSPORTS: Transport[] = ['in-process', 'http'];

const servers: RunningServer[] = [];

/** The same handler reached either directly or over a real socket on 127.0.0.1:0. */
export async function reach(
  handler: Handler,
  transport: Transport,
): Promise<{ fetch: typeof fetch; base: string }> {
  if (transport === 'in-process') {
    return { fetch: inProcessFetch(handler), base: 'http://sandbox.test' };
  }
  const server = await serveHandler(handler, { port: 0 });
  servers.push(server);
  return { fetch: globalThis.fetch, base: server.url };
}

/** For afterEach: closes every server `reach` started. */
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
}

/** Reads a body to its end, keeping the pieces as they arrived. */
export async function readPieces(response: Response): Promise<{ pieces: number; text: string }> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    chunks.push(next.value);
  }
  return { pieces: chunks.length, text: Buffer.concat(chunks).toString('utf8') };
}

/** Counts a body's bytes without keeping them (oversize bodies). */
export async function countBytes(response: Response): Promise<number> {
  const reader = response.body?.getReader();
  let total = 0;
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) return total;
    total += next.value.byteLength;
  }
}

export interface HeldSleep {
  ms: number;
  signal: AbortSignal | undefined;
  release(): void;
}

/** A sleep that waits until the test releases it: virtual time, one step at a time. */
export function gatedSleep(): Sleep & { held: HeldSleep[] } {
  const held: HeldSleep[] = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      held.push({ ms, signal, release: resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  return Object.assign(sleep, { held });
}

/** Real timers, counted: how many waits started and how many are still running. */
export function countedSleep(): Sleep & { started: () => number; running: () => number } {
  let started = 0;
  let running = 0;
  const sleep: Sleep = async (ms, signal) => {
    started += 1;
    running += 1;
    try {
      await realSleep(ms, signal);
    } finally {
      running -= 1;
    }
  };
  return Object.assign(sleep, { started: () => started, running: () => running });
}
