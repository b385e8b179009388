// The draft list on the start page: it survives a draft index written by a newer version of
// the widget, shows when each draft was saved in the browser's own time zone, and drafts can be
// named, deleted one at a time, and are recognised when imported again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, openBrowser, openWidget, heading, focused, axe, stored, clearStored } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const EXAMPLE = JSON.parse(execFileSync(join(ROOT, 'target', 'release', 'iacmh'), ['example'], { encoding: 'utf8' }));

/** A team return of the example's ICB, saved at `updated`; its label is "<ICB>: Trust: <team>". */
function draft(team, updated) {
  const ret = structuredClone(EXAMPLE);
  Object.assign(ret.scope, { level: 'team', organisation: 'Trust', team });
  ret.meta.updated = updated;
  return JSON.stringify(ret);
}

/**
 * Puts `items` into localStorage, where versions before IndexedDB kept drafts, with nothing in
 * IndexedDB, then loads the page afresh (at no page's address): the widget moves them across.
 */
async function plant(page, items) {
  await clearStored(page);
  await page.evaluate((items) => {
    for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
  }, items);
  await page.goto(server.url);
  await heading(page).waitFor();
}

/** Goes to the start page by its address. */
async function toStart(page) {
  await page.evaluate(() => { location.hash = '#/start'; });
  await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
}

/** The drafts the start page lists, in order, as "title (about)"; only those with an Open link (not the open one) unless `all`. */
async function listedDrafts(page, all = false) {
  await toStart(page);
  let rows = page.locator('[data-iacmh] .nhsuk-summary-list__row');
  if (!all) rows = rows.filter({ has: page.getByRole('link', { name: /^Open / }) });
  return rows.evaluateAll((rows) => rows.map((r) =>
    `${r.querySelector('dt').textContent.trim()} (${r.querySelector('.nhsuk-summary-list__value').textContent.trim()})`));
}

const storedKeys = async (page) => Object.keys(await stored(page));

test('drafts still list when a newer version wrote the draft index, and none is lost', async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    const drafts = {
      'iacmh:draft:d1': draft('North', '2024-09-03T10:00:00Z'),
      'iacmh:draft:d2': draft('South', '2024-09-02T10:00:00Z'),
      'iacmh:draft:d3': draft('West', '2024-09-01T10:00:00Z'),
      // A draft this version cannot read: left alone, not listed.
      'iacmh:draft:d9': JSON.stringify({ ...EXAMPLE, format_version: 3 }),
      'iacmh:current': 'd1',
    };

    // An index of another shape altogether: rebuilt from the drafts.
    await plant(page, {
      ...drafts,
      'iacmh:drafts': JSON.stringify({ version: 2, drafts: { d1: { title: 'North', savedAt: 1725357600000 } } }),
    });
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.deepEqual((await listedDrafts(page)).map((t) => t.replace(/ \(saved .*\)$/, '')), [
      'North East and North Cumbria: Trust: South',
      'North East and North Cumbria: Trust: West',
    ]);

    // Our shape with fields this version does not know, of every kind: read leniently (the
    // labels shown are the index's own), a listed draft no longer stored is dropped, and one
    // the index leaves out or lists without a label is listed from the draft.
    await plant(page, {
      ...drafts,
      'iacmh:drafts': JSON.stringify([
        { id: 'd1', label: 'North, as indexed', updated: '2024-09-03T10:00:00Z', status: { submitted: true, by: ['x', { y: null }] }, size: 1.5e3, pinned: false },
        { revision: -2, id: 'd2', label: 'South, as indexed', updated: '2024-09-02T10:00:00Z' },
        { id: 'gone', label: 'A draft no longer stored', updated: '2024-09-04T10:00:00Z' },
        { id: 'd9', updated: null },
      ]),
    });
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.deepEqual((await listedDrafts(page)).map((t) => t.replace(/ \(saved .*\)$/, '')), [
      'South, as indexed',
      'North East and North Cumbria: Trust: West',
    ]);

    // Entries of types this version does not expect: the index is rebuilt from the drafts.
    await plant(page, {
      ...drafts,
      'iacmh:drafts': JSON.stringify(['d1', { id: 'd2', label: 42 }, 17, [], { id: 'd3', label: 'West', updated: '2024-09-01T10:00:00Z' }]),
    });
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.deepEqual((await listedDrafts(page)).map((t) => t.replace(/ \(saved .*\)$/, '')), [
      'North East and North Cumbria: Trust: South',
      'North East and North Cumbria: Trust: West',
    ]);

    // Naming the open draft rewrites the index; every draft is still there.
    await page.getByLabel('Name of this draft (optional)').fill('North and East');
    await page.waitForTimeout(600);
    assert.deepEqual(await storedKeys(page), ['iacmh:current', 'iacmh:draft:d1', 'iacmh:draft:d2', 'iacmh:draft:d3', 'iacmh:draft:d9', 'iacmh:drafts']);
    const d9 = (await stored(page))['iacmh:draft:d9'];
    assert.equal(d9, drafts['iacmh:draft:d9'], 'the draft this version cannot read is untouched');
    await page.reload();
    await heading(page).waitFor();
    assert.equal((await listedDrafts(page)).length, 2);
    assert.match((await listedDrafts(page, true))[0], /^North and East \(North East and North Cumbria: Trust: North, saved .*, open now\)$/);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('draft times are shown in the browser\'s local time, and ordered as instants', async () => {
  const b = await openBrowser({ timezoneId: 'Europe/London' });
  try {
    const page = await openWidget(await b.page(), server.url);
    assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'Europe/London');
    await plant(page, {
      'iacmh:draft:open': draft('Open', '2024-09-30T09:00:00Z'),
      'iacmh:current': 'open',
      // 13:45 UTC in British Summer Time is 14:45 in London.
      'iacmh:draft:a': draft('A', '2024-07-15T13:45:00Z'),
      // 14:30 in BST (13:30 UTC): earlier than A, though later as text.
      'iacmh:draft:b': draft('B', '2024-07-15T14:30:00+01:00'),
      // In winter London is on UTC.
      'iacmh:draft:c': draft('C', '2024-01-15T13:05:00.5Z'),
    });
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.deepEqual(await listedDrafts(page), [
      'North East and North Cumbria: Trust: A (saved 2024-07-15 at 14:45)',
      'North East and North Cumbria: Trust: B (saved 2024-07-15 at 14:30)',
      'North East and North Cumbria: Trust: C (saved 2024-01-15 at 13:05)',
    ]);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

const drafts = async (page) => Object.keys(await stored(page)).filter((k) => k.startsWith('iacmh:draft:'));
/** The start page's list, with the save times left out. */
const rows = async (page) => (await listedDrafts(page, true)).map((t) => t.replace(/saved [^,)]*/, 'saved …'));

test('a draft is named from the list, and one draft is deleted after asking', async () => {
  const b = await openBrowser({ bypassCSP: true });
  try {
    const page = await openWidget(await b.page(), server.url);
    await plant(page, {
      'iacmh:draft:d1': draft('North', '2024-09-03T10:00:00Z'),
      'iacmh:draft:d2': draft('South', '2024-09-02T10:00:00Z'),
      'iacmh:draft:d3': draft('West', '2024-09-01T10:00:00Z'),
      'iacmh:current': 'd1',
    });
    assert.deepEqual(await rows(page), [
      'North East and North Cumbria: Trust: North (saved …, open now)',
      'North East and North Cumbria: Trust: South (saved …)',
      'North East and North Cumbria: Trust: West (saved …)',
    ]);
    const listViolations = await axe(page);

    // "Rename" opens that draft at its name; the name then labels it.
    await page.getByRole('link', { name: 'Rename North East and North Cumbria: Trust: South' }).click();
    await page.waitForFunction(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.id === 'iacmh-draft-name';
    });
    await page.keyboard.type('Review group, March');
    assert.deepEqual(await rows(page), [
      'North East and North Cumbria: Trust: North (saved …)',
      'Review group, March (North East and North Cumbria: Trust: South, saved …, open now)',
      'North East and North Cumbria: Trust: West (saved …)',
    ]);
    // It is kept in the list of drafts, not in the return.
    assert.equal((await stored(page))['iacmh:draft:d2'].includes('Review group'), false);
    await page.reload();
    assert.match((await rows(page))[1], /^Review group, March /);

    // Deleting one draft asks first; Cancel keeps it.
    await page.getByRole('link', { name: 'Delete North East and North Cumbria: Trust: West' }).click();
    await heading(page).filter({ hasText: 'Delete the draft \u201cNorth East and North Cumbria: Trust: West\u201d?' }).waitFor();
    assert.equal((await focused(page)).id, 'iacmh-page-heading');
    const deleteViolations = await axe(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
    assert.deepEqual(await drafts(page), ['iacmh:draft:d1', 'iacmh:draft:d2', 'iacmh:draft:d3']);
    await page.getByRole('link', { name: 'Delete North East and North Cumbria: Trust: West' }).click();
    await page.getByRole('button', { name: 'Yes, delete this draft' }).click();
    await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
    assert.deepEqual(await drafts(page), ['iacmh:draft:d1', 'iacmh:draft:d2']);
    assert.equal((await rows(page)).length, 2);
    assert.match((await rows(page))[1], /open now/, 'the open draft is still open');

    // Deleting the open draft leaves a new one open.
    await page.getByRole('link', { name: 'Delete Review group, March' }).click();
    await page.getByRole('button', { name: 'Yes, delete this draft' }).click();
    await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
    assert.deepEqual(await drafts(page), ['iacmh:draft:d1']);
    assert.deepEqual(await rows(page), ['North East and North Cumbria: Trust: North (saved …)']);
    assert.deepEqual([listViolations, deleteViolations], [[], []]);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('importing a file already kept here says so, and offers to open that draft or import a copy', async () => {
  const b = await openBrowser({ bypassCSP: true });
  const scratch = mkdtempSync(join(tmpdir(), 'iacmh-drafts-'));
  try {
    const page = await openWidget(await b.page(), server.url);
    const file = join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json');
    const imp = (path) => page.getByLabel('Import a return file').setInputFiles(path);
    await imp(file);
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    await page.waitForTimeout(600);
    assert.equal((await drafts(page)).length, 1);

    // The same file again: said, and nothing imported.
    await toStart(page);
    await imp(file);
    const offer = page.getByRole('alert').filter({ hasText: 'is already in this browser' });
    await offer.waitFor();
    assert.match(await offer.textContent(), /^example-complete\.json is already in this browser as the draft \u201c.+\u201d \(saved .+\)\.$/);
    assert.equal((await drafts(page)).length, 1);
    const offerViolations = await axe(page);
    await page.getByRole('link', { name: 'Open that draft' }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.equal((await drafts(page)).length, 1);

    // The same return changed since (the same scope, begun at the same time): said too.
    const changed = JSON.parse(readFileSync(file, 'utf8'));
    changed.outcome.next_steps = 'Changed since the export.';
    const later = join(scratch, 'later.json');
    writeFileSync(later, JSON.stringify(changed, null, 2));
    await toStart(page);
    await imp(later);
    await page.getByRole('alert').filter({ hasText: 'later.json is already in this browser' }).waitFor();
    // Imported as a copy when asked.
    await page.getByRole('button', { name: 'Import the file as a copy' }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    await page.waitForTimeout(600);
    assert.equal((await drafts(page)).length, 2);
    // Another return altogether is simply imported.
    const other = structuredClone(changed);
    other.meta.created = '2020-01-01T00:00:00Z';
    const otherPath = join(scratch, 'other.json');
    writeFileSync(otherPath, JSON.stringify(other, null, 2));
    await toStart(page);
    await imp(otherPath);
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    await page.waitForTimeout(600);
    assert.equal((await drafts(page)).length, 3);
    assert.deepEqual(offerViolations, []);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});
