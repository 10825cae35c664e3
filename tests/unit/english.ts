import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const table = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
) as Record<string, LocaleMessage>;

/**
 * The fake browser has no `i18n`: this gives it the real English messages with Chrome's
 * substitution rules, for tests of text the user reads. Call it in `beforeEach` (after the reset).
 */
export function useEnglish(): void {
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
    const entry = table[key];
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : [substitutions].flat();
    const direct = (text: string) =>
      text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? direct(placeholder.content) : whole;
    });
  }) as typeof fakeBrowser.i18n.getMessage;
}
