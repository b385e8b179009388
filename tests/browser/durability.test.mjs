// A durable save: drafts live in IndexedDB, written with strict durability; "Saved" is shown
// only once the write's transaction has completed; a choice is written at once, typing after a
// 400 ms pause; drafts an earlier version kept in localStorage are moved across without loss;
// where IndexedDB is unavailable, localStorage, and the form says so. And the crash test: 20
// kills of Chromium's main process at random moments (kill.mjs runs as many as asked).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer, openBrowser, openWidget, heading, startReturn, stored, removeProfile } from './harness.mjs';
import { killTest } from './kill.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const status = (page) => page.locator('[data-iacmh] .iacmh__status');

/**
 * Records each text the save status shows, with the time, in `window.__statuses`, and the time
 * of the last change event in the form in `window.__changed`.
 */
function recordStatus(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-iacmh]').shadowRoot;
    const el = root.querySelector('.iacmh__status');
    window.__statuses = [];
    root.addEventListener('change', () => { window.__changed = performance.now(); }, { capture: true });
    new MutationObserver(() => window.__statuses.push([performance.now(), el.textContent]))
      .observe(el, { childList: true, characterData: true, subtree: true });
  });
}

test('"Saved" is shown only once the write\'s transaction has completed', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    // Every completed transaction is reported to the page 1.5 s late.
    await page.addInitScript(() => {
      const set = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'oncomplete').set;
      Object.defineProperty(IDBTransaction.prototype, 'oncomplete', {
        set(f) { set.call(this, f && ((e) => setTimeout(() => f.call(this, e), 1500))); },
      });
    });
    await openWidget(page, server.url);
    await startReturn(page, 'Devon');
    await status(page).filter({ hasText: /^Saved in this browser at \d\d:\d\d$/ }).waitFor();
    await page.getByRole('link', { name: '2. Clinical Pathways' }).click();
    await recordStatus(page);
    const clicked = await page.evaluate(() => performance.now());
    await page.getByRole('group', { name: /2\.01/ }).getByLabel('Yes, working well').check();
    assert.match(await status(page).textContent(), /^Saving/);
    await status(page).filter({ hasText: /^Saved in this browser/ }).waitFor();
    const statuses = await page.evaluate(() => window.__statuses);
    const saved = statuses.find(([, text]) => text.startsWith('Saved'));
    assert.ok(saved[0] - clicked >= 1400, `"Saved" came ${saved[0] - clicked} ms after the click, before the transaction completed`);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('a rating is written at once, typing within 400 ms of the last key', async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    await startReturn(page, 'Dorset');
    await page.getByRole('link', { name: '2. Clinical Pathways' }).click();
    await status(page).filter({ hasText: /^Saved/ }).waitFor();
    const draftKey = Object.keys(await stored(page)).find((k) => k.startsWith('iacmh:draft:'));
    // A rating: in IndexedDB well before the 400 ms a pause in typing waits.
    await recordStatus(page);
    await page.getByRole('group', { name: /2\.03/ }).getByLabel('Not applicable').check();
    await status(page).filter({ hasText: /^Saved/ }).waitFor();
    const ratingSaved = await page.evaluate(() => window.__statuses.find(([, t]) => t.startsWith('Saved'))[0] - window.__changed);
    assert.equal(JSON.parse((await stored(page))[draftKey]).maturity.answers['2.03'].rating, 'not_applicable');
    // Typing a comment: saved once typing pauses, 400 ms after the last key (bound generous).
    const comment = page.getByLabel('Comments on 2.03 (optional)');
    if (!(await comment.isVisible())) await page.locator('[data-iacmh] summary').filter({ hasText: 'on question 2.03' }).click();
    await comment.click();
    await recordStatus(page);
    await page.keyboard.type('Commissioned jointly', { delay: 30 });
    const typed = await page.evaluate(() => performance.now());
    await status(page).filter({ hasText: /^Saved/ }).waitFor();
    const statuses = await page.evaluate(() => window.__statuses);
    const typingSaved = statuses.findLast(([, t]) => t.startsWith('Saved'))[0] - typed;
    assert.ok(!statuses.some(([at, t]) => t.startsWith('Saved') && at < typed), 'not saved while typing went on');
    assert.equal(JSON.parse((await stored(page))[draftKey]).maturity.answers['2.03'].comment, 'Commissioned jointly');
    // Sooner than the pause typing waits for (the bound allows for a loaded machine's fsync).
    assert.ok(ratingSaved < 400, `a rating was saved ${ratingSaved} ms after its change event`);
    assert.ok(typingSaved >= 350 && typingSaved < 1400, `typing was saved ${typingSaved} ms after the last key`);
  } finally {
    await b.close();
  }
});

/** A browser on the persistent profile `dir`, with a page of the origin that has no form. */
async function onProfile(dir, init) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.route(`${server.url}blank.html`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  const page = context.pages()[0] ?? await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  if (init) await page.addInitScript(init);
  return { context, page, problems };
}

test('localStorage drafts of an earlier version move to IndexedDB on first load, and stay until the copy has committed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iacmh-migrate-'));
  const example = JSON.parse(execFileSync(join(ROOT, 'target', 'release', 'iacmh'), ['example'], { encoding: 'utf8' }));
  const draft = (team) => JSON.stringify({ ...example, scope: { ...example.scope, level: 'team', organisation: 'Trust', team } });
  const old = {
    'iacmh:draft:a1': draft('North'),
    'iacmh:draft:a2': draft('South'),
    'iacmh:drafts': JSON.stringify([{ id: 'a1', label: 'x', updated: null, name: 'Spring review' }, { id: 'a2', label: 'y', updated: null }]),
    'iacmh:current': 'a2',
  };
  try {
    // A profile as an earlier version left it: drafts in localStorage, closed cleanly.
    let b = await onProfile(dir);
    await b.page.goto(`${server.url}blank.html`);
    await b.page.evaluate((old) => { for (const [k, v] of Object.entries(old)) localStorage.setItem(k, v); }, old);
    await b.context.close();

    // IndexedDB refuses the copy: the old keys stay, and the form works from them, saying so.
    b = await onProfile(dir, () => { IDBObjectStore.prototype.put = function () { throw new DOMException('full', 'QuotaExceededError'); }; });
    await openWidget(b.page, server.url);
    await heading(b.page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await b.page.locator('[data-iacmh] main').textContent(), /does not let the form save safely/);
    assert.deepEqual(await b.page.evaluate(() => Object.keys(localStorage).sort()), Object.keys(old).sort());
    assert.deepEqual(Object.keys(await stored(b.page)), [], 'nothing half-copied');
    await b.context.close();

    // Next time the copy commits; then the old keys go.
    b = await onProfile(dir);
    await openWidget(b.page, server.url);
    await heading(b.page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await heading(b.page).locator('..').textContent(), /Trust: South/, 'the draft open last is open again');
    assert.deepEqual(await stored(b.page), old, 'every key copied as it was');
    assert.deepEqual(await b.page.evaluate(() => Object.keys(localStorage)), []);
    await b.page.getByRole('link', { name: 'Who this return is for' }).click();
    assert.equal(await b.page.getByRole('link', { name: /^Open Spring review/ }).count(), 1, 'its name came too');
    assert.doesNotMatch(await b.page.locator('[data-iacmh] main').textContent(), /does not let the form save safely/);
    assert.deepEqual(b.problems, []);
    await b.context.close();
  } finally {
    removeProfile(dir);
  }
});

test('where IndexedDB is unavailable, drafts are kept in localStorage and the form says saves are less safe', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });
    });
    await openWidget(page, server.url);
    assert.match(await page.locator('[data-iacmh] main').textContent(), /does not let the form save safely/);
    await startReturn(page, 'Sussex');
    await status(page).filter({ hasText: /^Saved in this browser/ }).waitFor();
    assert.equal((await page.evaluate(() => Object.keys(localStorage))).filter((k) => k.startsWith('iacmh:draft:')).length, 1);
    await page.reload();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await heading(page).locator('..').textContent(), /Sussex/);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('Chromium killed at 20 random moments after edits: no edit shown as saved is lost', { timeout: 240_000 }, async () => {
  const r = await killTest({ kills: 20, seed: Date.now() % 100_000, url: server.url });
  console.log(`durability: ${r.kills} kills, ${r.edits} edits, ${r.saved} shown as saved, ${r.lost} lost, ${(r.ms / 1000).toFixed(0)} s`);
  assert.equal(r.kills, 20);
  assert.ok(r.saved >= 20, `only ${r.saved} edits were shown as saved before the kills`);
  assert.deepEqual(r.details, []);
  assert.equal(r.lost, 0);
});
