// Shared set-up for the browser tests: the project's own server (`iacmh serve`), Debian's
// Chromium driven by playwright-core, a fresh profile per browser, every request recorded,
// and helpers that find things by role and label, as a person (or a screen reader) would.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Python with openpyxl: IACMH_PYTHON (./dev's virtual environment), else .venv, else python3. */
export const PYTHON = process.env.IACMH_PYTHON
  || (existsSync(join(ROOT, '.venv', 'bin', 'python')) ? join(ROOT, '.venv', 'bin', 'python') : 'python3');

/** Starts `iacmh serve` on a free port (of web/ and pkg/, or the folders given); resolves to { url, stop }. */
export async function startServer({ web = join(ROOT, 'web'), pkg = join(ROOT, 'pkg') } = {}) {
  const bin = join(ROOT, 'target', 'release', 'iacmh');
  const child = spawn(bin, ['serve', '--port', '0', '--web', web, '--pkg', pkg], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`iacmh serve exited with ${code}`)));
    setTimeout(() => reject(new Error('iacmh serve did not start')), 10_000);
  });
  return { url, stop: () => child.kill() };
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A browser with its own empty profile (so storage starts empty). Every request any page makes
 * is kept in `requests`; console errors and page errors in `problems`. `timezoneId` (such as
 * 'Europe/London') sets the time zone the pages see; `args` adds Chromium flags.
 */
export async function openBrowser({ bypassCSP = false, timezoneId, args = [] } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'iacmh-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', args: [...ARGS, ...args], acceptDownloads: true, viewport: { width: 1100, height: 900 },
    // Only for injecting axe-core, which the strict CSP would (rightly) refuse.
    bypassCSP,
    ...(timezoneId ? { timezoneId } : {}),
  });
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  const watch = (page) => {
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // The favicon request is the browser's own; anything else is ours to fix.
      if (m.type() === 'error' && !/favicon/.test(m.location()?.url ?? '')) problems.push(`console: ${m.text()}`);
    });
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  return {
    context, requests, problems,
    async page() {
      const page = context.pages()[0] ?? await context.newPage();
      return page;
    },
    async close() {
      await context.close();
      removeProfile(profile);
    },
  };
}

/**
 * Deletes a browser profile. Chromium's helper processes can still be writing into it for a
 * moment after its main process has gone (a kill run in CI failed with ENOTEMPTY), so the
 * removal is retried for up to about 5 s.
 */
export function removeProfile(dir) {
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** Opens a host page and waits for the widget's first heading. */
export async function openWidget(page, url) {
  await page.goto(url);
  await heading(page).waitFor();
  return page;
}

/** The widget's page heading (host pages have headings of their own). */
export const heading = (page) => page.locator('[data-iacmh]').getByRole('heading', { level: 1 });

/**
 * Says who the return is for on the start page (no level is preselected: `level` is checked)
 * and continues to the task list. `page` may be a page or a frame locator.
 */
export async function startReturn(page, icb, level = 'ICB') {
  await page.getByLabel(level, { exact: true }).check();
  await page.getByLabel('Integrated care board').selectOption({ label: icb });
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** The element focused inside the widget's shadow root (or the document). */
export async function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'), type: el.getAttribute('type'), text: el.textContent.trim().slice(0, 80) } : null;
  });
}

/** Presses Tab until `pred(focused)` holds; fails after `limit` presses. */
export async function tabTo(page, pred, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && pred(f)) return f;
  }
  throw new Error('could not reach the element by Tab');
}

/** Requests to any origin other than the server's. */
export function foreign(requests, url) {
  const origin = new URL(url).origin;
  return requests.filter((r) => !r.startsWith(origin) && !r.startsWith('blob:') && !r.startsWith('data:'));
}

/** Runs axe-core in the page; returns serious and critical violations. */
export async function axe(page) {
  await page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

/** The complete example return, as the crate generates it (crates/review/tests/fixtures). */
export const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json'), 'utf8'));

/** The complete example changed by `edit`, written as `name` in `dir`; returns its path. */
export function variant(dir, name, edit) {
  const doc = structuredClone(EXAMPLE);
  edit(doc);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc, null, 2));
  return path;
}

/** Opens the form at `url` in a fresh browser and imports `path`; resolves to { b, page }. */
export async function withImported(url, path, options = {}) {
  const b = await openBrowser(options);
  const page = await openWidget(await b.page(), url);
  await page.getByLabel('Import a return file').setInputFiles(path);
  await heading(page).filter({ hasText: 'Your review' }).waitFor();
  return { b, page };
}

/**
 * Everything the widget has stored in this origin: IndexedDB's `iacmh` database (where drafts
 * live, crates/widget/js/drafts.js), as { key: value }, keys in order. Read in the page, in a
 * connection of its own.
 */
export function stored(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('iacmh');
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('kv');
      const keys = tx.objectStore('kv').getAllKeys();
      const values = tx.objectStore('kv').getAll();
      tx.oncomplete = () => {
        db.close();
        resolve(Object.fromEntries(keys.result.map((k, i) => [k, values.result[i]])));
      };
      tx.onabort = () => reject(tx.error);
    };
  }));
}

/** Empties the widget's IndexedDB database and localStorage in the page's origin. */
export function clearStored(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    localStorage.clear();
    const open = indexedDB.open('iacmh');
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('kv', 'readwrite');
      tx.objectStore('kv').clear();
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
  }));
}
