// The FHIR Questionnaire read by an independent renderer: LHC-Forms (npm `lforms`, its prebuilt
// web component, served from node_modules like everything else: no CDN) renders it in Chromium
// with the 161 rating questions, a person rates two of them, and the QuestionnaireResponse
// LHC-Forms writes imports with `iacmh fhir import`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, openBrowser, foreign } from './harness.mjs';

const LFORMS = process.env.IACMH_LFORMS || join(ROOT, 'node_modules', 'lforms', 'dist', 'lforms');
const IACMH = join(ROOT, 'target', 'release', 'iacmh');
const RATING = 'https://iacmh.example/fhir/CodeSystem/rating';

let server;
let web;
before(async () => {
  assert.ok(existsSync(join(LFORMS, 'webcomponent', 'main.js')), `LHC-Forms is not at ${LFORMS}: run ./dev setup`);
  web = mkdtempSync(join(tmpdir(), 'iacmh-lforms-'));
  execFileSync(IACMH, ['fhir', 'questionnaire', '--out', join(web, 'questionnaire.json')]);
  // The files LHC-Forms' README lists, in its order; the package is served at /pkg/.
  writeFileSync(join(web, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LHC-Forms</title>
<link rel="stylesheet" href="/pkg/webcomponent/styles.css">
<script src="/pkg/webcomponent/assets/lib/zone.min.js"></script>
<script src="/pkg/webcomponent/runtime.js" type="module"></script>
<script src="/pkg/webcomponent/polyfills.js" type="module"></script>
<script src="/pkg/webcomponent/main.js" type="module"></script>
<script src="/pkg/fhir/R4/lformsFHIR.min.js" defer></script>
</head><body><div id="form"></div></body></html>`);
  server = await startServer({ web, pkg: LFORMS });
});
after(() => {
  server?.stop();
  if (web) rmSync(web, { recursive: true, force: true });
});

test('LHC-Forms renders the 161 rating questions, and its response imports', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.goto(server.url);
    const started = Date.now();
    await page.evaluate(async () => {
      for (let i = 0; i < 200 && !window.LForms?.Util?.addFormToPage; i++) await new Promise((r) => setTimeout(r, 50));
      const q = await (await fetch('/questionnaire.json')).json();
      await window.LForms.Util.addFormToPage(q, 'form');
    });
    // Each rating question's five answers are radio buttons whose ids carry the linkId and code.
    const ratings = page.locator(`#form input[type=radio][id*="${RATING}|"]`);
    await ratings.first().waitFor();
    const ids = await ratings.evaluateAll((els) => els.map((e) => e.id.split('/')[0]));
    console.log(`LHC-Forms rendered the Questionnaire in ${Date.now() - started} ms`);
    assert.equal(new Set(ids).size, 161);
    assert.equal(ids.length, 161 * 5);

    const rate = (id, code) => page.locator(`[id="${id}/1/1|${RATING}|${code}"]`).check({ force: true });
    await rate('1.01', 'yes_working_well');
    await rate('3.02', 'no_action_in_hand');
    const level = page.locator('#form input[id^="scope.level/"]');
    await level.click();
    await level.fill('ICB');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const qr = await page.evaluate(() => window.LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form')));
    const file = join(web, 'response.json');
    writeFileSync(file, JSON.stringify(qr));
    const ret = JSON.parse(execFileSync(IACMH, ['fhir', 'import', file], { encoding: 'utf8' }));
    assert.equal(ret.scope.level, 'icb');
    assert.deepEqual(ret.maturity.answers, { '1.01': { rating: 'yes_working_well' }, '3.02': { rating: 'no_action_in_hand' } });
    assert.equal(ret.index_version, 'midlands-2024.1');
    assert.deepEqual(foreign(b.requests, server.url), []);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});
