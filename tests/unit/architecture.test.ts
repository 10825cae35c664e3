import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerGraph, mermaid, withPicture, wrongWay } from '../../tools/architecture-graph.ts';

const root = join(import.meta.dirname, '../..');

describe('docs/architecture.md', () => {
  const graph = layerGraph(root);

  it('draws the layers as the code has them (else: npm run docs:architecture)', () => {
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    expect(withPicture(doc, mermaid(graph))).toBe(doc);
  });

  it('no import points the wrong way', () => {
    expect(wrongWay(graph)).toEqual([]);
  });

  it('sees a wrong-way import', () => {
    const bad = new Map([['lib/db', new Set(['lib/sync', 'lib/domain'])]]);
    expect(wrongWay(bad)).toEqual(['lib/db -> lib/sync']);
  });

  it('README links it', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('(docs/architecture.md)');
  });
});
