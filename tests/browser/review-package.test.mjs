// The npm package @iacmh/review (crates/review-wasm/pkg, built by `./dev build`) loaded as an
// ES module by a page in Chromium, as a developer's intranet page would: its browser entry
// point fetches the WebAssembly from beside itself and nothing from anywhere else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, openBrowser, foreign } from './harness.mjs';

let server;
let web;
before(async () => {
  // A bare host page; the package is served at /pkg/.
  web = mkdtempSync(join(tmpdir(), 'iacmh-rules-page-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><html lang="en"><title>Rules</title><h1>Rules</h1></html>');
  server = await startServer({ web, pkg: join(ROOT, 'crates', 'review-wasm', 'pkg') });
});
after(() => {
  server?.stop();
  rmSync(web, { recursive: true, force: true });
});

test('the package loads as an ES module in Chromium and validates, scores and converts', async () => {
  const example = readFileSync(join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json'), 'utf8');
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.goto(server.url);
    const result = await page.evaluate(async (text) => {
      const iacmh = await import('/pkg/browser.js');
      const broken = text.replace('"rating": "yes_working_well"', '"rating": "fine"');
      let thrown;
      try { iacmh.parse(broken); } catch (e) { thrown = { code: e.code, pointer: e.pointer, line: e.line }; }
      const q = iacmh.fhirQuestionnaire();
      return {
        diagnostics: iacmh.validate(text).length,
        thrown,
        questions: iacmh.index().domains.flatMap((d) => d.questions).length,
        stage: iacmh.score(text).overall.stage,
        choices: q.item.filter((g) => g.linkId.startsWith('domain-')).flatMap((g) => g.item).filter((i) => i.type === 'choice').length,
        roundTrip: iacmh.toJson(iacmh.fhirImport(iacmh.fhirResponse(text))) === iacmh.toJson(text),
      };
    }, example);
    assert.equal(result.diagnostics, 0, 'the complete example has no errors or warnings');
    assert.equal(result.thrown.code, 'invalid');
    assert.match(result.thrown.pointer, /^\/maturity\/answers\/\d+\.\d{2}\/rating$/);
    assert.ok(result.thrown.line > 1);
    assert.equal(result.questions, 161);
    assert.equal(typeof result.stage, 'string');
    assert.equal(result.choices, 161);
    assert.equal(result.roundTrip, true);
    assert.ok(b.requests.some((r) => r.endsWith('/pkg/iacmh_review_bg.wasm')), b.requests.join('\n'));
    assert.deepEqual(foreign(b.requests, server.url), []);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});
