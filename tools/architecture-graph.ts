import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The parts drawn: each lib/ folder, the files directly in lib/, the pages and the entrypoints. */
export function layerOf(root: string, file: string): string | null {
  const parts = relative(root, file).split(sep);
  if (parts[0] === 'components' || parts[0] === 'entrypoints') return parts[0];
  if (parts[0] !== 'lib') return null;
  return parts.length > 2 ? `lib/${parts[1]}` : 'lib (root)';
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:from\s+|import\s*\(\s*)'([^']+)'/g;

/** Who imports whom, between parts (type-only imports count: they are words one part borrows). */
export function layerGraph(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const files = ['lib', 'components', 'entrypoints'].flatMap((d) => sources(join(root, d)));
  for (const file of files) {
    const from = layerOf(root, file);
    if (!from) continue;
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (!spec) continue;
      const target = spec.startsWith('@/')
        ? join(root, spec.slice(2))
        : spec.startsWith('.')
          ? resolve(dirname(file), spec)
          : null;
      // A folder's index counts as the folder: `@/lib/sync` -> lib/sync/….
      const to = target && layerOf(root, statIsDir(target) ? join(target, 'index.ts') : target);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

function statIsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const id = (layer: string) => layer.replace(/[^a-z]/gi, '_');

/** The graph as mermaid, sorted so the same code gives the same text. */
export function mermaid(graph: Map<string, Set<string>>): string {
  const edges = [...graph]
    .flatMap(([from, tos]) => [...tos].map((to) => [from, to] as const))
    .sort(([a, b], [c, d]) => a.localeCompare(c) || b.localeCompare(d));
  const nodes = [...new Set(edges.flat())].sort();
  return [
    '```mermaid',
    'graph LR',
    ...nodes.map((n) => `  ${id(n)}["${n}"]`),
    ...edges.map(([from, to]) => `  ${id(from)} --> ${id(to)}`),
    '```',
  ].join('\n');
}

export const BEGIN = '<!-- layers:begin (npm run docs:architecture) -->';
export const END = '<!-- layers:end -->';

/** The doc with the picture between the markers replaced. */
export function withPicture(doc: string, picture: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the doc lacks the markers ${BEGIN} … ${END}`);
  // Blank lines around the picture, as prettier writes markdown.
  return `${doc.slice(0, start + BEGIN.length)}\n\n${picture}\n\n${doc.slice(end)}`;
}

/** Imports that point the wrong way: [from, to] pairs the layering forbids. */
export const FORBIDDEN: readonly (readonly [string, string])[] = [
  ['lib/db', 'lib/sync'],
  ['lib/sync', 'lib/connectycube'],
  ['lib/sync', 'lib/google'],
  ['lib/sync', 'lib/background'],
  ['components', 'lib/sync'],
  ['components', 'lib/connectycube'],
  ['components', 'lib/google'],
  ['components', 'lib/background'],
  ['lib/ui', 'lib/sync'],
  ['lib/domain', 'lib/db'],
  ['lib/domain', 'lib/sync'],
];

export function wrongWay(graph: Map<string, Set<string>>): string[] {
  return FORBIDDEN.filter(([from, to]) => graph.get(from)?.has(to)).map(
    ([from, to]) => `${from} -> ${to}`,
  );
}
