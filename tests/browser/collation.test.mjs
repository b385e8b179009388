// The regional collation page: a folder of returns (bad ones included) chosen in the browser,
// each file's status, the heatmap and flags, downloads read back, and 500 returns timed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, PYTHON, startServer, openBrowser, foreign, axe } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const example = JSON.parse(readFileSync(join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json'), 'utf8'));
const ICBS = [
  ['NHS Devon Integrated Care Board', 'South West'],
  ['NHS Dorset Integrated Care Board', 'South West'],
  ['NHS Somerset Integrated Care Board', 'South West'],
];

/** A return for a team of an ICB, with `dna` as its DNA answer. */
function teamReturn(icb, region, team, dna) {
  const r = structuredClone(example);
  r.scope = { level: 'team', icb, region, organisation: 'Provider', team };
  r.outcome.review.icb_name = icb;
  r.outcome.review.region = region;
  r.outcome.provision.dna_used_as_discharge_reason = dna;
  return r;
}

function regionFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'iacmh-region-'));
  const returns = join(dir, 'returns');
  mkdirSync(join(returns, 'older'), { recursive: true });
  ICBS.forEach(([icb, region], i) => {
    const r = structuredClone(example);
    r.scope = { level: 'icb', icb, region, organisation: '', team: '' };
    r.outcome.review.icb_name = icb;
    r.outcome.review.region = region;
    r.outcome.provision.dna_used_as_discharge_reason = i === 0;
    r.meta.updated = '2024-09-30T10:00:00Z';
    writeFileSync(join(returns, `icb-${i}.json`), JSON.stringify(r));
  });
  const older = structuredClone(JSON.parse(readFileSync(join(returns, 'icb-0.json'), 'utf8')));
  older.meta.updated = '2024-09-01T10:00:00Z';
  writeFileSync(join(returns, 'older', 'devon-draft.json'), JSON.stringify(older));
  writeFileSync(join(returns, 'notes.json'), 'these are notes');
  writeFileSync(join(returns, 'newer.json'), JSON.stringify({ ...example, format_version: 3 }));
  writeFileSync(join(returns, 'readme.txt'), 'not a return');
  return returns;
}

test('a folder of returns, bad files included, is collated in the browser and downloads read back', { timeout: 60_000 }, async () => {
  const b = await openBrowser({ bypassCSP: true });
  try {
    const page = await b.page();
    await page.goto(`${server.url}collate.html`);
    const host = page.locator('[data-iacmh-collation]');
    await host.getByRole('heading', { level: 1, name: 'Collate review returns' }).waitFor();
    await host.getByLabel('Or choose a folder of returns').setInputFiles(regionFolder());
    const status = host.getByRole('status');
    await status.filter({ hasText: 'returns collated' }).waitFor();
    assert.match(await status.textContent(), /3 returns collated; 2 files could not be read; 1 duplicate left out/);
    const files = host.getByRole('table', { name: 'Each file and what became of it' });
    assert.match(await files.getByRole('row', { name: /notes\.json/ }).textContent(), /Left out: the file is not valid JSON/);
    assert.match(await files.getByRole('row', { name: /newer\.json/ }).textContent(), /newer version/);
    assert.match(await files.getByRole('row', { name: /devon-draft\.json/ }).textContent(), /older return/);
    const heat = host.getByRole('table', { name: /^Score by domain for each ICB-level return/ });
    assert.equal(await heat.locator('th[scope=row]').count(), 3);
    const flagged = host.getByRole('table', { name: /^Red flags by kind/ }).getByRole('row', { name: /DNAs used as a reason for discharge/ });
    assert.match(await flagged.textContent(), /1 of 3 \(33%\) ICB-level returns\s*NHS Devon Integrated Care Board/);
    const dna = host.getByRole('table', { name: /^Answers to the provision questions/ }).getByRole('row', { name: /Are DNAs ever used/ });
    assert.match(await dna.textContent(), /Are DNAs ever used as a reason for discharge for this patient group\?Yes is the answer of concern\s*1 of 3 \(33%\)\s*2 of 3 \(67%\)\s*0 of 3 \(0%\)/);
    assert.deepEqual(await axe(page), [], 'axe on the collation page');

    // The workbook, read back by openpyxl.
    const [download] = await Promise.all([page.waitForEvent('download'), host.getByRole('button', { name: 'Download XLSX' }).click()]);
    const path = join(mkdtempSync(join(tmpdir(), 'iacmh-dl-')), download.suggestedFilename());
    await download.saveAs(path);
    const check = execFileSync(PYTHON, ['-c', `
import datetime, json, sys, zipfile, openpyxl
assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in zipfile.ZipFile(sys.argv[1]).infolist() if i.filename.endswith(".xml"))
wb = openpyxl.load_workbook(sys.argv[1])
r = wb["Returns"]
header = [c.value for c in r[1]]
updated = r.cell(row=2, column=header.index("updated") + 1).value
england = [row for row in wb["Summary"].iter_rows(values_only=True)][-1]
print(json.dumps([wb.sheetnames, r.max_row - 1, wb["Questions"].max_row - 1, wb["Not returned"].max_row - 1,
  isinstance(updated, datetime.datetime), r.freeze_panes, england[:3]]))`, path]).toString();
    assert.deepEqual(JSON.parse(check), [
      ['Summary', 'Domains by region', 'Returns', 'Questions', 'Barriers', 'Flags', 'Actions', 'Not returned', 'Team returns', 'Team questions', 'Progress', 'Progress by region', 'Files', 'About'],
      3, 3 * 161, 42 - 3, true, 'A2', ['England', 42, 3],
    ]);
    const [csv] = await Promise.all([page.waitForEvent('download'), host.getByRole('button', { name: 'Download CSV (one row per return)' }).click()]);
    const csvPath = join(mkdtempSync(join(tmpdir(), 'iacmh-dl-')), csv.suggestedFilename());
    await csv.saveAs(csvPath);
    assert.equal(readFileSync(csvPath, 'utf8').trim().split('\r\n').length, 1 + 3);
    assert.ok(readFileSync(csvPath, 'utf8').startsWith('\uFEFFfile,'), 'a byte-order mark for Excel');

    assert.deepEqual(foreign(b.requests, server.url), [], 'no file leaves the browser');
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

/** Arms the collation page to time, in the page itself, from the folder input's change event
 * to the team table's 504 rows painted (not counting how the test waits, which on a page of
 * 25,000 elements costs the main thread as much as the page's own work). */
function armTableTimer(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-iacmh-collation]').shadowRoot;
    window.__iacmhTook = new Promise((resolve) => {
      root.querySelector('#iacmh-collate-folder').addEventListener('change', () => {
        const start = performance.now();
        const tick = () => {
          const status = root.querySelector('[role=status]')?.textContent ?? '';
          const table = [...root.querySelectorAll('table')]
            .find((t) => t.caption?.textContent.startsWith('Score by domain for each team and provider return'));
          if (status.includes('500 returns collated') && table && table.rows.length >= 504) {
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
          } else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, { once: true });
    });
  });
}

test('500 returns from choosing them to the table, and to a workbook (goals 3 s each; fail only past generous bounds)', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iacmh-500-'));
  for (let i = 0; i < 500; i++) {
    const [icb, region] = ICBS[i % ICBS.length];
    writeFileSync(join(dir, `team-${i}.json`), JSON.stringify(teamReturn(icb, region, `Team ${i}`, i % 7 === 0)));
  }
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.goto(`${server.url}collate.html`);
    const host = page.locator('[data-iacmh-collation]');
    await host.getByRole('heading', { level: 1 }).waitFor();
    const times = [];
    for (let run = 0; run < 3; run++) {
      await armTableTimer(page);
      await host.getByLabel('Or choose a folder of returns').setInputFiles(dir);
      times.push(Math.round(await page.evaluate(() => window.__iacmhTook)));
      // 500 team returns of 3 ICBs: a heading row, then each ICB's group row and its teams.
      await host.getByRole('table', { name: /^Score by domain for each team and provider return/ }).getByRole('row').nth(503).waitFor();
      if (run < 2) {
        await page.reload();
        await host.getByRole('heading', { level: 1 }).waitFor();
      }
    }
    times.sort((a, b) => a - b);
    console.log(`500 returns, change event to the table painted: median ${times[1]} ms (${times.join(', ')})`);
    // The goal is 3 s (README); CI shares two cores with other work, so the assertion is
    // generous and the median is printed for the README.
    assert.ok(times[1] < 8000, `${times[1]} ms`);

    // The same 500 as a workbook: from the click to the file handed to the browser to save,
    // timed in the page (the download's own saving is the browser's); then the file itself.
    await page.evaluate(() => {
      const made = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob) => {
        if (blob.type.includes('spreadsheetml')) window.__iacmhMade = performance.now();
        return made(blob);
      };
    });
    const [download, took] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(() => new Promise((resolve) => {
        const button = [...document.querySelector('[data-iacmh-collation]').shadowRoot.querySelectorAll('button')]
          .find((x) => x.textContent === 'Download XLSX');
        const start = performance.now();
        button.click();
        const wait = () => (window.__iacmhMade ? resolve(Math.round(window.__iacmhMade - start)) : setTimeout(wait, 10));
        wait();
      })),
    ]);
    const path = join(mkdtempSync(join(tmpdir(), 'iacmh-dl-')), download.suggestedFilename());
    await download.saveAs(path);
    const bytes = readFileSync(path).length;
    console.log(`500 returns, click to workbook made: ${took} ms, ${bytes} bytes`);
    const rows = execFileSync(PYTHON, ['-c', `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(wb["Team returns"].max_row - 1, wb["Team questions"].max_row - 1)`, path]).toString().trim();
    assert.equal(rows, `500 ${500 * 161}`);
    assert.ok(took < 12000, `${took} ms`);
  } finally {
    await b.close();
  }
});

test('files dropped on the page are collated, bad ones listed', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.goto(`${server.url}collate.html`);
    const host = page.locator('[data-iacmh-collation]');
    await host.getByRole('heading', { level: 1 }).waitFor();
    const files = [
      ['devon-team.json', JSON.stringify(teamReturn(...ICBS[0], 'North', true))],
      ['dorset-team.json', JSON.stringify(teamReturn(...ICBS[1], 'South', false))],
      ['spreadsheet.json', '{"Sheet1": [[1, 2]]}'],
      ['photo.png', 'not even JSON'],
    ];
    const dataTransfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const [name, text] of list) dt.items.add(new File([text], name, { type: 'application/json' }));
      return dt;
    }, files);
    await host.locator('.iacmh__drop').dispatchEvent('drop', { dataTransfer });
    const status = host.getByRole('status').filter({ hasText: 'returns collated' });
    await status.waitFor();
    // photo.png is not a .json file and is not read at all.
    assert.match(await status.textContent(), /2 returns collated; 1 file could not be read; 0 duplicates left out/);
    const table = host.getByRole('table', { name: 'Each file and what became of it' });
    assert.match(await table.getByRole('row', { name: /spreadsheet\.json/ }).textContent(), /not an iacmh return/);
    // Team returns have CSV files of their own, as they have sheets of their own.
    const [csv] = await Promise.all([page.waitForEvent('download'), host.getByRole('button', { name: 'Download CSV (team and provider returns)' }).click()]);
    const csvPath = join(mkdtempSync(join(tmpdir(), 'iacmh-dl-')), csv.suggestedFilename());
    await csv.saveAs(csvPath);
    const text = readFileSync(csvPath, 'utf8');
    assert.ok(text.startsWith('\uFEFFfile,icb_code,icb,region,level,organisation,team,'), text.slice(0, 80));
    assert.equal(text.trim().split('\r\n').length, 1 + 2);
    assert.deepEqual(foreign(b.requests, server.url), []);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

/**
 * ICB-level returns of two regions (one incomplete, Devon's in two rounds) and two team returns
 * of Devon's, one of which says DNAs are used for discharge: every output of the report should
 * keep the teams apart, group by region, mark the partial score and give each share its
 * denominator.
 */
function roundsFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'iacmh-rounds-'));
  const icb = (file, name, region, round, edit = () => {}) => {
    const r = structuredClone(example);
    r.scope = { level: 'icb', icb: name, region, organisation: '', team: '' };
    r.outcome.review.icb_name = name;
    r.outcome.review.region = region;
    r.round = round;
    edit(r);
    writeFileSync(join(dir, file), JSON.stringify(r));
  };
  icb('devon-2023.json', 'NHS Devon Integrated Care Board', 'South West', '2023-24', (r) => {
    r.maturity.answers['3.08'] = { rating: 'no_needs_action' };
    r.outcome.assured = false;
  });
  icb('devon-2024.json', 'NHS Devon Integrated Care Board', 'South West', '2024-25', (r) => {
    r.maturity.answers['3.08'] = { rating: 'yes_working_well' };
    r.outcome.assured = true;
  });
  icb('dorset.json', 'NHS Dorset Integrated Care Board', 'South West', '2024-25');
  icb('lancashire.json', 'NHS Lancashire and South Cumbria Integrated Care Board', 'North West', '2024-25', (r) => {
    for (const id of Object.keys(r.maturity.answers)) if (Number(id.split('.')[0]) >= 10) delete r.maturity.answers[id];
    r.outcome.provision.dna_used_as_discharge_reason = true;
  });
  for (const [team, dna] of [['North', true], ['South', false]]) {
    const r = teamReturn('NHS Devon Integrated Care Board', 'South West', team, dna);
    r.round = '2024-25';
    writeFileSync(join(dir, `devon-${team.toLowerCase()}.json`), JSON.stringify(r));
  }
  return dir;
}

/** The checks both places the report is shown must pass; `root` holds the report. */
async function checkReport(page, root, where) {
  const heat = root.getByRole('table', { name: /^Score by domain for each ICB-level return, by region/ });
  // Grouped by region, in the register's order; team returns are not among the ICBs.
  const groups = await heat.evaluate((t) => [...t.tBodies]
    .map((b) => [b.rows[0].querySelector('th').firstChild.textContent, [...b.querySelectorAll('th[scope=row]')].map((th) => th.firstChild.textContent)])
    .filter(([, rows]) => rows.length > 0));
  assert.deepEqual(groups, [
    ['North West', ['NHS Lancashire and South Cumbria Integrated Care Board']],
    ['South West', ['NHS Devon Integrated Care Board', 'NHS Dorset Integrated Care Board']],
  ], where);
  // Domain names head the columns.
  assert.ok((await heat.locator('thead').textContent()).includes('3. Workforce'), where);
  // The incomplete return: its completeness beside its scores and its overall score marked partial.
  const lancashire = heat.getByRole('row', { name: /NHS Lancashire/ });
  assert.match(await lancashire.locator('th').textContent(), /Draft · \d+ of 161 answered/, where);
  assert.match(await lancashire.locator('td').last().textContent(), /^\d+partial$/, where);
  const dorset = heat.getByRole('row', { name: /NHS Dorset/ });
  assert.match(await dorset.locator('th').textContent(), /161 of 161 answered · (valid|\d+ validation errors?)/, where);
  assert.doesNotMatch(await dorset.locator('td').last().textContent(), /partial/, where);

  // Team returns apart, each team's flags under it; their DNA answer is not in the national share.
  const teams = root.getByRole('table', { name: /^Score by domain for each team and provider return/ });
  assert.equal(await teams.locator('th[scope=row]').count(), 2, where);
  assert.match(await teams.getByRole('row', { name: /North/ }).locator('th').textContent(), /DNAs are used as a reason for discharge/, where);
  assert.doesNotMatch(await teams.getByRole('row', { name: /South/ }).locator('th').textContent(), /DNAs are used/, where);
  const dna = root.getByRole('table', { name: /^Answers to the provision questions/ }).getByRole('row', { name: /Are DNAs ever used/ });
  assert.match(await dna.locator('td').first().textContent(), /^1 of 3 \(33%\)$/, where);
  const england = root.getByRole('table', { name: /^ICB-level returns by region/ }).getByRole('row', { name: /^England/ });
  assert.match(await england.textContent(), /England3 of 42 \(7%\)/, where);
  assert.match(await england.locator('td').last().textContent(), /^2$/, where);

  // Every percentage comes with its denominator.
  const text = await root.locator('.iacmh-report').textContent();
  const percentages = text.match(/\d+%/g) ?? [];
  const withDenominators = text.match(/\d+ of \d+ \(\d+%\)/g) ?? [];
  assert.ok(percentages.length > 20, `${where}: ${percentages.length}`);
  assert.equal(percentages.length, withDenominators.length, where);

  // Progress between rounds.
  const progress = root.getByRole('table', { name: 'Progress of each return given in more than one round' });
  assert.match(await progress.getByRole('row', { name: /Devon/ }).textContent(), /2023-24 to 2024-25.*Assured: No → Yes/, where);

  // Flags by kind, DNAs and not assured first; the long list folded.
  const kinds = await root.getByRole('table', { name: /^Red flags by kind/ }).locator('tbody th').allTextContents();
  assert.equal(kinds[0], 'DNAs used as a reason for discharge', where);
  assert.equal(await root.locator('details').filter({ hasText: 'Every flag' }).getAttribute('open'), null, where);

  // 800 px wide: nothing scrolls sideways, the heatmap included.
  await page.setViewportSize({ width: 800, height: 900 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 800, where);
  for (const table of [heat, teams, progress]) {
    assert.ok(await table.evaluate((t) => t.getBoundingClientRect().right) <= 800, `${where}: a table wider than 800 px`);
  }
  // Open every folded part so that axe sees it too.
  await root.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  assert.deepEqual(await axe(page), [], `axe on ${where}`);
}

test('team returns apart, regions, partial scores, denominators, rounds, 800 px, roll-up: the page and the HTML report alike', { timeout: 120_000 }, async () => {
  const dir = roundsFolder();
  const b = await openBrowser({ bypassCSP: true });
  try {
    const page = await b.page();
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto(`${server.url}collate.html`);
    const host = page.locator('[data-iacmh-collation]');
    await host.getByRole('heading', { level: 1 }).waitFor();
    await host.getByLabel('Or choose a folder of returns').setInputFiles(dir);
    const status = host.getByRole('status').filter({ hasText: 'returns collated' });
    await status.waitFor();
    assert.match(await status.textContent(), /5 returns collated; 0 files could not be read; 0 duplicates left out\. Of them, 2 team or provider returns are shown apart/);
    await checkReport(page, host, 'the collation page');

    // Roll Devon's teams up into an ICB-level draft, as `iacmh roll-up` does.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      host.getByRole('button', { name: 'Roll up to an ICB draft for NHS Devon Integrated Care Board' }).click(),
    ]);
    const path = join(mkdtempSync(join(tmpdir(), 'iacmh-dl-')), download.suggestedFilename());
    await download.saveAs(path);
    const draft = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(draft.scope.level, 'icb');
    assert.equal(draft.scope.icb, 'NHS Devon Integrated Care Board');
    assert.equal(draft.status, 'draft');
    assert.equal(Object.keys(draft.maturity.answers).length, 161);
    assert.match(await host.getByRole('status').filter({ hasText: 'Rolled up' }).textContent(), /Rolled up 2 team and provider returns for NHS Devon Integrated Care Board into .*\.json/);
    // The draft is a return the command line reads.
    execFileSync(join(ROOT, 'target', 'release', 'iacmh'), ['score', path]);
    assert.deepEqual(foreign(b.requests, server.url), [], 'no file leaves the browser');

    // The same report as a file, from the command line, opened from disk.
    const html = join(mkdtempSync(join(tmpdir(), 'iacmh-html-')), 'report.html');
    execFileSync(join(ROOT, 'target', 'release', 'iacmh'), ['collate', dir, '--out', html]);
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`file://${html}`);
    await checkReport(page, page.locator('body'), 'the HTML report');
    assert.equal(await page.locator('button').count(), 0, 'the file has no controls');
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});
