/**
 * `npm run docs:architecture`: draws the layers (who imports whom between lib/ folders, the pages
 * and the entrypoints) from the code into docs/architecture.md, between its markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layerGraph, mermaid, withPicture, wrongWay } from './architecture-graph.ts';

const root = join(import.meta.dirname, '..');
const docPath = join(root, 'docs/architecture.md');
const graph = layerGraph(root);
writeFileSync(docPath, withPicture(readFileSync(docPath, 'utf8'), mermaid(graph)));
const wrong = wrongWay(graph);
if (wrong.length > 0) {
  console.error(`Imports pointing the wrong way:\n${wrong.join('\n')}`);
  process.exitCode = 1;
}
