import type { FirstScreen } from '../settings.ts';
import { isRegisteredRow } from './rows.ts';

/**
 * The first screen the background kept (lib/background/first-screen.ts), if it is one: anything
 * else (missing, of another shape, a row unreadable) is none, and the popup waits for IndexedDB as
 * it would without it. All or nothing: a first screen with a row left out would paint a list that
 * changes order when the whole one comes.
 */
export function readFirstScreen(value: unknown): FirstScreen | null {
  if (typeof value !== 'object' || value === null) return null;
  const { total, users } = value as { total?: unknown; users?: unknown };
  if (typeof total !== 'number' || !Number.isInteger(total) || !Array.isArray(users)) return null;
  if (users.length > total || !users.every(isRegisteredRow)) return null;
  return { total, users };
}
