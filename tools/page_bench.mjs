// Time word segmentation of a 5,000-word article inside headless Chromium,
// with the same wasm the page loads (www/pkg), on the main thread of a page
// served from www/.
//
//   ./build.sh && node tools/page_bench.mjs
//
// Prints the median of 20 runs of `segment` on a text of 8,000 syllables
// (over 5,000 words once segmented) built from the sample articles
// (../shared/samples).
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, SAMPLES } from '../tests/e2e/helpers.mjs';

const words = [];
for (const f of fs.readdirSync(SAMPLES).sort()) {
  words.push(...fs.readFileSync(path.join(SAMPLES, f), 'utf8').split(/\s+/).filter(Boolean));
}
let text = '';
for (let n = 0, k = 0; n < 8000; n++, k = (k + 1) % words.length) text += (n ? ' ' : '') + words[k];

const srv = await serve();
const browser = await launch();
const page = await browser.context.newPage();
await page.goto(srv.url);
const result = await page.evaluate(async (t) => {
  const m = await import('./pkg/soi.js');
  await m.default();
  m.segment(t); // warm up
  const times = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    m.segment(t);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[10], words: m.segment(t).split(/\s+/).filter(Boolean).length };
}, text);
console.log(`segment, ${result.words} words (${text.length} chars) in Chromium: median ${result.median.toFixed(2)} ms`);
await browser.close();
await srv.close();
