// Node check: the web build of the wasm loads and answers outside a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

const pkg = path.join(ROOT, 'www/pkg');

test('www/pkg loads with initSync and analyzes', async () => {
  const mod = await import(path.join(pkg, 'soi.js'));
  mod.initSync({ module: fs.readFileSync(path.join(pkg, 'soi_bg.wasm')) });
  assert.match(mod.version(), /^\d+\.\d+\.\d+/);
  const a = mod.analyze('Quyết định số 904-QĐ/TU ngày 15-4-2021 của Ban Thường vụ.');
  assert.equal(a.schema, 1);
  assert.equal(a.documents[0].number, '904-QĐ/TU');
  assert.equal(a.stats.sentences, 1);
  // The JSON text form is the same analysis.
  assert.deepEqual(JSON.parse(mod.analyze_json('Quyết định số 904-QĐ/TU ngày 15-4-2021 của Ban Thường vụ.')), a);
  assert.equal(mod.segment('hội nghị thành công\n\nx'), 'hội_nghị thành_công\n\nx');
  // Offsets are code points: an astral character counts once.
  const b = mod.analyze('😀 ngày 2/7');
  assert.equal(b.dates[0].text, 'ngày 2/7');
  assert.equal(b.dates[0].start, 2);
  // The objects of analyze (words made in JavaScript from packed arrays) are
  // those of the JSON, on every sample and on text with astral characters,
  // decomposed marks, odd spacing and tokens with inner spaces.
  const samples = path.join(ROOT, '../shared/samples');
  const texts = fs.readdirSync(samples).filter((f) => f.endsWith('.txt'))
    .map((f) => fs.readFileSync(path.join(samples, f), 'utf8'));
  texts.push(texts.join('\n'), Array.from({ length: 3000 }, (_, i) => `x${i} x${i % 7}`).join(', '));
  texts.push('', ' \n', 'Đoàn 👨‍👩‍👧 🇻🇳 đến 𠀀 Ha\u0300\nNội,  giai đoạn 2020 –  2025, đạt 23,4%.\r\n\u0301x');
  for (const t of texts) {
    const want = JSON.parse(mod.analyze_json(t));
    assert.deepEqual(mod.analyze(t), want);
    // analyze_packed: the same analysis, its words in flat arrays.
    const { result, packed } = mod.analyze_packed(t);
    assert.deepEqual(result.sentences, []);
    assert.deepEqual({ ...result, sentences: want.sentences }, want);
    const words = want.sentences.flatMap((s) => s.words);
    assert.equal(packed.kind.length, words.length);
    assert.deepEqual(Array.from(packed.pos), words.flatMap((w) => [w.start, w.end]));
    assert.deepEqual(Array.from(packed.kind, (k) => packed.kinds[k]), words.map((w) => w.kind));
    // Each distinct text once, in order of first use (the words' texts, then
    // the other strings of the blocks and mentions); a word's index names it.
    const table = [];
    for (let t = 0, off = 0; t < packed.tlen.length; off += packed.tlen[t], t++) {
      table.push(packed.text.slice(off, off + packed.tlen[t]));
    }
    assert.equal(table.join(''), packed.text);
    assert.equal(new Set(table).size, table.length);
    const distinct = [...new Set(words.map((w) => w.text))];
    assert.deepEqual(table.slice(0, distinct.length), distinct);
    assert.deepEqual(Array.from(packed.tid), words.map((w) => distinct.indexOf(w.text)));
    // The blocks' and mentions' arrays were made into the result's objects.
    assert.equal(packed.blk, undefined);
    assert.equal(packed.ent, undefined);
    assert.deepEqual(Array.from(packed.sent), want.sentences.flatMap((s) => [s.start, s.end, s.words.length]));
  }
});
