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
});
