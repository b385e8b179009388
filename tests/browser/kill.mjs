// The crash test: edits in the form, each waited on until the form says "Saved", while Chromium's
// main process is killed (SIGKILL, as a crash, a forced restart or a flat battery would) at a
// random moment; then Chromium is started again on the same profile, and every edit the form
// had shown as saved must still be there. durability.test.mjs runs 20 kills; as a script it
// runs as many as asked:
//   node tests/browser/kill.mjs [KILLS=500] [SEED]     (after ./dev build and the release CLI)
//   node tests/browser/kill.mjs 20 1 --localstorage     the same with IndexedDB made unavailable,
//                                                       so that the form keeps to localStorage:
//                                                       a check that the test can see a loss
//
// Chromium is started here, not by playwright, so that its process can be killed: with
// --remote-debugging-port=0 it writes the port it chose into DevToolsActivePort in the
// profile, and playwright connects over CDP. The browser's pid is the one in the profile's
// SingletonLock (host-PID), which is the main process even when /usr/bin/chromium is a wrapper.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, heading, startReturn, stored, removeProfile } from './harness.mjs';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-default-browser-check',
  '--remote-debugging-port=0', '--window-size=1100,900'];
const RATINGS = [
  ['no_needs_action', 'No, action is needed'],
  ['no_action_in_hand', 'No, but action in hand'],
  ['yes_needs_improvement', 'Yes, but needs improvement'],
  ['yes_working_well', 'Yes, working well'],
];
// The first screen of domain 1 (the rest renders a frame later).
const QUESTIONS = Array.from({ length: 10 }, (_, i) => `1.${String(i + 1).padStart(2, '0')}`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A small seeded generator (mulberry32), so that a run can be repeated. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts Chromium on `profile`; resolves to { browser, pid, exited }. */
async function launch(profile) {
  rmSync(join(profile, 'DevToolsActivePort'), { force: true });
  const child = spawn('/usr/bin/chromium', [...ARGS, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  const exited = new Promise((r) => child.on('exit', r));
  const portFile = join(profile, 'DevToolsActivePort');
  for (let i = 0; !existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2; i++) {
    if (i > 300) throw new Error('Chromium did not start');
    await sleep(50);
  }
  const port = readFileSync(portFile, 'utf8').split('\n')[0];
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  let pid = child.pid;
  try { pid = Number(readlinkSync(join(profile, 'SingletonLock')).split('-').pop()) || pid; } catch { /* no lock: the child */ }
  return { browser, pid, exited };
}

/** The open draft as stored in IndexedDB (or localStorage, `local`; null if none). */
async function storedDraft(page, local) {
  const all = local ? await page.evaluate(() => ({ ...localStorage })) : await stored(page);
  const draft = all[`iacmh:draft:${all['iacmh:current']}`];
  return draft ? JSON.parse(draft) : null;
}

/** Watches the form's save status: `__iacmhSaving` turns true when it says "Saving". */
function watchStatus(page) {
  return page.evaluate(() => {
    const status = document.querySelector('[data-iacmh]').shadowRoot.querySelector('.iacmh__status');
    window.__iacmhSaving = false;
    new MutationObserver(() => {
      if (status.textContent.startsWith('Saving')) window.__iacmhSaving = true;
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
}

/**
 * Runs `kills` rounds of edits cut short by a kill, then a last launch to check. Resolves to
 * { kills, edits, saved, lost, ms, details } where `saved` counts edits shown as saved before
 * a kill and `lost` those of them missing afterwards.
 */
export async function killTest({ kills = 20, seed = 1, url, localStorageOnly = false, log = () => {} } = {}) {
  const server = url ? null : await startServer();
  const base = url ?? server.url;
  const profile = mkdtempSync(join(tmpdir(), 'iacmh-kill-'));
  const rng = random(seed);
  const started = Date.now();
  // Each question's edits, in order: { value, saved }.
  const history = new Map(QUESTIONS.map((q) => [q, []]));
  const result = { kills: 0, edits: 0, saved: 0, lost: 0, details: [] };
  let live = null; // the running browser's pid, ended if the test fails midway
  try {
    for (let round = 0; round <= kills; round++) {
      const { browser, pid, exited } = await launch(profile);
      live = pid;
      const context = browser.contexts()[0];
      if (localStorageOnly) {
        await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } }));
      }
      const page = context.pages()[0] ?? await context.newPage();
      await page.goto(round === 0 ? base : `${base}#/domain/1`);
      await heading(page).waitFor();
      if (round === 0) {
        await startReturn(page, 'Devon');
        await heading(page).filter({ hasText: 'Your review' }).waitFor();
        await page.goto(`${base}#/domain/1`);
      }
      // What survived the last kill: each question's stored rating must be that of its last
      // edit shown as saved, or of an edit made after it (under way at the kill).
      const draft = await storedDraft(page, localStorageOnly);
      for (const [q, edits] of history) {
        const last = edits.findLastIndex((e) => e.saved);
        if (last < 0) continue;
        const now = draft?.maturity.answers[q]?.rating;
        if (!edits.slice(last).some((e) => e.value === now)) {
          result.lost++;
          result.details.push(`round ${round}: ${q} is ${now}, but ${edits[last].value} was shown as saved`);
        }
        // Settled: what is stored now is what the next round starts from.
        history.set(q, [{ value: now, saved: true }]);
      }
      if (round === kills) {
        // Closing a browser connected over CDP only disconnects: end the process too.
        await browser.close();
        process.kill(pid, 'SIGTERM');
        await exited;
        live = null;
        break;
      }
      await page.getByRole('group', { name: /1\.01/ }).waitFor();
      await watchStatus(page);
      // Edits, one after another, until the kill.
      let killed = false;
      const killAfter = 100 + rng() * 1900;
      const timer = setTimeout(() => { killed = true; process.kill(pid, 'SIGKILL'); }, killAfter);
      try {
        while (!killed) {
          const q = QUESTIONS[Math.floor(rng() * QUESTIONS.length)];
          const edits = history.get(q);
          const current = edits.at(-1)?.value;
          const choices = RATINGS.filter(([key]) => key !== current);
          const [value, label] = choices[Math.floor(rng() * choices.length)];
          const edit = { value, saved: false };
          edits.push(edit);
          result.edits++;
          await page.evaluate(() => { window.__iacmhSaving = false; });
          await page.getByRole('group', { name: new RegExp(`${q.replace('.', '\\.')}`) }).getByLabel(label, { exact: false }).first().check();
          // Shown as saved: the status said "Saving" for this edit, and now says "Saved".
          await page.waitForFunction(() => window.__iacmhSaving
            && document.querySelector('[data-iacmh]').shadowRoot.querySelector('.iacmh__status').textContent.startsWith('Saved'),
          null, { timeout: 10_000 });
          // The page said so before it died (a killed page answers nothing), so it counts even
          // when the kill has come since.
          edit.saved = true;
          result.saved++;
        }
      } catch (e) {
        if (!killed) throw e;
      } finally {
        clearTimeout(timer);
      }
      await exited;
      live = null;
      result.kills++;
      await browser.close().catch(() => {});
      log(`kill ${result.kills}/${kills} after ${Math.round(killAfter)} ms: ${result.saved} edits shown as saved so far, ${result.lost} lost`);
    }
  } finally {
    if (live) try { process.kill(live, 'SIGKILL'); } catch { /* gone */ }
    server?.stop();
    removeProfile(profile);
  }
  result.ms = Date.now() - started;
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [kills = 500, seed = 1] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
  const localStorageOnly = process.argv.includes('--localstorage');
  const r = await killTest({ kills, seed, localStorageOnly, log: (line) => console.error(line) });
  console.log(`${r.kills} kills, ${r.edits} edits, ${r.saved} shown as saved before a kill, ${r.lost} of them lost (seed ${seed}${localStorageOnly ? ', localStorage only' : ''}, ${(r.ms / 1000).toFixed(0)} s)`);
  for (const d of r.details) console.log(d);
  process.exit(r.lost === 0 ? 0 : 1);
}
