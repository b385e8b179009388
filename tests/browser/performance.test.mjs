// Size and speed of the widget: the page's bytes are deterministic for a build, so they are held
// to the goal (the page budget, 210 KB gzip in all); timings get generous bounds, and their numbers go in
// the README (node tests/browser/measure.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { measure, frames, collationBytes } from './measure.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

test('bundle size, time to interactive and revalidation stay within bounds', { timeout: 120_000 }, async () => {
  const m = await measure(server.url, 3);
  console.log(JSON.stringify(m));
  assert.ok(Object.keys(m.files).some((f) => f.endsWith('.wasm')), 'the wasm was loaded');
  // Issue 8's goal: 200 KB (200,000 bytes), within the page budget of 210 KB. The papers in a
  // module of their own that the form loads when one opens, the names between the wasm and its
  // glue shortened, file reading in JavaScript, no unused context provider and a silent panic
  // hook took the page from 216,250 to 199,790 bytes (README, "Speed and size"). What is added
  // to the form from here pays for itself.
  assert.ok(m.totalGzip <= 200_000, `${m.totalGzip} bytes gzip, over the 200 KB goal: ${JSON.stringify(m.files)}`);
  assert.ok(m.interactiveMs < 3000, `${m.interactiveMs} ms to interactive`);
  assert.ok(m.revalidationMs < 50, `${m.revalidationMs} ms to revalidate`);
});

// The goal is one frame (16.7 ms, median); the numbers go in the README. The bound is generous
// because the test machines are shared and their timings vary several-fold under load.
test('rating a question and opening a domain reach the next paint quickly', { timeout: 120_000 }, async () => {
  const f = await frames(server.url, 10);
  console.log(JSON.stringify(f));
  assert.ok(f.openDomainMs < 100, `${f.openDomainMs} ms from the task list to domain 1's first paint`);
  assert.ok(f.rateMs < 50, `${f.rateMs} ms from a rating to the next paint`);
});

test('the collation page stays within its 450 KB and the form loads none of its code', { timeout: 60_000 }, async () => {
  const files = await collationBytes(server.url);
  const total = Object.values(files).reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ files, total }));
  // The workbook writer (rust_xlsxwriter with its deflate) took the page from about 166 KB to
  // 407,657 bytes (README, "Speed and size").
  assert.ok(total <= 450_000, `${total} bytes gzip: ${JSON.stringify(files)}`);
  assert.ok(Object.keys(files).some((f) => f.endsWith('iacmh_collation_bg.wasm')));
  const form = await measure(server.url, 1);
  assert.ok(!Object.keys(form.files).some((f) => f.includes('collation')), `the form loaded ${Object.keys(form.files)}`);
});
