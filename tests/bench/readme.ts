// Writes the bench's output into README's performance section, between two markers, so the table
// there is always a measurement and never typed by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

type Cell = string | number | undefined;

function table(rows: Record<string, Cell>[]): string {
  if (rows.length === 0) return '';
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const line = (cells: Cell[]) => `| ${cells.map((c) => String(c ?? '')).join(' | ')} |`;
  return [
    line(keys),
    line(keys.map(() => '---')),
    ...rows.map((r) => line(keys.map((k) => r[k]))),
  ].join('\n');
}

export function performanceMarkdown(
  phases: Record<string, Cell>[],
  scenarios: Record<string, Cell>[],
  notes: string[],
): string {
  const date = new Date().toISOString().slice(0, 10);
  return [
    `Measured by \`npm run bench\` on ${date} (this machine: 2 cores; one run each).`,
    '',
    'From the click on "Connect Google" to the complete book on the server, beside the minimal client:',
    '',
    table(phases),
    '',
    'Each sync after it (`phases`: milliseconds in import, project, upload, registered check, notify):',
    '',
    table(scenarios),
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
}

/** Replaces the section and formats the file as `npm run check` expects it. */
export async function writeReadmeSection(markdown: string, path = 'README.md'): Promise<void> {
  const readme = readFileSync(path, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${START} … ${END} section`);
  const next = `${readme.slice(0, start + START.length)}\n${markdown}\n${readme.slice(end)}`;
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(next, { ...options, filepath: path }));
}
