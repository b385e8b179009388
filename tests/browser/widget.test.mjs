// End-to-end tests of the widget in headless Chromium, over the built pkg/ and web/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, openBrowser, openWidget, heading, focused, tabTo, foreign, axe, startReturn, stored } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const scratch = mkdtempSync(join(tmpdir(), 'iacmh-browser-'));
const IACMH = join(ROOT, 'target', 'release', 'iacmh');

/**
 * The rating a test gives question `n` of a domain: index into the five radios. Mostly "Yes";
 * the first question of domains 5 and 10 "No" (0 and 1), so that two findings need actions.
 */
const ratingFor = (domain, n) => (n === 0 && domain % 5 === 0 ? domain / 5 - 1 : [3, 2, 3, 2, 3][(domain * 3 + n) % 5]);

/** Rates every unanswered question on the open domain page using only the keyboard. */
async function rateDomainByKeyboard(page, domain) {
  let rated = 0;
  const answered = new Set();
  for (;;) {
    const f = await tabTo(page, (f) =>
      (f.type === 'radio' && f.name?.startsWith('f-maturity-answers-') && !answered.has(f.name)) ||
      (f.tag === 'button' && /[Cc]ontinue/.test(f.text)));
    if (f.tag === 'button') return { rated, button: f };
    answered.add(f.name);
    await page.keyboard.press('Space');
    const steps = ratingFor(domain, rated);
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    rated++;
  }
}

async function typeInto(page, pred, text) {
  await tabTo(page, pred);
  await page.keyboard.type(text);
}

/** Exports with `button`: by default the final return when nothing is left, else a draft. */
async function exportReturn(page, button = /^Export (the final return|a draft) \(JSON\)$/) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).first().click(),
  ]);
  const path = join(scratch, download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename(), json: JSON.parse(readFileSync(path, 'utf8')) };
}

async function storedDrafts(page) {
  return Object.fromEntries(Object.entries(await stored(page)).filter(([k]) => k.startsWith('iacmh:')));
}

test('the whole form can be completed by keyboard alone, survives a reload, and exports a valid return', { timeout: 240_000 }, async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    // Start: scope by keyboard. The ICB radio is first (none is preselected); the select follows.
    await tabTo(page, (f) => f.type === 'radio' && f.name === 'iacmh-level');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.tag === 'select');
    await page.keyboard.type('Devon');
    assert.match(await page.locator('#iacmh-region').textContent(), /South West/);
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.equal((await focused(page)).id, 'iacmh-page-heading', 'focus moves to the new page heading');

    for (let d = 1; d <= 14; d++) {
      if (d === 1) {
        await tabTo(page, (f) => f.tag === 'a' && f.text.startsWith('1. '));
        await page.keyboard.press('Enter');
      }
      await heading(page).filter({ hasText: new RegExp(`^${d}\\. `) }).waitFor();
      assert.equal((await focused(page)).id, 'iacmh-page-heading');
      const { rated } = await rateDomainByKeyboard(page, d);
      assert.ok(rated > 0, `domain ${d} has questions`);
      await page.keyboard.press('Enter');
    }
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await page.locator('main').textContent(), /You have answered 161 of 161 questions/);

    // The outcome template, by keyboard.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Review outcome template');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Review outcome template' }).waitFor();
    const field = (id) => (f) => f.id === id;
    assert.equal(await page.locator('#f-outcome-review-icb_name').inputValue(), 'NHS Devon Integrated Care Board', 'the ICB name is filled from the scope');
    await typeInto(page, field('f-outcome-review-providers'), 'Devon Partnership NHS Trust');
    await tabTo(page, field('f-outcome-review-review_completed'));
    await page.keyboard.press('Space');
    await typeInto(page, field('f-outcome-review-sro_name'), 'A Senior');
    await typeInto(page, field('f-outcome-review-operational_lead'), 'An Operational Lead');
    await typeInto(page, field('f-outcome-review-operational_lead_email'), 'lead@example.nhs.uk');
    await typeInto(page, field('f-outcome-organisations_reviewed'), 'Devon Partnership NHS Trust: community teams.');
    await typeInto(page, field('f-outcome-policies_reviewed'), 'DNA policy; care planning.');
    await tabTo(page, field('f-outcome-assured'));
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight'); // "No": gaps and barriers appear
    await typeInto(page, field('f-outcome-gaps'), 'Psychiatry time in the outreach team.');
    await typeInto(page, field('f-outcome-barriers-text'), 'Workforce: vacancies.');
    await tabTo(page, field("iacmh-barrier-workforce"));
    await page.keyboard.press('Space');
    for (const key of ['key_worker_continuity', 'families_and_carers_involved', 'long_term_care_planning', 'information_sharing_protocols', 'dna_used_as_discharge_reason', 'mdt_oversees_discharge']) {
      await tabTo(page, field(`f-outcome-provision-${key}`));
      await page.keyboard.press('Space');
      if (key === 'dna_used_as_discharge_reason') await page.keyboard.press('ArrowRight');
    }
    await typeInto(page, field('f-outcome-next_steps'), 'An action plan for the board.');
    // The group says the section is complete.
    await tabTo(page, field('iacmh-complete-outcome'));
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Save and continue');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await page.locator('#iacmh-task-outcome-status').textContent(), /Completed/);

    // Findings and actions: rows arrive prefilled from the "No" ratings; write the first action.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Findings and actions');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Findings and actions' }).waitFor();
    for (const row of [0, 1]) {
      await typeInto(page, field(`f-maturity-findings-${row}-action`), 'Agree a shared standard.');
      await typeInto(page, field(`f-maturity-findings-${row}-owner`), 'Associate Director');
      await typeInto(page, field(`f-maturity-findings-${row}-due`), '31/03/2025');
    }
    await tabTo(page, (f) => f.tag === 'button' && /continue/.test(f.text), 2000);
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Your review' }).waitFor();

    // Completion and sign-off.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Completion and sign-off');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Completion and sign-off' }).waitFor();
    await typeInto(page, field('f-maturity-date_completed'), '2024-09-20');
    await typeInto(page, field('f-maturity-review_date'), '2025-09-20');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Add a committee member');
    await page.keyboard.press('Enter');
    await typeInto(page, field('f-maturity-sign_off-committee-0-name'), 'A Chair');
    await typeInto(page, field('f-maturity-sign_off-icb_sro-name'), 'An SRO');
    await typeInto(page, field('f-maturity-sign_off-icb_sro-date'), '2024-09-27');
    // Not every signature is given yet: the return is not ready, and Check says what is left.
    await tabTo(page, (f) => f.tag === 'button' && /continue/.test(f.text));
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await page.locator('#iacmh-task-check-status').textContent(), /4 things left to do/);
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Completion and sign-off');
    await page.keyboard.press('Enter');
    for (const who of ['trust_medical_director', 'trust_director_of_nursing', 'icb_chief_medical_officer', 'icb_chief_nursing_officer']) {
      await typeInto(page, field(`f-maturity-sign_off-${who}-name`), `Signed for ${who}`);
      await typeInto(page, field(`f-maturity-sign_off-${who}-date`), '27 Sept 2024');
    }
    await tabTo(page, (f) => f.tag === 'button' && /continue/.test(f.text));
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await page.locator('#iacmh-task-check-status').textContent(), /Ready to export as final/);

    // Everything is restored after a reload.
    await page.waitForTimeout(600); // the autosave debounce
    await page.reload();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await page.locator('main').textContent(), /You have answered 161 of 161 questions/);
    assert.match(await page.locator('#iacmh-task-outcome-status').textContent(), /Completed/);

    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Check and export');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Check and export' }).waitFor();
    assert.equal(await page.locator('.nhsuk-error-summary').count(), 0, 'no errors');
    const exported = await exportReturn(page);
    assert.match(exported.name, /^devon-icb-\d{4}-\d{2}-\d{2}\.json$/);
    assert.equal(exported.json.status, 'final');
    assert.equal(Object.keys(exported.json.maturity.answers).length, 161);
    assert.equal(exported.json.outcome.assured, false);
    assert.equal(exported.json.outcome.provision.dna_used_as_discharge_reason, false);
    assert.equal(exported.json.maturity.findings[0].action, 'Agree a shared standard.');
    assert.ok(exported.json.maturity.findings.length > 1, 'prefilled from priority areas');
    assert.equal(exported.json.maturity.sign_off.icb_sro.date, '2024-09-27');
    assert.equal(exported.json.maturity.findings[1].due, '2025-03-31', 'typed as 31/03/2025, stored as ISO');
    assert.equal(exported.json.maturity.sign_off.icb_chief_nursing_officer.date, '2024-09-27');
    assert.equal(exported.json.maturity.review_date, '2025-09-20');
    // An independent check: the native CLI agrees it is valid.
    const report = JSON.parse(execFileSync(IACMH, ['validate', '--format', 'json', exported.path]).toString());
    assert.equal(report[0].valid, true, JSON.stringify(report[0].errors));

    assert.deepEqual(foreign(b.requests, server.url), []);
    assert.deepEqual(b.problems, []);
    writeFileSync(join(scratch, 'complete.json'), readFileSync(exported.path));
  } finally {
    await b.close();
  }
});

test('an exported return imported into a fresh browser exports the same JSON', async () => {
  const source = join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json');
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    await page.getByLabel('Import a return file').setInputFiles(source);
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    await page.getByRole('link', { name: 'Check and export' }).click();
    // Exported as it came (a draft): the same JSON, byte for byte in meaning.
    const again = await exportReturn(page, 'Export a draft (JSON)');
    assert.deepEqual(again.json, JSON.parse(readFileSync(source, 'utf8')));
    // And it is kept: a reload opens it again, on the same page.
    await page.waitForTimeout(600);
    await page.reload();
    await heading(page).filter({ hasText: 'Check and export' }).waitFor();
    // The complete return, not an empty draft: nothing is left to do.
    assert.match(await page.locator('main').textContent(), /Nothing is left to do/);
  } finally {
    await b.close();
  }
});

test('bad files get a clear message and leave the draft untouched', async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    await page.getByLabel('Integrated care board').selectOption({ label: 'Somerset' });
    await page.waitForTimeout(600);
    const before = await storedDrafts(page);
    assert.equal(Object.keys(before).filter((k) => k.includes(':draft:')).length, 1);
    const example = readFileSync(join(ROOT, 'crates', 'review', 'tests', 'fixtures', 'example-complete.json'), 'utf8');
    // Plain words first; the technical detail beneath, for whoever made the file.
    const files = [
      ['notes.json', 'these are my notes, not JSON', /This file is not a return from this form/, /not valid JSON/],
      ['template.json', JSON.stringify({ format: 'nhs-template', format_version: 1 }), /This file is not a return from this form/, /not an iacmh return/],
      ['newer.json', example.replace('"format_version": 2', '"format_version": 3'), /made by a newer version of this form/, /format version 3/],
      ['typo.json', example.replace('"assured"', '"asured"'), /changed outside the form/, /unknown field `asured`/],
      ['huge.json', Buffer.alloc(20 * 1024 * 1024, 32), /The file is too large \(20\.0 MB\)\. A return from this form is at most 4 MB/, null],
    ];
    for (const [name, body, expected, detail] of files) {
      const path = join(scratch, name);
      writeFileSync(path, body);
      await page.getByLabel('Import a return file').setInputFiles(path);
      const message = page.locator('#iacmh-import-error');
      await message.waitFor();
      const text = await message.textContent();
      assert.match(text, expected, name);
      assert.doesNotMatch(text, /`|iacmh-return/, `${name}: no developer words in the message`);
      if (detail) assert.match(await page.locator('#iacmh-import-detail').textContent(), detail, name);
      assert.match(text, new RegExp(`${name.replace('.', '\\.')} could not be imported`));
      assert.match(text, /Your current draft has not changed/);
      assert.match(await heading(page).textContent(), /Intensive and assertive/, 'still on the start page');
      assert.deepEqual(await storedDrafts(page), before, `${name} changed storage`);
    }
  } finally {
    await b.close();
  }
});

test('a storage failure is shown with a prompt to export, and the saved draft stays intact', async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    await page.getByLabel('ICB', { exact: true }).check();
    await page.getByLabel('Integrated care board').selectOption({ label: 'Dorset' });
    await page.waitForTimeout(600);
    const saved = await storedDrafts(page);
    // Now the browser refuses to store more.
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = function () { throw new DOMException('full', 'QuotaExceededError'); };
    });
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('link', { name: '9. Medication management' }).click();
    await page.getByRole('group', { name: /9\.01/ }).getByLabel('Yes, working well').check();
    const alert = page.getByRole('alert').filter({ hasText: 'Your answers are not being saved' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /storage is full/);
    assert.equal(await alert.getByRole('button', { name: 'Export the return now' }).count(), 1);
    assert.deepEqual(await storedDrafts(page), saved, 'the previous saved draft is intact');
  } finally {
    await b.close();
  }
});

test('storage that is unavailable (private browsing) is said at once, with a prompt to export', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
      Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });
    });
    await openWidget(page, server.url);
    const alert = page.getByRole('alert').filter({ hasText: 'Your answers are not being saved' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /private browsing/);
    // The form still works, and the return can be exported.
    await startReturn(page, 'Devon');
    await page.getByRole('link', { name: 'Check and export' }).click();
    const exported = await exportReturn(page);
    assert.equal(exported.json.scope.icb, 'NHS Devon Integrated Care Board');
  } finally {
    await b.close();
  }
});

test('several drafts are kept and can be switched', async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    await startReturn(page, 'Devon');
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    await page.waitForTimeout(600);
    await page.getByRole('link', { name: 'Who this return is for' }).click();
    await page.getByRole('button', { name: 'Start a new draft' }).click();
    await page.getByLabel('Team', { exact: true }).check();
    await page.getByLabel('Integrated care board').selectOption({ label: 'Dorset' });
    await page.getByLabel('Provider organisation').fill('Dorset HealthCare');
    await page.getByLabel('Team', { exact: true }).last().fill('Assertive outreach');
    await page.waitForTimeout(600);
    // A reload keeps the page, and the draft last changed.
    await page.reload();
    await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await heading(page).locator('..').textContent(), /Dorset: Dorset HealthCare: Assertive outreach/);
    await page.getByRole('link', { name: 'Who this return is for' }).click();
    await page.getByRole('link', { name: 'Open Devon' }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await heading(page).locator('..').textContent(), /Devon/);
    await page.getByRole('link', { name: 'Who this return is for' }).click();
    assert.equal(await page.getByRole('link', { name: /^Open Dorset: Dorset HealthCare: Assertive outreach/ }).count(), 1);
  } finally {
    await b.close();
  }
});

test('two tabs on one draft never silently overwrite each other', async () => {
  const b = await openBrowser();
  try {
    const one = await openWidget(await b.page(), server.url);
    await startReturn(one, 'Kent and Medway');
    await one.waitForTimeout(600);
    const two = await openWidget(await b.context.newPage(), server.url);
    await heading(two).filter({ hasText: 'Your review' }).waitFor();
    await two.getByRole('link', { name: '5. Legislation' }).click();
    await two.getByRole('group', { name: /5\.01/ }).getByLabel('No, action is needed').check();
    const banner = one.getByRole('alert').filter({ hasText: 'This draft was changed in another tab' });
    await banner.waitFor();
    // Tab one keeps its work as a separate draft; neither overwrites the other.
    await one.getByRole('link', { name: '6. Interface with other services' }).click();
    await one.getByRole('group', { name: /6\.01/ }).getByLabel('Yes, working well').check();
    await one.getByRole('button', { name: 'Keep this version as a separate draft' }).click();
    await one.waitForTimeout(600);
    const drafts = Object.entries(await storedDrafts(one)).filter(([k]) => k.includes(':draft:')).map(([, v]) => JSON.parse(v));
    assert.equal(drafts.length, 2);
    assert.ok(drafts.some((d) => d.maturity.answers['5.01']?.rating === 'no_needs_action' && !d.maturity.answers['6.01']));
    assert.ok(drafts.some((d) => d.maturity.answers['6.01']?.rating === 'yes_working_well' && !d.maturity.answers['5.01']));
  } finally {
    await b.close();
  }
});

test('start again and clear my data ask first', async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    await startReturn(page, 'Sussex');
    await page.getByRole('link', { name: 'Start again' }).click();
    await heading(page).filter({ hasText: 'Are you sure you want to start again?' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    await page.getByRole('link', { name: 'Who this return is for' }).click();
    await page.getByRole('link', { name: 'Clear my data on this device' }).click();
    await page.getByRole('button', { name: 'Yes, clear my data' }).click();
    await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
    await page.waitForTimeout(600);
    assert.deepEqual(await storedDrafts(page), {});
  } finally {
    await b.close();
  }
});

test('errors link to their fields, and no serious or critical axe violations on any page', { timeout: 120_000 }, async () => {
  const b = await openBrowser({ bypassCSP: true });
  try {
    const page = await openWidget(await b.page(), server.url);
    const states = [];
    const check = async (name) => states.push([name, await axe(page)]);
    await check('start');
    await page.getByLabel('Provider', { exact: true }).check();
    await check('start, provider scope');
    // Continue without an ICB: the error summary, focused, and the field's own error.
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    assert.equal((await focused(page)).id, 'iacmh-errors');
    await check('start with errors');
    // The task list by its address (the return still lacks an ICB).
    await page.evaluate(() => { location.hash = '#/tasks'; });
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    await check('task list');
    await page.getByRole('link', { name: '2. Clinical Pathways' }).click();
    await page.getByRole('group', { name: /2\.03/ }).getByLabel('Not applicable').check();
    await check('domain page with a comment box');
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Review outcome template' }).click();
    await page.getByRole('group', { name: /Following your review are you assured/ }).getByLabel('No').check();
    await check('outcome template, not assured');
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Check and export' }).click();
    await page.locator('.nhsuk-error-summary').first().waitFor();
    assert.equal((await focused(page)).id, 'iacmh-errors', 'focus moves to the error summary');
    await check('check and export with errors');
    // The first error links to the ICB select on the start page, and focuses it.
    await page.getByRole('link', { name: 'Enter the ICB the return is for' }).click();
    await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
    assert.equal((await focused(page)).id, 'f-scope-icb');
    await check('start with inline errors');
    await page.getByLabel('Integrated care board').selectOption({ label: 'Devon' });
    await page.getByLabel('Provider organisation').fill('Devon Partnership NHS Trust');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('link', { name: 'Start again' }).click();
    await check('confirmation');
    for (const [name, violations] of states) assert.deepEqual(violations, [], name);
  } finally {
    await b.close();
  }
});

test('findings are prefilled from priority areas; sign-off; a printable summary with a chart and a table', { timeout: 60_000 }, async () => {
  const b = await openBrowser({ bypassCSP: true });
  try {
    const page = await openWidget(await b.page(), server.url);
    await startReturn(page, 'Frimley');
    await page.getByRole('link', { name: '3. Workforce' }).click();
    await page.getByRole('group', { name: /3\.08/ }).getByLabel('No, action is needed').check();
    await page.getByRole('group', { name: /3\.06/ }).getByLabel('No, but action in hand').check();
    await page.getByRole('group', { name: /3\.01/ }).getByLabel('Yes, working well').check();
    await page.getByRole('link', { name: 'Your review' }).click();
    assert.match(await page.locator('#iacmh-task-findings-status').textContent(), /Not started/);
    await page.getByRole('link', { name: 'Findings and actions' }).click();
    await heading(page).filter({ hasText: 'Findings and actions' }).waitFor();
    // The essential comes before the desirable.
    const finding = (n) => page.getByRole('group', { name: `Finding ${n}` });
    await finding(2).waitFor();
    assert.match(await finding(1).getByLabel('What was the finding').inputValue(), /^3\.08 \(Essential\): Are the roles/);
    assert.match(await finding(2).getByLabel('What was the finding').inputValue(), /^3\.06 \(Desirable/);
    await finding(1).getByLabel('What is the action').fill('Write the key worker role down.');
    await finding(1).getByLabel('Who will be responsible for the action').fill('Head of Nursing');
    await finding(1).getByLabel('When will the action be completed').fill('2025-03-31');
    await page.getByRole('button', { name: 'Add a finding' }).click();
    await finding(3).getByLabel('What was the finding').fill('Our own finding');
    await page.getByRole('button', { name: 'Remove finding 2' }).click();
    assert.equal(await page.getByRole('group', { name: /^Finding \d$/ }).count(), 2);
    assert.equal(await page.getByRole('button', { name: 'Add 1 new priority area' }).count(), 1, 'the removed priority area can be added back');
    const findingsViolations = await axe(page);

    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Completion and sign-off' }).click();
    await page.getByLabel('Date completed').fill('2024-09-30');
    await page.getByLabel('Review date').fill('2024-09-01');
    await page.getByRole('button', { name: 'Add a committee member' }).click();
    await page.getByRole('group', { name: 'Committee member 1' }).getByLabel('Name').fill('A Chair');
    await page.getByRole('group', { name: 'ICB SRO' }).getByLabel('Name').fill('An SRO');
    const signOffViolations = await axe(page);
    // The crate's rule, shown once errors are: the review date is before completion.
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Check and export' }).click();
    await page.getByRole('link', { name: 'The review date must be on or after the date the maturity index was completed' }).click();
    await heading(page).filter({ hasText: 'Completion and sign-off' }).waitFor();
    assert.equal((await focused(page)).id, 'f-maturity-review_date');

    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Summary for the board' }).click();
    const chart = page.getByRole('img', { name: 'Score by domain, 0 to 100' });
    await chart.waitFor();
    const table = page.getByRole('table', { name: 'Scores and stages by domain' });
    assert.equal(await table.getByRole('row').count(), 1 + 14 + 1);
    const workforce = table.getByRole('row', { name: /3\. Workforce/ });
    // 3.01 = 3 points, 3.06 = 1, 3.08 = 0: 4 of 9 = 44.
    assert.match(await workforce.textContent(), /3 of 12.*44.*Essentials not met/);
    assert.match(await page.getByRole('table', { name: 'Findings and actions' }).textContent(), /Write the key worker role down\./);
    const summaryViolations = await axe(page);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('button', { name: 'Print this summary' }).isVisible(), false, 'no buttons in print');
    assert.equal(await chart.isVisible(), true);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual([findingsViolations, signOffViolations, summaryViolations], [[], [], []]);
    assert.deepEqual(foreign(b.requests, server.url), []);
  } finally {
    await b.close();
  }
});

test('runs under a strict CSP with no request to another origin', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    const violations = [];
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
    await openWidget(page, server.url);
    await startReturn(page, 'Devon');
    await page.getByRole('link', { name: '1. Function of assertive outreach / intensive case management' }).click();
    await page.getByRole('group', { name: /1\.01/ }).getByLabel('Yes, but needs improvement').check();
    assert.deepEqual(violations, []);
    assert.deepEqual(b.problems, []);
    assert.deepEqual(foreign(b.requests, server.url), []);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.equal(csp, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
  } finally {
    await b.close();
  }
});
