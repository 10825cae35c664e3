/**
 * Guards for what servers answer: nothing a server sends reaches the database unchecked. An item
 * of the wrong shape is dropped (and counted); an answer of the wrong shape fails the request with
 * a message that names the server and the field.
 */

/** The answer itself is not what the API documents. */
export class MalformedAnswerError extends Error {
  override name = 'MalformedAnswerError';
  constructor(server: string, field: string, problem: string) {
    super(`${server} sent a malformed answer: ${field} ${problem}`);
  }
}

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString = (value: unknown): value is string => typeof value === 'string';

/** A safe positive integer (ids). */
export const isId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** A string, null or absent: optional text fields. Anything else is not. */
export const isOptionalText = (value: unknown): value is string | null | undefined =>
  value === undefined || value === null || typeof value === 'string';

/** The answer's body as an object, or a MalformedAnswerError. */
export function record(server: string, field: string, value: unknown): Json {
  if (!isRecord(value)) throw new MalformedAnswerError(server, field, 'is not an object');
  return value;
}

/** A list field: absent or null is empty; anything else but a list fails the answer. */
export function list(server: string, field: string, value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedAnswerError(server, field, 'is not a list');
  return value;
}

/** Items that pass `read` (which returns null for a malformed one), and how many were dropped. */
export function readItems<T>(
  items: readonly unknown[],
  read: (item: unknown) => T | null,
): {
  items: T[];
  dropped: number;
} {
  const good: T[] = [];
  for (const item of items) {
    const value = read(item);
    if (value !== null) good.push(value);
  }
  return { items: good, dropped: items.length - good.length };
}

/** An optional string field: absent when not a string. */
export function optionalString(value: unknown, field: string): Record<string, string> {
  return typeof value === 'string' ? { [field]: value } : {};
}
