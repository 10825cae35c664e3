import type { NameCandidate } from './types.ts';

/** The server accepts names of 1 to 255 characters. */
export const NAME_MAX_LENGTH = 255;

let segmenter: Intl.Segmenter | undefined;

/**
 * User-perceived characters (grapheme clusters), so a cut never splits an emoji, a flag or a
 * letter from its accent. Falls back to code points where `Intl.Segmenter` is missing.
 */
function* graphemes(text: string): Generator<string> {
  if (typeof Intl.Segmenter !== 'function') {
    yield* text;
    return;
  }
  // 'en': grapheme rules do not depend on the locale, and a fixed one keeps the result identical
  // whatever the browser's language.
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const { segment } of segmenter.segment(text)) yield segment;
}

/**
 * Cuts `text` to at most `max` UTF-16 code units on a grapheme boundary. Counting code units is
 * the strictest reading of "255 characters" (a code point or grapheme count is never larger), so
 * the server accepts the result however it counts.
 */
export function truncateName(text: string, max: number = NAME_MAX_LENGTH): string {
  if (text.length <= max) return text;
  let out = '';
  for (const piece of graphemes(text)) {
    if (out.length + piece.length > max) break;
    out += piece;
  }
  if (out === '') {
    // A single cluster longer than the limit (pathological stacks of combining marks): keep whole
    // code points rather than send nothing.
    for (const point of text) {
      if (out.length + point.length > max) break;
      out += point;
    }
  }
  return out.trimEnd();
}

/**
 * The name to upload for a display name, or '' when there is none. NFC so that the same name typed
 * on two devices compares equal; control characters and runs of whitespace (line breaks pasted
 * into a name field) become one space.
 */
export function cleanName(displayName: string): string {
  const flat = displayName
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncateName(flat);
}

/** Code-unit order: unlike `localeCompare`, identical on every machine and browser language. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const OTHER_CONTACTS_PREFIX = 'otherContacts/';

/** Digits and dialling punctuation only: a number standing in for a name, or typed as one. */
const PHONE_LIKE = /^[\d\s+().\-/#*]*$/;

/**
 * The name of an entry several people share; '' only when every candidate's name is empty. The
 * result does not depend on the order of `candidates`:
 * 1. non-empty names only;
 * 2. real names before phone-like ones ('(212) 555-0123' — the stand-in `projectPhones` gives
 *    unnamed people, or a number the user typed as a name), which say nothing the phone does not;
 * 3. saved contacts (`people/…`) before "other contacts" (`otherContacts/…`), whose names Google
 *    guessed from e-mail headers rather than the user typing them;
 * 4. the smallest name in code-unit order — a rule the user can predict from what they see, unlike
 *    the opaque resourceName.
 */
export function chooseName(candidates: readonly NameCandidate[]): string {
  let best: NameCandidate | undefined;
  for (const candidate of candidates) {
    if (candidate.name.trim() === '') continue;
    if (best === undefined || rank(candidate, best) < 0) best = candidate;
  }
  return best?.name ?? '';
}

function rank(a: NameCandidate, b: NameCandidate): number {
  return (
    flag(PHONE_LIKE.test(a.name)) - flag(PHONE_LIKE.test(b.name)) ||
    flag(a.resourceName.startsWith(OTHER_CONTACTS_PREFIX)) -
      flag(b.resourceName.startsWith(OTHER_CONTACTS_PREFIX)) ||
    compareStrings(a.name, b.name)
  );
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}
