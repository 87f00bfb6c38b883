// The analysis runs here, off the main thread; the wasm is loaded once.
// Large inputs are analyzed in paragraph-aligned chunks so that progress can
// be reported; the chunk results are merged into one analysis.
import init, { analyze_packed as analyzePacked, version } from './pkg/soi.js';

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

/** Concatenate typed arrays of one type. */
function concat(arrays) {
  const out = new arrays[0].constructor(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) { out.set(a, at); at += a.length; }
  return out;
}

/**
 * Merge the packed sentences of chunks (offsets already shifted) into one;
 * returns [packed, transferables]. The words cross to the page as typed
 * arrays and one string of distinct word texts, without a per-object copy
 * (the page rebuilds them in slices). Each chunk's text indices are shifted
 * past the texts of the chunks before it.
 */
function mergePacked(parts) {
  let p = parts[0];
  if (parts.length > 1) {
    let base = 0;
    for (const x of parts) {
      if (base) for (let i = 0; i < x.tid.length; i++) x.tid[i] += base;
      base += x.tlen.length;
    }
    p = {
      sent: concat(parts.map((x) => x.sent)),
      pos: concat(parts.map((x) => x.pos)),
      kind: concat(parts.map((x) => x.kind)),
      tid: concat(parts.map((x) => x.tid)),
      tlen: concat(parts.map((x) => x.tlen)),
      kinds: parts[0].kinds,
      text: parts.map((x) => x.text).join(''),
    };
  }
  return [p, [p.sent.buffer, p.pos.buffer, p.kind.buffer, p.tid.buffer, p.tlen.buffer]];
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
    for (const k of ['blocks', 'entities', 'dates', 'periods', 'documents', 'quantities']) first[k].push(...r[k]);
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
    let packs;
    if (text.length <= CHUNK * 2) {
      const r = analyzePacked(text);
      result = r.result;
      packs = [r.packed];
    } else {
      const pieces = chunks(text);
      const parts = [];
      packs = [];
      for (let k = 0; k < pieces.length; k++) {
        const [piece, d] = pieces[k];
        const { result: r, packed: p } = analyzePacked(piece);
        if (d) {
          shift(r.blocks, d); shift(r.entities, d); shift(r.dates, d); shift(r.periods, d);
          shift(r.documents, d); shift(r.quantities, d);
          for (let i = 0; i < p.sent.length; i += 3) { p.sent[i] += d; p.sent[i + 1] += d; }
          for (let i = 0; i < p.pos.length; i++) p.pos[i] += d;
          for (const x of [...r.persons, ...r.organizations, ...r.locations]) {
            x.mentions = x.mentions.map(([s, e]) => [s + d, e + d]);
          }
        }
        parts.push(r);
        packs.push(p);
        postMessage({ type: 'progress', id, done: k + 1, total: pieces.length });
      }
      result = merge(parts);
      if (result.title === null) result.title = parts[0].title;
    }
    const [packed, transfer] = mergePacked(packs);
    const ms = performance.now() - t0;
    delete result.sentences;
    postMessage({ type: 'result', id, result, packed, ms }, transfer);
  } catch (err) {
    postMessage({ type: 'error', id, message: String(err) });
  }
};
