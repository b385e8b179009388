// Measures the widget in headless Chromium: bytes of everything the page loads (gzip), time
// from navigation to the first page being interactive, and the cost of revalidating a complete
// return. Medians over several fresh browsers.
//   node tests/browser/measure.mjs      prints the numbers for the README
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, startServer, openBrowser } from './harness.mjs';

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
    const c = await collationBytes(server.url);
    for (const [f, n] of Object.entries(c)) console.log(`collation page ${f}: ${n} bytes gzip`);
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    console.log(`collation page total: ${total} bytes gzip (${(total / 1024).toFixed(1)} KiB)`);
  } finally {
    server.stop();
  }
}
