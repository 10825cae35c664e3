import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every locale against the code and against English: a key the code uses is in every locale, no
 * locale keeps a key the code never uses, and each message has English's placeholders.
 *
 * The keys the code uses are found by scanning the source: in every file that imports `lib/i18n`
 * (`t`, or the `MessageKey` type of typed key tables such as triggers' and the run table's), each
 * string literal that is a key of the English file; each literal passed straight to `t(` /
 * `say(` whether it is a key or not (so a typo is reported as missing); and the manifest's
 * `__MSG_x__`. A `t()` key built from a template literal cannot be scanned, so it fails the test.
 */

const ROOT = join(import.meta.dirname, '../../..');
const LOCALES_DIR = join(ROOT, 'public/_locales');
const SOURCE_DIRS = ['components', 'lib', 'entrypoints'];
const MANIFEST_SOURCES = ['wxt.config.ts'];

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type Messages = Record<string, Message>;

function readLocale(locale: string): Messages {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Messages;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|html)$/.test(entry.name) ? [path] : [];
  });
}

const IMPORTS_I18N = /from\s+['"][^'"]*\/i18n(?:\.ts)?['"]/;
const STRING_LITERAL = /(['"`])([A-Za-z][\w]*)\1/g;
const DIRECT_CALL = /\b(?:t|say)\(\s*(['"`])([^'"`$]*)\1/g;
const TEMPLATE_CALL = /\bt\(\s*`[^`]*\$\{/g;
const MANIFEST_REF = /__MSG_(\w+)__/g;

function scanUsedKeys(english: Messages): { used: Map<string, string[]>; dynamic: string[] } {
  const used = new Map<string, string[]>();
  const dynamic: string[] = [];
  const note = (key: string, file: string) => {
    const where = relative(ROOT, file);
    const files = used.get(key) ?? [];
    if (!files.includes(where)) files.push(where);
    used.set(key, files);
  };
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    for (const [, key] of text.matchAll(MANIFEST_REF)) note(key!, file);
    if (!IMPORTS_I18N.test(text)) continue;
    for (const [, , key] of text.matchAll(DIRECT_CALL)) note(key!, file);
    for (const [, , literal] of text.matchAll(STRING_LITERAL)) {
      if (Object.hasOwn(english, literal!)) note(literal!, file);
    }
    for (const match of text.matchAll(TEMPLATE_CALL)) {
      dynamic.push(`${relative(ROOT, file)}: ${match[0]}`);
    }
  }
  for (const file of MANIFEST_SOURCES) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, key] of text.matchAll(MANIFEST_REF)) note(key!, join(ROOT, file));
  }
  return { used, dynamic };
}

/** A message's placeholders as name -> content, and the `$NAME$`s its text uses, sorted. */
function placeholderShape(message: Message): { declared: string[]; referenced: string[] } {
  const declared = Object.entries(message.placeholders ?? {})
    .map(([name, { content }]) => `${name.toLowerCase()}=${content}`)
    .sort();
  const referenced = [...message.message.matchAll(/\$([A-Za-z]\w*)\$/g)]
    .map(([, name]) => name!.toLowerCase())
    .sort();
  return { declared, referenced };
}

const locales = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const english = readLocale('en');
const { used, dynamic } = scanUsedKeys(english);

describe('locales', () => {
  it('ships English and German', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'de']));
  });

  it('the scan finds the keys of t() calls, typed key tables and the manifest', () => {
    // Guards the scan itself: one of each kind of use.
    expect(used.get('syncNow')).toBeDefined(); // t('syncNow')
    expect(used.get('triggerScheduled')).toEqual(['lib/ui/triggers.ts']); // Record<Trigger, MessageKey>
    expect(used.get('fieldLogin')).toBeDefined(); // label: 'fieldLogin'
    expect(used.get('errorBoundaryTitle')).toBeDefined(); // say('errorBoundaryTitle')
    expect(used.get('extName')).toEqual(['wxt.config.ts']); // __MSG_extName__
  });

  it('no t() key is built at run time (the scan could not see it)', () => {
    expect(dynamic).toEqual([]);
  });

  describe.each(locales)('%s', (locale) => {
    const messages = readLocale(locale);

    it('has every key the code uses', () => {
      const missing = [...used.keys()].filter((key) => !Object.hasOwn(messages, key));
      expect(missing.map((key) => `${key} (used in ${used.get(key)!.join(', ')})`)).toEqual([]);
    });

    it('has no key the code never uses', () => {
      expect(Object.keys(messages).filter((key) => !used.has(key))).toEqual([]);
    });

    it("has English's placeholders for each key, used in its text", () => {
      const wrong = Object.keys(messages).flatMap((key) => {
        const mine = placeholderShape(messages[key]!);
        const theirs = Object.hasOwn(english, key) ? placeholderShape(english[key]!) : mine;
        const ok =
          JSON.stringify(mine.declared) === JSON.stringify(theirs.declared) &&
          JSON.stringify(mine.referenced) === JSON.stringify(theirs.referenced);
        return ok ? [] : [`${key}: ${JSON.stringify(mine)} vs English ${JSON.stringify(theirs)}`];
      });
      expect(wrong).toEqual([]);
    });

    it('has a non-empty message for each key', () => {
      const empty = Object.keys(messages).filter((key) => !messages[key]!.message?.trim());
      expect(empty).toEqual([]);
    });
  });
});
