// soi page: sends the text to the worker and renders the analysis.
// User text is only ever inserted as text nodes (textContent), never as HTML.

const $ = (id) => document.getElementById(id);
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

/** The last analysis and its input, for export and for tests. */
export const state = { text: '', result: null, ms: 0 };
window.soi = state;

let nextId = 0;
let pendingId = -1;
let ready = false;

worker.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'ready') {
    ready = true;
    $('version').textContent = msg.version;
    setStatus('Sẵn sàng.');
    if (pendingId === -2) run();
  } else if (msg.type === 'result') {
    if (msg.id !== pendingId) return; // a newer request is on its way
    state.result = msg.result;
    state.ms = msg.ms;
    render(state.text, msg.result);
    const s = msg.result.stats;
    setStatus(`${s.words} từ, ${s.sentences} câu — phân tích trong ${msg.ms.toFixed(1)} ms.`);
    $('results').dataset.state = 'done';
  } else if (msg.type === 'error') {
    setStatus('Lỗi: ' + msg.message);
  }
};

function setStatus(text) {
  $('status').textContent = text;
}

function run() {
  const text = $('text').value;
  if (!ready) {
    pendingId = -2; // run once the worker is ready
    setStatus('Đang tải bộ phân tích…');
    return;
  }
  state.text = text;
  pendingId = nextId++;
  $('results').dataset.state = 'busy';
  setStatus('Đang phân tích…');
  worker.postMessage({ id: pendingId, text });
}

$('analyze').addEventListener('click', run);
$('text').addEventListener('paste', () => setTimeout(run, 0));

/** Map code-point offsets to UTF-16 offsets of `text`: table[cp] = utf16 index. */
function cpToUtf16(text) {
  const table = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    table[cp++] = i;
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

const TYPE_LABEL = {
  person: 'Người', rank: 'Cấp bậc', role: 'Chức vụ', organization: 'Tổ chức', location: 'Địa danh',
  date: 'Ngày tháng', period: 'Thời kỳ', document: 'Văn bản', abbreviation: 'Viết tắt', quantity: 'Số lượng',
};

function renderArticle(text, result, map) {
  const box = $('article');
  box.replaceChildren();
  // Non-overlapping mentions, longest first at each position.
  const ents = [...result.entities].sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  const frag = document.createDocumentFragment();
  for (const e of ents) {
    if (e.start < pos || e.end <= e.start) continue;
    const s = map[e.start];
    const t = map[e.end];
    if (s > pos) frag.append(document.createTextNode(text.slice(pos, s)));
    const label = TYPE_LABEL[e.type] || e.type;
    const mark = el('mark', { class: 'e-' + e.type, title: e.value ? `${label}: ${e.value}` : label, 'data-start': e.start }, text.slice(s, t));
    frag.append(mark);
    pos = t;
  }
  frag.append(document.createTextNode(text.slice(pos)));
  box.append(frag);
}

function renderSegmented(result) {
  const box = $('segmented');
  box.replaceChildren();
  const frag = document.createDocumentFragment();
  for (const s of result.sentences) {
    const p = el('p', { class: 'sentence' });
    s.words.forEach((w, i) => {
      if (i > 0) p.append(document.createTextNode(' '));
      const multi = w.text.includes(' ');
      p.append(el('span', { class: multi ? 'w multi' : 'w', 'data-kind': w.kind }, w.text.replaceAll(' ', '_')));
    });
    frag.append(p);
  }
  box.append(frag);
}

function fillTable(id, rows) {
  const body = $(id).tBodies[0];
  body.replaceChildren();
  for (const cells of rows) {
    const tr = el('tr');
    for (const c of cells) tr.append(el('td', {}, c ?? '—'));
    body.append(tr);
  }
}

function fillList(id, items) {
  const ul = $(id);
  ul.replaceChildren(...items.map((t) => el('li', {}, t)));
}

function count(id, n) {
  $(id).textContent = `(${n})`;
}

function render(text, r) {
  const map = cpToUtf16(text);
  $('results').hidden = false;
  $('n-sentences').textContent = r.stats.sentences;
  $('n-words').textContent = r.stats.words;
  $('n-syllables').textContent = r.stats.syllables;
  renderArticle(text, r, map);
  renderSegmented(r);
  fillTable('t-persons', r.persons.map((p) => [p.name, p.rank, p.roles.join('; '), p.mentions.length]));
  fillTable('t-documents', r.documents.map((d) => [d.type, d.number, d.date, d.issuer]));
  fillList('l-organizations', r.organizations.map((o) => o.name));
  fillList('l-locations', r.locations.map((o) => o.name));
  fillTable('t-dates', r.dates.map((d) => [d.text, d.value]));
  fillTable('t-periods', r.periods.map((d) => [d.text, d.value]));
  fillTable('t-abbreviations', r.abbreviations.map((a) => [a.short, a.long, a.defined_in_text ? 'có' : 'không']));
  fillTable('t-quantities', r.quantities.map((q) => [q.text, q.value, q.unit]));
  for (const k of ['persons', 'documents', 'organizations', 'locations', 'dates', 'periods', 'abbreviations', 'quantities']) {
    count('c-' + k, r[k].length);
  }
}
