// Renders public/icon/icon.svg to the PNG sizes the manifest needs. The PNGs are committed, so a
// build never depends on a native renderer; run this again after editing the SVG.
import { readFileSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const svg = readFileSync('public/icon/icon.svg', 'utf8');
for (const size of [16, 32, 48, 128]) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  writeFileSync(`public/icon/${size}.png`, png);
  console.log(`public/icon/${size}.png`, png.length, 'bytes');
}
