// The draft list on the start page: it survives a draft index written by a newer version of
// the widget, and shows when each draft was saved in the browser's own time zone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, startServer, openBrowser, openWidget, heading } from './harness.mjs';

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

/** Puts `items` into the widget's storage, then reloads so that the widget reads them afresh. */
async function plant(page, items) {
  await page.evaluate((items) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
  }, items);
  await page.reload();
  await heading(page).waitFor();
}

/** The other drafts the start page lists, in order, as their list items' text. */
async function listedDrafts(page) {
  await page.getByRole('link', { name: 'Who this return is for' }).click();
  await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
  const items = page.locator('[data-iacmh]').getByRole('listitem').filter({ has: page.getByRole('link', { name: /^Open / }) });
  return (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).sort());

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
      'Open North East and North Cumbria: Trust: South',
      'Open North East and North Cumbria: Trust: West',
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
      'Open South, as indexed',
      'Open North East and North Cumbria: Trust: West',
    ]);

    // Entries of types this version does not expect: the index is rebuilt from the drafts.
    await plant(page, {
      ...drafts,
      'iacmh:drafts': JSON.stringify(['d1', { id: 'd2', label: 42 }, 17, [], { id: 'd3', label: 'West', updated: '2024-09-01T10:00:00Z' }]),
    });
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.deepEqual((await listedDrafts(page)).map((t) => t.replace(/ \(saved .*\)$/, '')), [
      'Open North East and North Cumbria: Trust: South',
      'Open North East and North Cumbria: Trust: West',
    ]);

    // Editing saves the open draft and rewrites the index; every draft is still there.
    await page.getByLabel('Team', { exact: true }).last().fill('North and East');
    await page.waitForTimeout(600);
    assert.deepEqual(await storedKeys(page), ['iacmh:current', 'iacmh:draft:d1', 'iacmh:draft:d2', 'iacmh:draft:d3', 'iacmh:draft:d9', 'iacmh:drafts']);
    const d9 = await page.evaluate(() => localStorage.getItem('iacmh:draft:d9'));
    assert.equal(d9, drafts['iacmh:draft:d9'], 'the draft this version cannot read is untouched');
    await page.reload();
    await heading(page).waitFor();
    assert.equal((await listedDrafts(page)).length, 2);
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
      'Open North East and North Cumbria: Trust: A (saved 2024-07-15 at 14:45)',
      'Open North East and North Cumbria: Trust: B (saved 2024-07-15 at 14:30)',
      'Open North East and North Cumbria: Trust: C (saved 2024-01-15 at 13:05)',
    ]);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});
