// soi page: sends the text to the worker and renders the analysis.
// User text is only ever inserted as text nodes (textContent), never as HTML.
import { STRINGS } from './i18n.js';

const $ = (id) => document.getElementById(id);
const KINDS = ['person', 'rank', 'role', 'organization', 'location', 'date', 'period', 'document', 'abbreviation', 'quantity'];
const PANELS = ['persons', 'documents', 'organizations', 'locations', 'dates', 'periods', 'abbreviations', 'quantities'];
const SENTENCES_PER_PAGE = 100;
const ENTITIES_PER_SLICE = 400;
const WORDS_PER_SLICE = 20_000;

/** The last analysis and its input: used by export, and read by the tests. */
const state = { text: '', result: null, ms: 0, lang: 'vi', shownSentences: 0, hidden: new Set() };
window.soi = state;

let T = STRINGS.vi;
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let ready = false;
let nextId = 0;
let pendingId = -1;
let runWhenReady = false;

// ---------------------------------------------------------------- language
function applyLang(lang) {
  state.lang = lang;
  T = STRINGS[lang];
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll('[data-i18n]')) {
    const v = T[e.dataset.i18n];
    if (typeof v === 'string') e.textContent = v;
  }
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = T[e.dataset.i18nPlaceholder];
  for (const e of document.querySelectorAll('[data-i18n-aria]')) e.setAttribute('aria-label', T[e.dataset.i18nAria]);
  const other = lang === 'vi' ? 'en' : 'vi';
  $('lang').textContent = T.lang;
  $('lang').setAttribute('aria-label', T['lang-aria']);
  $('lang').lang = other;
  setStatus(ready ? T.ready : T.loading);
  if (state.result) render(state.text, state.result);
}
$('lang').addEventListener('click', () => applyLang(state.lang === 'vi' ? 'en' : 'vi'));

// ---------------------------------------------------------------- worker
worker.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'ready') {
    ready = true;
    document.body.dataset.ready = 'true';
    $('version').textContent = msg.version;
    setStatus(T.ready);
    if (runWhenReady) run();
  } else if (msg.type === 'progress') {
    if (msg.id !== pendingId) return;
    $('progress').hidden = false;
    $('progress').max = msg.total;
    $('progress').value = msg.done;
  } else if (msg.type === 'result') {
    if (msg.id !== pendingId) return; // a newer request is on its way
    $('progress').hidden = true;
    state.result = msg.result;
    state.ms = msg.ms;
    const s = msg.result.stats;
    setStatus(T.done(s.words, s.sentences, msg.ms.toFixed(1)));
    const id = msg.id;
    render(state.text, msg.result, msg.packed).then((complete) => {
      if (complete && id === pendingId) $('results').dataset.state = 'done';
    });
  } else if (msg.type === 'error') {
    $('progress').hidden = true;
    setStatus(T.error + msg.message);
    $('results').dataset.state = 'error';
  }
};

function setStatus(text) {
  $('status').textContent = text;
}

function run() {
  const text = $('text').value;
  if (!ready) {
    runWhenReady = true;
    return;
  }
  runWhenReady = false;
  state.text = text;
  pendingId = nextId++;
  $('results').dataset.state = 'busy';
  $('progress').value = 0;
  setStatus(T.busy);
  worker.postMessage({ id: pendingId, text });
}

$('analyze').addEventListener('click', run);
$('text').addEventListener('paste', () => setTimeout(run, 0));

// ---------------------------------------------------------------- input
async function loadFile(file) {
  if (!file) return;
  $('text').value = await file.text();
  run();
}
$('file').addEventListener('change', (e) => loadFile(e.target.files[0]));
document.addEventListener('dragover', (e) => { e.preventDefault(); document.body.classList.add('dropping'); });
document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
document.addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dropping');
  loadFile(e.dataTransfer.files[0]);
});
$('example').addEventListener('click', async () => {
  const res = await fetch('example.txt');
  $('text').value = await res.text();
  run();
});

// ---------------------------------------------------------------- helpers
/** Map code-point offsets to UTF-16 offsets of `text`: table[cp] = utf16 index. */
function cpToUtf16(text) {
  const table = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[cp++] = i;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  table[cp] = text.length;
  return table.subarray(0, cp + 1);
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

const yieldToBrowser = () => new Promise((r) => setTimeout(r, 0));

// ---------------------------------------------------------------- article
let renderToken = 0;

function legend(result) {
  const box = $('legend');
  box.querySelectorAll('label').forEach((l) => l.remove());
  const present = new Set(result.entities.map((e) => e.type));
  for (const k of KINDS) {
    if (!present.has(k)) continue;
    const id = 'show-' + k;
    const cb = el('input', { type: 'checkbox', id });
    cb.checked = !state.hidden.has(k);
    cb.addEventListener('change', () => {
      if (cb.checked) state.hidden.delete(k); else state.hidden.add(k);
      $('article').classList.toggle('hide-' + k, !cb.checked);
    });
    const label = el('label', { for: id, class: 'chip e-' + k });
    label.append(cb, document.createTextNode(' ' + T.types[k]));
    box.append(label);
    $('article').classList.toggle('hide-' + k, state.hidden.has(k));
  }
}

async function renderArticle(text, result, map, token) {
  const box = $('article');
  box.replaceChildren();
  const chrome = result.blocks.filter((b) => b.kind === 'chrome').map((b) => [map[b.start], map[b.end]]);
  let ci = 0; // chrome blocks are in text order: the first one that may still overlap
  // Plain text between marks; chrome lines dimmed.
  const plain = (frag, s, e) => {
    let p = s;
    while (ci < chrome.length && chrome[ci][1] <= p) ci++;
    for (let k = ci; k < chrome.length && chrome[k][0] < e; k++) {
      const [cs, ce] = chrome[k];
      if (ce <= p) continue;
      if (cs > p) frag.append(document.createTextNode(text.slice(p, cs)));
      const a = Math.max(cs, p);
      const b = Math.min(ce, e);
      frag.append(el('span', { class: 'chrome', title: 'chrome' }, text.slice(a, b)));
      p = b;
    }
    if (p < e) frag.append(document.createTextNode(text.slice(p, e)));
  };
  // The article is built in chunks cut at line breaks; each chunk is laid out
  // only when it scrolls into view (CSS content-visibility), so appending one
  // does not re-lay out everything before it.
  let chunk = el('div', { class: 'chunk' });
  let cut = false;
  const ents = [...result.entities].sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  let n = 0;
  for (const e of ents) {
    const s = map[e.start];
    const t = map[e.end];
    if (s < pos || t <= s) continue;
    if (cut) {
      const nl = text.lastIndexOf('\n', s - 1);
      if (nl >= pos) {
        plain(chunk, pos, nl + 1);
        pos = nl + 1;
        box.append(chunk);
        chunk = el('div', { class: 'chunk' });
        cut = false;
        await yieldToBrowser(); // keep typing and scrolling responsive
        if (token !== renderToken) return;
      }
    }
    plain(chunk, pos, s);
    const label = T.types[e.type] || e.type;
    chunk.append(el('mark', {
      class: 'e-' + e.type, title: e.value ? `${label}: ${e.value}` : label, 'data-start': e.start, 'data-type': e.type,
    }, text.slice(s, t)));
    pos = t;
    if (++n % ENTITIES_PER_SLICE === 0) cut = true;
  }
  plain(chunk, pos, text.length);
  box.append(chunk);
}

function flashMentions(mentions) {
  const marks = mentions.map(([s]) => $('article').querySelector(`mark[data-start="${s}"]`)).filter(Boolean);
  if (!marks.length) return;
  marks[0].scrollIntoView({ behavior: 'smooth', block: 'center' });
  for (const m of marks) {
    m.classList.remove('flash');
    void m.offsetWidth; // restart the animation
    m.classList.add('flash');
  }
}

// ---------------------------------------------------------------- panels
function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n;]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

function panelRows(kind, r) {
  switch (kind) {
    case 'persons': return r.persons.map((p) => [p.name, p.rank, p.roles.join('; '), p.mentions.length]);
    case 'documents': return r.documents.map((d) => [d.type, d.number, d.date, d.issuer]);
    case 'organizations': return r.organizations.map((o) => [o.name, o.mentions.length]);
    case 'locations': return r.locations.map((o) => [o.name, o.mentions.length]);
    case 'dates': return r.dates.map((d) => [d.text, d.value]);
    case 'periods': return r.periods.map((d) => [d.text, d.value]);
    case 'abbreviations': return r.abbreviations.map((a) => [a.short, a.long, a.defined_in_text ? T['defined-yes'] : T['defined-no']]);
    case 'quantities': return r.quantities.map((q) => [q.text, q.value, q.unit]);
    default: return [];
  }
}

function mentionsOf(kind, r, i) {
  if (kind === 'persons' || kind === 'organizations' || kind === 'locations') return r[kind][i].mentions;
  const x = r[kind][i];
  return x && x.start !== undefined ? [[x.start, x.end]] : [];
}

const ROWS_PER_SLICE = 100;

async function renderPanels(r, token) {
  const box = $('panels');
  box.replaceChildren();
  let built = 0;
  for (const kind of PANELS) {
    const [title, heads] = T.panels[kind];
    const rows = panelRows(kind, r);
    const sec = el('section', { class: 'panel', id: 'p-' + kind });
    const h = el('h3', {}, title + ' ');
    h.append(el('span', { class: 'count', id: 'c-' + kind }, `(${rows.length})`));
    const csv = el('button', { type: 'button', class: 'ghost small', 'data-csv': kind, 'aria-label': `${T.csv} ${title}` }, T.csv);
    csv.addEventListener('click', () => {
      const lines = [heads, ...panelRows(kind, state.result)].map((row) => row.map(csvCell).join(','));
      download(`${baseName()}-${kind}.csv`, 'text/csv;charset=utf-8', '\ufeff' + lines.join('\r\n') + '\r\n');
    });
    h.append(csv);
    sec.append(h);
    const table = el('table', { id: 't-' + kind });
    const tr = el('tr');
    for (const c of heads) tr.append(el('th', { scope: 'col' }, c));
    table.append(el('thead'));
    table.tHead.append(tr);
    const body = el('tbody');
    table.append(body);
    sec.append(table);
    box.append(sec);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (++built % ROWS_PER_SLICE === 0) {
        await yieldToBrowser(); // long lists: keep typing and scrolling responsive
        if (token !== renderToken) return;
      }
      const line = el('tr');
      row.forEach((c, j) => {
        const td = el('td');
        const m = mentionsOf(kind, r, i);
        if (j === 0 && m.length) {
          const b = el('button', { type: 'button', class: 'link' }, c ?? '—');
          b.addEventListener('click', () => flashMentions(m));
          td.append(b);
        } else {
          td.textContent = c ?? '—';
        }
        line.append(td);
      });
      body.append(line);
    }
  }
}

// ---------------------------------------------------------------- segmentation view
function renderSentences(result, upTo) {
  const box = $('segmented');
  const frag = document.createDocumentFragment();
  const end = Math.min(result.sentences.length, upTo);
  for (let k = state.shownSentences; k < end; k++) {
    const p = el('p', { class: 'sentence' });
    result.sentences[k].words.forEach((w, i) => {
      if (i > 0) p.append(document.createTextNode(' '));
      const multi = w.text.includes(' ');
      p.append(el('span', { class: multi ? 'w multi' : 'w', 'data-kind': w.kind }, w.text.replaceAll(' ', '_')));
    });
    frag.append(p);
  }
  box.append(frag);
  state.shownSentences = end;
  $('more').hidden = end >= result.sentences.length;
}
$('more').addEventListener('click', () => renderSentences(state.result, state.shownSentences + SENTENCES_PER_PAGE));

// ---------------------------------------------------------------- render
/** Rebuild `r.sentences` from the worker's packed words, in slices. */
async function unpackSentences(r, p, token) {
  const texts = new Array(p.tlen.length);
  for (let t = 0, off = 0; t < p.tlen.length; t++) {
    texts[t] = p.text.slice(off, off + p.tlen[t]);
    off += p.tlen[t];
  }
  const count = p.sent.length / 3;
  const out = new Array(count);
  let w = 0;
  let next = WORDS_PER_SLICE;
  for (let i = 0; i < count; i++) {
    const n = p.sent[3 * i + 2];
    const words = new Array(n);
    for (let j = 0; j < n; j++, w++) {
      words[j] = { text: texts[p.tid[w]], start: p.pos[2 * w], end: p.pos[2 * w + 1], kind: p.kinds[p.kind[w]] };
    }
    out[i] = { start: p.sent[3 * i], end: p.sent[3 * i + 1], words };
    if (w >= next) {
      next += WORDS_PER_SLICE;
      await yieldToBrowser();
      if (token !== renderToken) return false;
    }
  }
  r.sentences = out;
  return true;
}

/** Render a result; resolves to false when a newer one took over. */
async function render(text, r, packed) {
  const token = ++renderToken;
  const map = cpToUtf16(text);
  $('results').hidden = false;
  $('n-sentences').textContent = r.stats.sentences;
  $('n-words').textContent = r.stats.words;
  $('n-syllables').textContent = r.stats.syllables;
  legend(r);
  $('segmented').replaceChildren();
  await renderPanels(r, token);
  if (token !== renderToken) return false;
  await renderArticle(text, r, map, token);
  if (token !== renderToken) return false;
  if (packed && !(await unpackSentences(r, packed, token))) return false;
  state.shownSentences = 0;
  renderSentences(r, SENTENCES_PER_PAGE);
  return token === renderToken;
}

// ---------------------------------------------------------------- export
function baseName() {
  const r = state.result;
  const source = (r && r.title) || state.text.split('\n').find((l) => l.trim()) || 'soi';
  const slug = source.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slug || 'soi';
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function segmentedText(r) {
  return r.sentences.map((s) => s.words.map((w) => w.text.replaceAll(' ', '_')).join(' ')).join('\n') + '\n';
}

$('x-json').addEventListener('click', () => download(`${baseName()}.json`, 'application/json', JSON.stringify(state.result, null, 2)));
$('x-seg').addEventListener('click', () => download(`${baseName()}-tach-tu.txt`, 'text/plain;charset=utf-8', segmentedText(state.result)));
$('x-copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(JSON.stringify(state.result, null, 2));
    setStatus(T.copied);
  } catch (err) {
    setStatus(T.error + err);
  }
});

// ---------------------------------------------------------------- offline
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => {});
}

applyLang(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'vi');
