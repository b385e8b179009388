// Papers, in headless Chromium: the board summary and the record of the maturity index printed
// to A4 PDFs as the print dialogue would, and read back with pdftotext (poppler-utils, which
// `./dev setup` installs); a domain page printed without radio controls; the record on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, openBrowser, openWidget, heading, axe, foreign } from './harness.mjs';
import { EXAMPLE, startReturn, variant as harnessVariant, withImported as harnessWithImported } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const scratch = mkdtempSync(join(tmpdir(), 'iacmh-papers-'));
// The index as the CLI prints it: whole questions, categories, domain titles.
const INDEX = JSON.parse(execFileSync(join(ROOT, 'target', 'release', 'iacmh'), ['index', '--format', 'json'], { encoding: 'utf8' }));
const RATINGS = {
  no_needs_action: ['✗', 'No, action is needed'],
  no_action_in_hand: ['✗', 'No, but action in hand'],
  yes_needs_improvement: ['✓', 'Yes, but needs improvement'],
  yes_working_well: ['✓', 'Yes, working well'],
  not_applicable: ['–', 'Not applicable'],
};
const CATEGORY = { essential: 'Essential', enhancer: 'Enhancer', desirable: 'Desirable' };

/** Whitespace as pdftotext breaks lines: runs collapsed, and a line broken after "-" or "/" joined. */
const norm = (s) => s.replace(/\s+/g, ' ').replace(/([-/]) /g, '$1').trim();

const EXAMPLE_FILE = join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json');
const variant = (name, edit) => harnessVariant(scratch, name, edit);
const withImported = (path, options) => harnessWithImported(server.url, path, options);

/**
 * Prints the page to PDF as the print dialogue would and reads it back: each
 * page's text laid out (`pages`) and in reading order (`rawPages`), where a table cell's lines
 * stay together, the whole text in reading order (`raw`), and the page size.
 */
async function print(page, name) {
  const path = join(scratch, `${name}.pdf`);
  // Letter unless the page asks for A4, so that A4 pages prove the @page rule applies.
  writeFileSync(path, await page.pdf({ format: 'Letter', preferCSSPageSize: true }));
  const text = (...args) => execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' });
  const split = (t) => t.split('\f').filter((page, i, all) => i < all.length - 1 || page.trim() !== '');
  const pages = split(text('-layout'));
  const raw = text('-raw');
  const size = execFileSync('pdfinfo', [path], { encoding: 'utf8' }).match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  return { pages, raw, rawPages: split(raw), width: Number(size[1]), height: Number(size[2]) };
}

/** The headings of the widget's page (h1 to h3, their caption and table captions), normalised. */
function headings(page) {
  return page.evaluate(() => [...document.querySelector('[data-iacmh]').shadowRoot
    .querySelectorAll('h1, h2, h3, caption, .nhsuk-caption-l')].map((h) => h.textContent.replace(/\s+/g, ' ').trim()));
}

/** Whether the page scrolls sideways at 320 px wide (then back to the harness's width). */
async function sideways(page) {
  await page.setViewportSize({ width: 320, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > 320);
  await page.setViewportSize({ width: 1100, height: 900 });
  return wide;
}

/**
 * The checks every paper passes: A4 portrait, each page numbered "Page n of m", no page that is
 * only headings, and no page that ends with a heading (its content on the next).
 */
function checkPaper(paper, known, name) {
  assert.ok(Math.abs(paper.width - 595) < 2 && Math.abs(paper.height - 842) < 2, `${name}: A4 portrait, ${paper.width} x ${paper.height}`);
  const isHeading = (line) => known.includes(line);
  paper.pages.forEach((text, i) => {
    const footer = `Page ${i + 1} of ${paper.pages.length}`;
    assert.ok(text.includes(footer), `${name} page ${i + 1} is numbered`);
    const lines = text.split('\n').map(norm).filter((l) => l !== '' && l !== footer);
    assert.ok(lines.some((l) => !isHeading(l)), `${name} page ${i + 1} holds only headings: ${lines.join(' | ')}`);
    assert.ok(!isHeading(lines.at(-1)), `${name} page ${i + 1} ends with the heading "${lines.at(-1)}"`);
  });
}

test('the summary for the board prints as a board paper: its facts and sign-off on page 1, domain names on the chart', { timeout: 90_000 }, async () => {
  const path = variant('final.json', (d) => { d.status = 'final'; d.round = '2024-25'; });
  const { b, page } = await withImported(path, { bypassCSP: true });
  try {
    const papersLoaded = () => b.requests.filter((r) => /iacmh_papers/.test(r)).length;
    assert.equal(papersLoaded(), 0, 'the form loads its papers only when one opens');
    await page.getByRole('link', { name: 'Summary for the board' }).click();
    await heading(page).filter({ hasText: 'Summary for the board' }).waitFor();
    await page.locator('svg.iacmh__chart-svg').waitFor();
    assert.equal(papersLoaded(), 2, 'the papers module and its wasm, once');
    assert.deepEqual(await axe(page), []);
    assert.equal(await sideways(page), false, 'the summary fits 320 px');
    // The chart names each domain (titles longer than a line are split over two).
    const labels = norm((await page.locator('svg.iacmh__chart-svg text').allTextContents()).join(' '));
    for (const d of INDEX.domains) assert.ok(labels.includes(norm(`${d.number}. ${d.title}`)), `chart names domain ${d.number}`);

    const paper = await print(page, 'summary');
    checkPaper(paper, await headings(page), 'summary');
    const first = norm(paper.rawPages[0]);
    for (const expected of [
      INDEX.title, 'Summary for the board', EXAMPLE.scope.icb, EXAMPLE.scope.region,
      'Review period 2024-25', 'Date completed 20 September 2024', 'Review date 20 September 2025', 'Status Final',
      'Chair, Mental Health Partnership Board; Expert by experience', 'Signatures',
    ]) assert.ok(first.includes(norm(expected)), `page 1 says "${expected}": ${first}`);
    for (const who of ['icb_sro', 'trust_medical_director', 'trust_director_of_nursing', 'icb_chief_medical_officer', 'icb_chief_nursing_officer']) {
      assert.ok(first.includes(EXAMPLE.maturity.sign_off[who].name), `page 1 names the ${who}`);
    }
    assert.match(first, /27 September 2024/);
    assert.doesNotMatch(paper.pages.join('\n'), /\d{4}-\d{2}-\d{2}/, 'no date printed as YYYY-MM-DD');
    // The chart opens the scores' page, its labels text on it; the table of scores follows it
    // (in Arial at a legible size the two do not fit one A4 page, so the table may run on).
    const scores = paper.pages.findIndex((p) => p.includes('Maturity index: scores by domain'));
    assert.ok(scores > 0, 'the scores start on a new page');
    const count = (text, s) => norm(text).split(s).length - 1;
    const chartAndTable = paper.pages[scores] + '\n' + paper.pages[scores + 1];
    for (const d of INDEX.domains.filter((d) => d.title.length < 30)) {
      assert.ok(count(paper.pages[scores], `${d.number}. ${d.title}`) >= 1, `domain ${d.number} on the chart: ${norm(paper.pages[scores])}`);
      assert.equal(count(chartAndTable, `${d.number}. ${d.title}`), 2, `domain ${d.number} on the chart and in the table`);
    }
    assert.match(chartAndTable, /All domains\s+161 of 161/);
    assert.doesNotMatch(paper.raw, /Print this summary|record of the maturity index/, 'no controls on paper');
    console.log(`summary for the board: ${paper.pages.length} A4 pages`);
  } finally {
    await b.close();
  }
});

test('the record of the maturity index: reachable from the task list and the summary, every whole question with its rating and comment, at most 25 pages', { timeout: 120_000 }, async () => {
  const { b, page } = await withImported(join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json'), { bypassCSP: true });
  try {
    await page.getByRole('link', { name: 'Record of the maturity index' }).click();
    await heading(page).filter({ hasText: 'Record of the maturity index' }).waitFor();
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Summary for the board' }).click();
    await page.getByRole('link', { name: 'record of the maturity index' }).click();
    assert.equal(await heading(page).textContent(), 'Record of the maturity index');
    await page.locator('table.iacmh__paper').first().waitFor();
    const main = page.locator('main');
    assert.equal(await main.getByRole('radio').count(), 0, 'no controls but the print button');
    assert.deepEqual(await main.getByRole('button').allTextContents(), ['Print this record']);
    assert.deepEqual(await axe(page), []);
    assert.equal(await sideways(page), false, 'the record fits 320 px: its tables stack');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('button', { name: 'Print this record' }).isVisible(), false, 'no button on paper');
    await page.emulateMedia({ media: null }); // page.pdf then prints as the print dialogue does

    const paper = await print(page, 'record');
    checkPaper(paper, await headings(page), 'record');
    assert.ok(paper.pages.length <= 25, `${paper.pages.length} pages`);
    const first = norm(paper.rawPages[0]);
    for (const expected of [INDEX.title, 'Record of the maturity index', EXAMPLE.scope.icb, 'Date completed 20 September 2024', 'Status Draft']) {
      assert.ok(first.includes(expected), `page 1 says "${expected}"`);
    }
    // Every question whole (a fragment such as 2.01 "CRHT." with its stem), its category, its
    // comment, then its mark and rating in words, in that order.
    const raw = norm(paper.raw);
    const questions = INDEX.domains.flatMap((d) => d.questions);
    assert.equal(questions.length, 161);
    assert.equal(questions.find((q) => q.id === '2.01').full_text, 'Do our policies describe the pathways for: CRHT.');
    let comments = 0;
    for (const q of questions) {
      const answer = EXAMPLE.maturity.answers[q.id];
      const [mark, words] = RATINGS[answer.rating];
      if (answer.comment) comments++;
      const expected = norm([`${q.id} ${CATEGORY[q.category]}`, q.full_text, answer.comment && `Comment: ${answer.comment}`, `${mark} ${words}`]
        .filter(Boolean).join(' '));
      assert.ok(raw.includes(expected), `the record prints ${q.id} as "${expected}"`);
    }
    assert.ok(comments > 161 / 4, `${comments} comments: a realistic return`);
    for (const d of INDEX.domains) assert.ok(raw.includes(norm(`${d.number}. ${d.title}`)), `domain ${d.number} titled`);
    // Then the findings and the sign-off.
    assert.ok(raw.includes(norm(EXAMPLE.maturity.findings.at(-1).action)));
    assert.match(raw, /Sign-off Completed by \(governance committee\): Chair/);
    assert.doesNotMatch(raw, /Print this record|\d{4}-\d{2}-\d{2}/);
    console.log(`record of the maturity index: ${paper.pages.length} A4 pages (${comments} comments)`);
    assert.deepEqual(foreign(b.requests, server.url), []);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('a paper whose files cannot be loaded says so, and loads when they can', { timeout: 60_000 }, async () => {
  const { b, page } = await withImported(EXAMPLE_FILE);
  try {
    let blocked = true;
    await page.route('**/iacmh_papers_bg.wasm', (route) => (blocked ? route.abort() : route.continue()));
    await page.getByRole('link', { name: 'Summary for the board' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The paper could not be prepared' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /self-check page/);
    blocked = false;
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Record of the maturity index' }).click();
    await page.locator('table.iacmh__paper').first().waitFor();
    assert.equal(await alert.count(), 0);
  } finally {
    await b.close();
  }
});

test('a printed domain page shows each chosen rating as words, not radio controls', { timeout: 60_000 }, async () => {
  const { b, page } = await withImported(join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json'));
  try {
    const domain = INDEX.domains.find((d) => d.number === 5);
    await page.getByRole('link', { name: `5. ${domain.title}` }).click();
    await heading(page).filter({ hasText: domain.title }).waitFor();
    const paper = await print(page, 'domain-5');
    const text = norm(paper.pages.join('\n'));
    // Each label printed once per question that chose it, and no other.
    for (const [key, [, words]] of Object.entries(RATINGS)) {
      const chosen = domain.questions.filter((q) => EXAMPLE.maturity.answers[q.id].rating === key).length;
      assert.equal(text.split(words).length - 1, chosen, `"${words}" printed ${chosen} times`);
    }
    assert.ok(paper.pages.length <= 3, `${paper.pages.length} pages for 8 questions`);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.nhsuk-radios__label').filter({ visible: true }).count(), domain.questions.length, 'one label a question');
    await page.emulateMedia({ media: null }); // page.pdf then prints as the print dialogue does
  } finally {
    await b.close();
  }
});

test('a printed domain page says when a question is not answered', { timeout: 60_000 }, async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    await startReturn(page, 'Devon');
    await page.getByRole('link', { name: '5. Legislation' }).click();
    await page.getByRole('group', { name: /5\.01/ }).getByLabel('Yes, working well').check();
    const text = norm((await print(page, 'domain-5-blank')).pages.join('\n'));
    assert.equal(text.split('Not answered').length - 1, 7);
    assert.equal(text.split('Yes, working well').length - 1, 1);
  } finally {
    await b.close();
  }
});
