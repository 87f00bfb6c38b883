// Throughput of the WebAssembly build in node, on the benchmark corpus.
//
//   node tools/wasm_bench.mjs [--pkg DIR] [--corpus FILE] [--quick]
//
// --pkg     the wasm-bindgen `--target web` output to load (default www/pkg,
//           built by ./build.sh)
// --corpus  the text (default target/bench-corpus/corpus.txt, built by
//           tools/make_corpus.sh)
// --quick   fewer repetitions
//
// Times `analyze` (which returns a plain JS object, so the time includes
// building that object; compared with native analyze), `analyze_packed` (the
// same analysis with the words in typed arrays, as the page's worker takes
// it; compared with native analyze_lazy), `analyze_json` (the same analysis
// as JSON text, as the CLI writes it; compared with native analyze+json) and
// `segment` on the
// corpus and on prefixes of it (1 KB, 100 KB, 1 MB, full), and prints MB/s
// (10^6 bytes of UTF-8 input per second). If target/bench-corpus/native.json exists (written by
// `cargo bench --bench pipeline` on the same corpus), prints the WASM/native
// ratio too. Each figure is the median of repeated runs.

import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
const pkg = resolve(opt('--pkg', join(root, 'www/pkg')));
const corpusPath = resolve(opt('--corpus', join(root, 'target/bench-corpus/corpus.txt')));
const quick = args.includes('--quick');

for (const f of [join(pkg, 'soi.js'), join(pkg, 'soi_bg.wasm'), corpusPath]) {
  if (!existsSync(f)) {
    console.error(`missing ${f} (build www/pkg with ./build.sh, the corpus with tools/make_corpus.sh)`);
    process.exit(2);
  }
}

const soi = await import(pathToFileURL(join(pkg, 'soi.js')).href);
soi.initSync({ module: readFileSync(join(pkg, 'soi_bg.wasm')) });
soi.warm_up();

const corpus = readFileSync(corpusPath, 'utf8');
const utf8 = (s) => Buffer.byteLength(s, 'utf8');

/** The longest prefix of at most n UTF-8 bytes that ends at a line end. */
function prefix(s, n) {
  const buf = Buffer.from(s, 'utf8');
  if (n >= buf.length) return s;
  let end = n;
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  const nl = buf.lastIndexOf(0x0a, end - 1);
  return buf.subarray(0, nl > 0 ? nl + 1 : end).toString('utf8');
}

/** Median milliseconds of one call, over runs lasting about budgetMs. */
function time(f, budgetMs) {
  f(); // warm-up
  const samples = [];
  const start = performance.now();
  while (samples.length < 3 || (performance.now() - start < budgetMs && samples.length < 1000)) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const mbps = (bytes, ms) => bytes / (ms / 1000) / 1e6;
const budget = quick ? 300 : 1500;

let native = null;
const nativePath = join(root, 'target/bench-corpus/native.json');
if (existsSync(nativePath)) {
  native = JSON.parse(readFileSync(nativePath, 'utf8'));
  if (native.corpus_bytes !== utf8(corpus)) native = null; // another corpus
}

console.log(`## WebAssembly in node ${process.version} (${pkg})\n`);
console.log('| input | bytes | stage | time | MB/s | WASM/native |');
console.log('|---|---:|---|---:|---:|---:|');
const sizes = [['1 KB', 1000], ['100 KB', 100000], ['1 MB', 1000000], ['10 MB', Infinity]];
for (const [label, n] of sizes) {
  const text = prefix(corpus, n);
  const bytes = utf8(text);
  const full = n === Infinity;
  const stages = [
    ['analyze', () => soi.analyze(text)],
    ['analyze_packed', () => soi.analyze_packed(text)],
    ['analyze_json', () => soi.analyze_json(text)],
    ['segment', () => soi.segment(text)],
  ];
  for (const [stage, f] of stages) {
    const ms = time(f, full ? budget * 4 : budget);
    const speed = mbps(bytes, ms);
    let ratio = '';
    if (full && native) {
      // Like against like: analyze (every word a JS object) against native
      // analyze (every word a Rust value); analyze_packed (the page's form:
      // the words in typed arrays and a table of texts) against native
      // analyze_lazy (the words in the pipeline's arrays, made on demand);
      // analyze_json (JSON text) against native analyze+json.
      const nat = { analyze: native.analyze_mbps, analyze_packed: native.analyze_lazy_mbps, analyze_json: native.analyze_json_mbps, segment: native.segment_mbps }[stage];
      if (nat > 0) ratio = (speed / nat).toFixed(2);
    }
    console.log(`| ${label} | ${bytes} | ${stage} | ${ms.toFixed(3)} ms | ${speed.toFixed(1)} | ${ratio} |`);
  }
}
if (!native) {
  console.log('\n(no WASM/native ratio: run `cargo bench --bench pipeline` first, on the same corpus)');
}
