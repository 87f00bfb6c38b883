// The analysis runs here, off the main thread; the wasm is loaded once.
// Large inputs are analyzed in paragraph-aligned chunks so that progress can
// be reported; the chunk results are merged into one analysis.
import init, { analyze, version } from './pkg/soi.js';

const CHUNK = 100_000; // UTF-16 units per chunk (at a line break)

const ready = init().then(() => {
  postMessage({ type: 'ready', version: version() });
}).catch((err) => {
  postMessage({ type: 'error', message: String(err) });
});

/** Split at line breaks into pieces of about CHUNK units: [text, cpOffset]. */
function chunks(text) {
  const out = [];
  let start = 0;
  let cp = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    if (end < text.length) {
      const nl = text.indexOf('\n', end);
      end = nl < 0 ? text.length : nl + 1;
    }
    // Never split a surrogate pair.
    const piece = text.slice(start, end);
    out.push([piece, cp]);
    let n = 0;
    for (const _ of piece) n++; // eslint-disable-line no-unused-vars
    cp += n;
    start = end;
  }
  return out;
}

function shift(list, d, keys = ['start', 'end']) {
  for (const x of list) for (const k of keys) x[k] += d;
}

/**
 * Take the words out of the result into typed arrays and one string, which
 * cross to the page without a per-object copy (the page rebuilds them in
 * slices); returns [packed, transferables].
 */
function packSentences(r) {
  const S = r.sentences;
  let nw = 0;
  for (const s of S) nw += s.words.length;
  const sent = new Int32Array(S.length * 3);
  const pos = new Int32Array(nw * 2);
  const kind = new Uint8Array(nw);
  const tlen = new Int32Array(nw);
  const kinds = [];
  const kindIx = new Map();
  const texts = [];
  let w = 0;
  S.forEach((s, i) => {
    sent[3 * i] = s.start;
    sent[3 * i + 1] = s.end;
    sent[3 * i + 2] = s.words.length;
    for (const x of s.words) {
      pos[2 * w] = x.start;
      pos[2 * w + 1] = x.end;
      let k = kindIx.get(x.kind);
      if (k === undefined) { k = kinds.length; kinds.push(x.kind); kindIx.set(x.kind, k); }
      kind[w] = k;
      tlen[w] = x.text.length;
      texts.push(x.text);
      w++;
    }
  });
  delete r.sentences;
  return [{ sent, pos, kind, tlen, kinds, text: texts.join('') }, [sent.buffer, pos.buffer, kind.buffer, tlen.buffer]];
}

/** Merge chunk analyses (offsets already shifted) into one. */
function merge(parts) {
  const [first, ...rest] = parts;
  const byKey = (list, key) => new Map(list.map((x) => [key(x), x]));
  const persons = byKey(first.persons, (p) => p.name.toLowerCase());
  const orgs = byKey(first.organizations, (o) => o.name.toLowerCase());
  const locs = byKey(first.locations, (o) => o.name.toLowerCase());
  const abbrs = byKey(first.abbreviations, (a) => a.short + '\u0000' + a.long);
  for (const r of rest) {
    for (const k of ['blocks', 'sentences', 'entities', 'dates', 'periods', 'documents', 'quantities']) first[k].push(...r[k]);
    for (const k of ['chars', 'syllables', 'words', 'sentences']) first.stats[k] += r.stats[k];
    for (const p of r.persons) {
      const have = persons.get(p.name.toLowerCase());
      if (!have) { persons.set(p.name.toLowerCase(), p); continue; }
      have.mentions.push(...p.mentions);
      for (const role of p.roles) if (!have.roles.includes(role)) have.roles.push(role);
      have.rank ??= p.rank;
    }
    for (const [list, map] of [[r.organizations, orgs], [r.locations, locs]]) {
      for (const o of list) {
        const have = map.get(o.name.toLowerCase());
        if (have) have.mentions.push(...o.mentions); else map.set(o.name.toLowerCase(), o);
      }
    }
    for (const a of r.abbreviations) {
      const k = a.short + '\u0000' + a.long;
      const have = abbrs.get(k);
      if (have) have.defined_in_text ||= a.defined_in_text; else abbrs.set(k, a);
    }
  }
  first.persons = [...persons.values()];
  first.organizations = [...orgs.values()];
  first.locations = [...locs.values()];
  first.abbreviations = [...abbrs.values()];
  return first;
}

onmessage = async (event) => {
  const { id, text } = event.data;
  await ready;
  try {
    const t0 = performance.now();
    let result;
    if (text.length <= CHUNK * 2) {
      result = analyze(text);
    } else {
      const pieces = chunks(text);
      const parts = [];
      for (let k = 0; k < pieces.length; k++) {
        const [piece, d] = pieces[k];
        const r = analyze(piece);
        if (d) {
          shift(r.blocks, d); shift(r.entities, d); shift(r.dates, d); shift(r.periods, d);
          shift(r.documents, d); shift(r.quantities, d);
          for (const s of r.sentences) { s.start += d; s.end += d; shift(s.words, d); }
          for (const x of [...r.persons, ...r.organizations, ...r.locations]) {
            x.mentions = x.mentions.map(([s, e]) => [s + d, e + d]);
          }
        }
        parts.push(r);
        postMessage({ type: 'progress', id, done: k + 1, total: pieces.length });
      }
      result = merge(parts);
      if (result.title === null) result.title = parts[0].title;
    }
    const ms = performance.now() - t0;
    const [packed, transfer] = packSentences(result);
    postMessage({ type: 'result', id, result, packed, ms }, transfer);
  } catch (err) {
    postMessage({ type: 'error', id, message: String(err) });
  }
};
