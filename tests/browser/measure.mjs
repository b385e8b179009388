// Measures the widget in headless Chromium: bytes of everything the page loads (gzip), time
// from navigation to the first page being interactive, the cost of revalidating a complete
// return, and how soon rating a question and opening a domain reach the screen. Medians over
// several runs.
//   node tests/browser/measure.mjs      prints the numbers for the README
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, startServer, openBrowser, startReturn } from './harness.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** Milliseconds from navigation start until the widget's first page can be used. */
async function timeToInteractive(url) {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.addInitScript(() => {
      const tick = () => {
        const root = document.querySelector('[data-iacmh]')?.shadowRoot;
        if (root?.querySelector('h1') && root.querySelector('select, .nhsuk-task-list')) window.__iacmhInteractive = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__iacmhInteractive !== undefined);
    const ms = await page.evaluate(() => window.__iacmhInteractive);
    const origin = new URL(url).origin;
    const loaded = [...new Set(b.requests.filter((r) => r.startsWith(origin)))];
    return { ms, loaded };
  } finally {
    await b.close();
  }
}

/** Gzipped bytes of each same-origin file a page load fetched (the favicon aside). */
function bytesOf(urls, origin) {
  const files = {};
  for (const u of urls) {
    const path = new URL(u).pathname;
    if (path === '/favicon.ico') continue;
    const file = path.startsWith('/pkg/') ? join(ROOT, path) : join(ROOT, 'web', path === '/' ? 'index.html' : path);
    files[path] = gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return files;
}

async function revalidationMs(url) {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.goto(url);
    await page.waitForFunction(() => window.iacmh?.benchmarkRevalidation);
    const json = readFileSync(join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json'), 'utf8');
    return await page.evaluate((j) => window.iacmh.benchmarkRevalidation(j, 1000), json);
  } finally {
    await b.close();
  }
}

/**
 * Milliseconds from a click on `locator` to the next paint, measured in the page: a frame
 * callback registered just before the click runs when the next frame starts (after the click's
 * work), and a timeout set from it runs once that frame is painted. Registered before the
 * click, they run before anything the page itself defers to after the paint.
 *
 * The click comes 50 ms after a frame, on an idle page, as a person's click does. Playwright's
 * call into the page makes the browser draw a frame (a trace shows one starting 0.1 to 0.4 ms
 * before each click); a click right after it waited for the frame clock's next tick: rating a
 * question measured 6 ms of work, and 17 to 25 ms in a third of the clicks.
 */
export function clickToPaint(locator) {
  return locator.evaluate(async (el) => {
    await new Promise((idle) => requestAnimationFrame(() => setTimeout(idle, 50)));
    return new Promise((resolve) => {
      const start = performance.now();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      el.click();
    });
  });
}

/** Medians over `runs` of opening domain 1 from the task list and of rating one of its questions, at 1280x900. */
export async function frames(url, runs = 10) {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    const widget = page.locator('[data-iacmh]');
    await startReturn(widget, 'Devon');
    const domain = widget.getByRole('link', { name: /^1\. / });
    const open = [];
    for (let i = 0; i <= runs; i++) { // the first run warms up
      await domain.waitFor();
      await page.waitForTimeout(100);
      const ms = await clickToPaint(domain);
      if (i > 0) open.push(ms);
      await widget.getByRole('heading', { level: 1, name: /^1\. / }).waitFor();
      await page.waitForTimeout(100);
      if (i < runs) await widget.getByRole('link', { name: 'Your review' }).click();
    }
    const rate = [];
    for (let i = 0; i <= runs; i++) {
      const id = `1.${String(i + 1).padStart(2, '0')}`;
      const radio = widget.locator(`input[name="f-maturity-answers-${id}"][value="yes_working_well"]`);
      await radio.waitFor({ state: 'attached' });
      await page.waitForTimeout(100);
      const ms = await clickToPaint(radio);
      if (i > 0) rate.push(ms);
    }
    return { openDomainMs: median(open), rateMs: median(rate), open, rate };
  } finally {
    await b.close();
  }
}

export async function measure(url, runs = 5) {
  const loads = [];
  for (let i = 0; i < runs; i++) loads.push(await timeToInteractive(url));
  const files = bytesOf(loads[0].loaded, new URL(url).origin);
  const revalidations = [];
  for (let i = 0; i < 3; i++) revalidations.push(await revalidationMs(url));
  return {
    files,
    totalGzip: Object.values(files).reduce((a, b) => a + b, 0),
    interactiveMs: median(loads.map((l) => l.ms)),
    revalidationMs: median(revalidations),
  };
}

/** Gzipped bytes of everything the collation page (collate.html) loads, once it is ready. */
export async function collationBytes(url) {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.goto(`${url}collate.html`);
    await page.locator('[data-iacmh-collation]').getByRole('heading', { level: 1 }).waitFor();
    const origin = new URL(url).origin;
    return bytesOf([...new Set(b.requests.filter((r) => r.startsWith(origin)))], origin);
  } finally {
    await b.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer();
  try {
    const m = await measure(server.url, 7);
    for (const [f, n] of Object.entries(m.files)) console.log(`${f}: ${n} bytes gzip`);
    console.log(`total: ${m.totalGzip} bytes gzip (${(m.totalGzip / 1024).toFixed(1)} KiB)`);
    console.log(`navigation to interactive: ${m.interactiveMs.toFixed(0)} ms (median of 7)`);
    console.log(`revalidation of a complete return: ${m.revalidationMs.toFixed(3)} ms (mean of 1000 runs, median of 3 browsers)`);
    const f = await frames(server.url, 10);
    console.log(`opening domain 1 from the task list, click to next paint: ${f.openDomainMs.toFixed(1)} ms (median of 10; ${f.open.map((x) => x.toFixed(1)).join(' ')})`);
    console.log(`rating a question, click to next paint: ${f.rateMs.toFixed(1)} ms (median of 10; ${f.rate.map((x) => x.toFixed(1)).join(' ')})`);
    const c = await collationBytes(server.url);
    for (const [f, n] of Object.entries(c)) console.log(`collation page ${f}: ${n} bytes gzip`);
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    console.log(`collation page total: ${total} bytes gzip (${(total / 1024).toFixed(1)} KiB)`);
  } finally {
    server.stop();
  }
}
