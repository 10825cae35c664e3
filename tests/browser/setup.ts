/**
 * Extension pages get their strings from `browser.i18n`; a test page has no extension APIs. This
 * gives `chrome.i18n` (what `wxt/browser` resolves to outside an extension) the real messages.json,
 * with Chrome's substitution rules. Import it first in every test file, before any component.
 */
interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

// Fetched rather than imported: Vite serves `public/` as is and refuses imports from it.
const response = await fetch('/_locales/en/messages.json');
if (!response.ok) throw new Error(`messages.json: HTTP ${response.status}`);
const table = (await response.json()) as Record<string, LocaleMessage>;

export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = table[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  const direct = (text: string) =>
    text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? direct(placeholder.content) : whole;
    })
    .replace(/\$\$/g, '$');
}

const g = globalThis as unknown as { chrome?: Record<string, unknown> };
g.chrome ??= {};
g.chrome.i18n = { getMessage, getUILanguage: () => 'en-US' };
