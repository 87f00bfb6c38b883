// Browser test: the real wasm build in the real page, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SAMPLES, serve, launch, analyzeIn } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();

test('there are samples to paste', () => {
  assert.ok(samples.length >= 5);
});

for (const name of samples) {
  test(`pasting ${name} shows the analysis, with no outside traffic`, async () => {
    const text = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
    const page = await browser.context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push({ url: r.url(), body: r.postData() || '' }));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url);
    const result = await analyzeIn(page, text);

    // The rendered sentence view matches the worker's analysis.
    assert.ok(result.stats.sentences > 3, 'a real article has several sentences');
    const shown = await page.locator('#segmented .sentence').count();
    assert.equal(shown, result.stats.sentences);
    assert.equal(await page.textContent('#n-sentences'), String(result.stats.sentences));

    // A multi-syllable word of the article is shown as one word.
    const multi = await page.locator('#segmented .w.multi').allTextContents();
    assert.ok(multi.length > 20, 'multi-syllable words are shown');
    assert.ok(multi.includes('hội_nghị') || multi.includes('Hội_nghị'), `"hội nghị" is one word in ${name}`);

    // The highlighted article keeps the text exactly.
    assert.equal(await page.locator('#article').textContent(), text);

    // No request leaves 127.0.0.1, none carries the text.
    const snippet = text.slice(0, 40);
    for (const r of requests) {
      const u = new URL(r.url);
      assert.ok(u.protocol === 'data:' || u.hostname === '127.0.0.1', `request to ${r.url}`);
      assert.ok(!decodeURIComponent(r.url).includes(snippet) && !r.body.includes(snippet), 'text sent in a request');
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('pasted HTML is shown as text, never run', async () => {
  const page = await browser.context.newPage();
  const requests = [];
  let dialogs = 0;
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const before = requests.length;
  const evil = '<img src=x onerror="window.pwned=1"> <script>window.pwned=2; alert(1)</script> Hà Nội ngày 2/7.';
  await analyzeIn(page, evil);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('#article img, #article script, #segmented img').count(), 0);
  assert.equal(await page.locator('#article').textContent(), evil);
  assert.equal(dialogs, 0);
  assert.deepEqual(requests.slice(before), []);
  await page.close();
});
