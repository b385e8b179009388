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
    const heat = host.getByRole('table', { name: 'Score by domain for each return' });
    assert.equal(await heat.getByRole('row').count(), 1 + 3);
    assert.match(await host.locator('ul').filter({ hasText: 'DNAs are used' }).textContent(), /NHS Devon Integrated Care Board: DNAs are used as a reason for discharge/);
    const dna = host.getByRole('table', { name: 'Answers to the provision questions' }).getByRole('row', { name: /Are DNAs ever used/ });
    assert.match(await dna.textContent(), /Are DNAs ever used as a reason for discharge for this patient group\?\s*1\s*2\s*0\s*33/);
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
      ['Summary', 'Domains by region', 'Returns', 'Questions', 'Barriers', 'Flags', 'Actions', 'Not returned', 'Team returns', 'Team questions', 'Files', 'About'],
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

test('500 returns from choosing them to the table (goal 2 s; fails only past a generous 8 s)', { timeout: 120_000 }, async () => {
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
      const started = Date.now();
      await host.getByLabel('Or choose a folder of returns').setInputFiles(dir);
      await host.getByRole('status').filter({ hasText: '500 returns collated' }).waitFor();
      await host.getByRole('table', { name: 'Score by domain for each return' }).getByRole('row').nth(500).waitFor();
      times.push(Date.now() - started);
      await page.reload();
      await host.getByRole('heading', { level: 1 }).waitFor();
    }
    times.sort((a, b) => a - b);
    console.log(`500 returns, choose to table: median ${times[1]} ms (${times.join(', ')})`);
    // The goal is 2 s (README); CI shares two cores with other work, so the
    // assertion is generous and the median is printed for the README.
    assert.ok(times[1] < 8000, `${times[1]} ms`);

    // The same 500 as a workbook: from the click to the downloaded file (goal 3 s).
    await host.getByLabel('Or choose a folder of returns').setInputFiles(dir);
    await host.getByRole('status').filter({ hasText: '500 returns collated' }).waitFor();
    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download'), host.getByRole('button', { name: 'Download XLSX' }).click()]);
    const path = join(mkdtempSync(join(tmpdir(), 'iacmh-dl-')), download.suggestedFilename());
    await download.saveAs(path);
    const took = Date.now() - started;
    const bytes = readFileSync(path).length;
    console.log(`500 returns, workbook downloaded: ${took} ms, ${bytes} bytes`);
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
