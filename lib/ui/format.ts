import { t } from '../i18n.ts';

/** A number for reading: 25000 -> "25,000" in the browser's locale. */
export function formatCount(value: number): string {
  return value.toLocaleString();
}

export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(at: number): string {
  return new Date(at).toLocaleDateString(undefined, { dateStyle: 'long' });
}

/** "Synced just now" / "Synced 2 min ago" / "Synced 3 h ago" / "Synced on <date>". */
export function syncedAgo(at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return t('syncedJustNow');
  if (minutes < 60) return t('syncedMinutesAgo', formatCount(minutes));
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('syncedHoursAgo', formatCount(hours));
  return t('syncedOn', formatDateTime(at));
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return t('durationSeconds', formatCount(seconds));
  return t('durationMinutes', formatCount(Math.round(seconds / 60)));
}

/** Up to two letters for an avatar: "Ada Lovelace" -> "AL", "Contact 10" -> "C"; no letters -> "#". */
export function initials(name: string): string {
  const words = name.match(/\p{L}+/gu) ?? [];
  const letters = words.slice(0, 2).map((w) => [...w][0]?.toUpperCase() ?? '');
  return letters.join('') || '#';
}

/**
 * Only https URLs are loaded as images. Anything else is ignored: plain http (anyone on the path
 * would see, and could swap, the picture, and learn that the popup was opened), and javascript:,
 * data:, blob: or garbage.
 */
export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** A request's error without the class name describeError() puts first ("CubeApiError: "). */
export function plainError(message: string): string {
  return message.replace(/^[A-Z]\w*Error: /, '');
}
