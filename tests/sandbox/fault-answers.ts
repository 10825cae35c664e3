// Answers whose body misbehaves over time (see faults.ts): a body that trickles in, and one too
// large to keep. Both are streams pulled on demand, so nothing is produced for a client that
// stopped reading, and cancelling the stream (a client abort, a closed socket) stops every timer.

import { DEFAULT_TRICKLE_CHUNKS, type Fault } from './faults.ts';
import { responseMeta, setResponseMeta, type Sleep } from './transport.ts';

export type TrickleFault = Extract<Fault, { kind: 'trickle' }>;
export type OversizeFault = Extract<Fault, { kind: 'oversize' }>;

/** Bytes per piece of an oversize body: large enough to be quick, small enough to stay bounded. */
const OVERSIZE_PIECE = 64 * 1024;

/**
 * The same answer (status, headers), its body re-sent in pieces with a wait before each. The
 * request was handled already: trickling changes when the client gets the answer, not what it is.
 */
export async function trickled(
  response: Response,
  fault: TrickleFault,
  sleep: Sleep,
): Promise<Response> {
  if (response.body === null) return response;
  const meta = responseMeta(response);
  const pieces = split(new Uint8Array(await response.arrayBuffer()), fault.chunks);
  const stop = new AbortController();
  let next = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const piece = pieces[next];
        if (piece === undefined) return controller.close();
        // The signal ends the wait when the stream is cancelled, so no timer outlives the client.
        await sleep(fault.intervalMs, stop.signal);
        if (stop.signal.aborted) return;
        next += 1;
        controller.enqueue(piece);
        if (next === pieces.length) controller.close();
      },
      cancel() {
        stop.abort();
      },
    },
    // Nothing is read ahead: each wait starts only when someone wants the next piece.
    { highWaterMark: 0 },
  );
  const slow = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  return setResponseMeta(slow, { ...meta, streaming: true });
}

/** Splits into `chunks` pieces of nearly equal size (never an empty one). */
function split(bytes: Uint8Array, chunks = DEFAULT_TRICKLE_CHUNKS): Uint8Array[] {
  const count = Math.min(chunks, bytes.byteLength);
  const pieces: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = Math.floor((bytes.byteLength * index) / count);
    const end = Math.floor((bytes.byteLength * (index + 1)) / count);
    pieces.push(bytes.subarray(start, end));
  }
  return pieces;
}

/**
 * 200 with a body of exactly `fault.bytes` bytes, produced piece by piece (never held whole):
 * `{"padding":"xxx…"}` from 14 bytes, `{}` and spaces from 2 (still valid JSON), else spaces.
 */
export function oversized(fault: OversizeFault, headers: Headers): Response {
  const total = fault.bytes;
  const shape = paddingShape(total);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const piece = new Uint8Array(Math.min(OVERSIZE_PIECE, total - sent)).fill(shape.fill);
        overlay(piece, sent, shape.head, 0);
        overlay(piece, sent, shape.tail, total - shape.tail.byteLength);
        sent += piece.byteLength;
        controller.enqueue(piece);
        if (sent >= total) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  if (fault.contentLength) headers.set('Content-Length', String(total));
  const response = new Response(total === 0 ? null : body, { status: 200, headers });
  return setResponseMeta(response, { bodyBytes: total, streaming: total > 0 });
}

interface PaddingShape {
  head: Uint8Array;
  tail: Uint8Array;
  fill: number;
}

function paddingShape(total: number): PaddingShape {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
  const space = 0x20;
  if (total >= 14) return { head: encode('{"padding":"'), tail: encode('"}'), fill: 0x78 };
  if (total >= 2) return { head: encode('{}'), tail: new Uint8Array(0), fill: space };
  return { head: new Uint8Array(0), tail: new Uint8Array(0), fill: space };
}

/** Writes the part of `part` (placed at body offset `at`) that falls in `piece` (at `offset`). */
function overlay(piece: Uint8Array, offset: number, part: Uint8Array, at: number): void {
  for (let index = 0; index < part.byteLength; index += 1) {
    const position = at + index - offset;
    if (position >= 0 && position < piece.byteLength) piece[position] = part[index] ?? 0;
  }
}
