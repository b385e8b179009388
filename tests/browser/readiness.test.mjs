// Honest completeness and the form details of the review meeting, in headless Chromium: Check
// and export never calls a half-done return ready; sections are marked complete by the group;
// a final export needs nothing outstanding and says "final" in the file; dates are typed as
// people in the UK write them; focus after adding and removing rows; the not-assured fields
// revealed under "No"; warnings link to their fields; a re-rated finding is marked out of date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, heading, focused, axe } from './harness.mjs';
import { EXAMPLE, variant as harnessVariant, withImported as harnessWithImported } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const scratch = mkdtempSync(join(tmpdir(), 'iacmh-readiness-'));

const variant = (name, edit) => harnessVariant(scratch, name, edit);
const withImported = (path, options) => harnessWithImported(server.url, path, options);

const main = (page) => page.locator('main');
const taskStatus = (page, name) => page.locator('.nhsuk-task-list__item', { has: page.getByRole('link', { name, exact: true }) })
  .locator('.nhsuk-task-list__status');

async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(scratch, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), json: JSON.parse(readFileSync(path, 'utf8')) };
}

test('Check does not say ready with the template done and no answers, and lists what is left with links', async () => {
  const { b, page } = await withImported(variant('no-answers.json', (d) => { d.maturity.answers = {}; }));
  try {
    assert.match(await taskStatus(page, 'Check and export').textContent(), /\d+ things left to do/);
    assert.doesNotMatch(await main(page).textContent(), /Ready to export/);
    await page.getByRole('link', { name: 'Check and export' }).click();
    const text = await main(page).textContent();
    assert.doesNotMatch(text, /ready/i);
    assert.match(text, /What is left to do/);
    assert.equal(await page.getByRole('button', { name: 'Export the final return (JSON)' }).count(), 0, 'no final export');
    // Each item links to its place: the first unanswered question of domain 3.
    await page.getByRole('link', { name: /^Domain 3: .*12 questions not answered \(3\.01, 3\.02/ }).click();
    await heading(page).filter({ hasText: /^3\./ }).waitFor();
    assert.equal((await focused(page)).id, 'f-maturity-answers-3.01');
    // A draft can still be exported, and says it is one.
    await page.getByRole('link', { name: 'Your review' }).first().click();
    await page.getByRole('link', { name: 'Check and export' }).click();
    const draft = await download(page, 'Export a draft (JSON)');
    assert.equal(draft.json.status, 'draft');
    assert.match(draft.name, /-draft\.json$/);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('a "No" answer whose finding has no action is not ready; a complete return exports as final', async () => {
  const { b, page } = await withImported(variant('no-action.json', (d) => { d.maturity.findings[2].action = ''; }));
  try {
    await page.getByRole('link', { name: 'Check and export' }).click();
    assert.match(await main(page).textContent(), /Finding 3 has no action/);
    assert.equal(await page.getByRole('button', { name: 'Export the final return (JSON)' }).count(), 0);
    await page.getByRole('link', { name: 'Finding 3 has no action' }).click();
    await heading(page).filter({ hasText: 'Findings and actions' }).waitFor();
    assert.equal((await focused(page)).id, 'f-maturity-findings-2-action');
    await page.keyboard.type('Write the DNA policy again with service users.');
    await page.getByRole('link', { name: 'Your review' }).first().click();
    assert.match(await taskStatus(page, 'Check and export').textContent(), /Ready to export as final/);
    await page.getByRole('link', { name: 'Check and export' }).click();
    const final = await download(page, 'Export the final return (JSON)');
    assert.equal(final.json.status, 'final');
    assert.doesNotMatch(final.name, /draft/);
    assert.equal(final.json.maturity.findings[2].action, 'Write the DNA policy again with service users.');
    assert.match(await main(page).textContent(), /This return is final/);
  } finally {
    await b.close();
  }
});

test('a section is completed only when the group says so, and not while something is left', async () => {
  const { b, page } = await withImported(variant('one-left.json', (d) => { delete d.maturity.answers['4.05']; }), { bypassCSP: true });
  try {
    // Answered in full but not yet marked: not "Completed".
    assert.match(await taskStatus(page, '3. Workforce').textContent(), /Ready to mark as completed/);
    await page.getByRole('link', { name: '3. Workforce' }).click();
    await page.getByLabel("Yes, I've completed this section").check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    // A domain goes on to the next one.
    await heading(page).filter({ hasText: /^4\. Risk assessment/ }).waitFor();
    await page.getByRole('link', { name: 'Your review' }).first().click();
    assert.equal((await taskStatus(page, '3. Workforce').textContent()).trim(), 'Completed');

    await page.getByRole('link', { name: '4. Risk assessment and safety planning' }).click();
    await page.getByLabel("Yes, I've completed this section").check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'This section cannot be marked as completed yet' });
    await summary.waitFor();
    assert.match(await summary.textContent(), /1 question not answered \(4\.05\)/);
    assert.match(await heading(page).textContent(), /^4\./, 'stays on the page');
    await page.getByLabel("No, I'll come back to it later").check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await heading(page).filter({ hasText: /^5\. / }).waitFor();
    await page.getByRole('link', { name: 'Your review' }).first().click();
    assert.match(await taskStatus(page, '4. Risk assessment and safety planning').textContent(), /In progress \(17 of 18\)/);
    assert.deepEqual(await axe(page), []);
    // The refusal itself, and the Check page with what is left, pass axe too.
    await page.getByRole('link', { name: '4. Risk assessment and safety planning' }).click();
    await page.getByLabel("Yes, I've completed this section").check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await summary.waitFor();
    assert.deepEqual(await axe(page), []);
    await page.getByRole('link', { name: 'Your review' }).first().click();
    await page.getByRole('link', { name: 'Check and export' }).click();
    assert.deepEqual(await axe(page), []);
  } finally {
    await b.close();
  }
});

test('dates are typed as in the UK, stored as ISO, and an impossible date is said at once', async () => {
  const { b, page } = await withImported(variant('dates.json', () => {}));
  try {
    await page.getByRole('link', { name: 'Findings and actions' }).click();
    const due = page.getByLabel('When will the action be completed').first();
    await due.fill('30/09/2024');
    await due.blur();
    assert.equal(await due.inputValue(), '30 September 2024');
    await due.fill('31/02/2025');
    await due.blur();
    const error = page.locator('#f-maturity-findings-0-due-error');
    await error.waitFor();
    assert.match(await error.textContent(), /must be a real date, like 30 September 2024/);
    await due.fill('1 Mar 2025');
    await due.blur();
    assert.equal(await error.count(), 0);
    await page.getByRole('link', { name: 'Your review' }).first().click();
    await page.getByRole('link', { name: 'Check and export' }).click();
    const { json } = await download(page, 'Export the final return (JSON)');
    assert.equal(json.maturity.findings[0].due, '2025-03-01');
  } finally {
    await b.close();
  }
});

test('focus after removing and adding findings, with the change announced', async () => {
  const { b, page } = await withImported(variant('rows.json', () => {}));
  try {
    await page.getByRole('link', { name: 'Findings and actions' }).click();
    const count = EXAMPLE.maturity.findings.length;
    const secondAction = await page.locator('#f-maturity-findings-2-action').inputValue();
    await page.getByRole('button', { name: 'Remove finding 2', exact: true }).click();
    await page.waitForFunction(() => true);
    let f = await focused(page);
    assert.equal(f.id, 'iacmh-finding-1', 'the next row, now finding 2');
    assert.equal(f.text, 'Finding 2');
    assert.equal(await page.locator('#f-maturity-findings-1-action').inputValue(), secondAction);
    assert.match(await page.locator('[aria-live="polite"]').textContent(), /Finding 2 removed/);
    await page.getByRole('button', { name: `Remove finding ${count - 1}`, exact: true }).click();
    f = await focused(page);
    assert.equal(f.id, 'iacmh-add-finding', 'after the last row, the add button');
    await page.getByRole('button', { name: 'Add a finding' }).click();
    f = await focused(page);
    assert.equal(f.text, `Finding ${count - 1}`);
    assert.match(await page.locator('[aria-live="polite"]').textContent(), new RegExp(`Finding ${count - 1} added`));
  } finally {
    await b.close();
  }
});

test('not assured reveals gaps and barriers under "No"; warnings link to their fields; a re-rated finding is out of date', async () => {
  const { b, page } = await withImported(variant('warnings.json', (d) => { d.outcome.assured = true; }));
  try {
    await page.getByRole('link', { name: 'Review outcome template' }).click();
    assert.equal(await page.locator('.nhsuk-radios__conditional').count(), 0);
    await page.locator('#f-outcome-assured-no').check();
    const revealed = page.locator('.nhsuk-radios__conditional');
    await revealed.waitFor();
    assert.ok(await revealed.getByLabel(/gaps/i).count() > 0, 'the gaps field sits under "No"');
    assert.ok(await revealed.getByRole('checkbox').count() >= 5, 'the barrier categories too');

    // Re-rate the question behind the first prefilled finding to "Yes, working well".
    const first = EXAMPLE.maturity.findings.find((r) => r.question);
    const [domain] = first.question.split('.');
    await page.getByRole('link', { name: 'Your review' }).first().click();
    await page.getByRole('link', { name: new RegExp(`^${domain}\\. `) }).click();
    await page.locator(`#f-maturity-answers-${first.question.replace('.', '\\.')}-yes_working_well`).check();
    await page.getByRole('link', { name: 'Your review' }).first().click();
    await page.getByRole('link', { name: 'Findings and actions' }).click();
    assert.match(await main(page).textContent(), new RegExp(`Out of date: question ${first.question.replace('.', '\\.')} is no longer rated`));

    await page.getByRole('link', { name: 'Your review' }).first().click();
    await page.getByRole('link', { name: 'Check and export' }).click();
    const warning = page.getByRole('link', { name: new RegExp(`is about question ${first.question.replace('.', '\\.')}, which is now rated`) });
    await warning.click();
    await heading(page).filter({ hasText: 'Findings and actions' }).waitFor();
    assert.match((await focused(page)).id, /^f-maturity-findings-\d+-finding$/);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('a final export of text that looks like patient data asks first, naming the places', async () => {
  // An NHS number from the range reserved for testing.
  const { b, page } = await withImported(variant('personal.json', (d) => {
    d.maturity.answers['11.01'].comment = 'Patient 999 000 0018 (DOB 12/03/1986) was discharged after 3 DNAs';
  }));
  try {
    await page.getByRole('link', { name: 'Check and export' }).click();
    const warning = page.getByRole('link', { name: /The comment on question 11\.01 looks like it holds an NHS number and a date of birth \(999 \*\*\* \*\*\*\*, \*\*\/\*\*\/\*\*\*\*\)/ });
    assert.equal(await warning.count(), 1, 'listed with the things to check');
    assert.doesNotMatch(await main(page).textContent(), /0018|12\/03\/1986/, 'the data itself is not repeated');
    let downloads = 0;
    page.on('download', () => { downloads++; });
    await page.getByRole('button', { name: 'Export the final return (JSON)' }).click();
    const title = page.getByRole('heading', { name: /This return may identify a patient/ });
    await title.waitFor();
    assert.equal((await focused(page)).id, 'iacmh-personal-title');
    assert.equal(downloads, 0, 'nothing exported yet');
    const final = await download(page, 'It is not patient data: export the final return');
    assert.equal(final.json.status, 'final');
  } finally {
    await b.close();
  }
});
