// Each page of the form has its own address (#/domain/3): Back and Forward, reload, deep links
// and links opened in a new tab; routing switched off by a host; the document title where the
// form owns the page; and who a return is for, asked about before a draft is relabelled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, openWidget, heading, focused, foreign, axe, startReturn, stored } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const hash = (page) => page.evaluate(() => location.hash);
const conflict = (page) => page.getByRole('alert').filter({ hasText: 'This draft was changed in another tab' });

/** Waits for the page heading `text` and checks that the address is `route`. */
async function at(page, text, route) {
  await heading(page).filter({ hasText: text }).waitFor();
  assert.equal(await hash(page), route, `the address of "${text}"`);
}

test('Back and Forward move between the form\'s pages; reload keeps the page; a deep link opens it on the current draft', async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    await at(page, 'Intensive and assertive', '#/start');
    await startReturn(page, 'Devon');
    await at(page, 'Your review', '#/tasks');
    await page.getByRole('link', { name: '3. Workforce' }).click();
    await at(page, '3. Workforce', '#/domain/3');
    await page.getByRole('group', { name: /3\.01/ }).getByLabel('Yes, working well').check();
    await page.getByRole('link', { name: 'Your review' }).click();
    await at(page, 'Your review', '#/tasks');
    await page.getByRole('link', { name: 'Findings and actions' }).click();
    await at(page, 'Findings and actions', '#/findings');

    // Back twice, Forward twice: the form's own pages, heading focused each time.
    await page.goBack();
    await at(page, 'Your review', '#/tasks');
    await page.goBack();
    await at(page, '3. Workforce', '#/domain/3');
    assert.equal((await focused(page)).id, 'iacmh-page-heading');
    await page.goForward();
    await at(page, 'Your review', '#/tasks');
    await page.goForward();
    await at(page, 'Findings and actions', '#/findings');
    // Back to the first page: the path and query are the host's, untouched.
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await at(page, 'Intensive and assertive', '#/start');
    assert.equal(new URL(page.url()).pathname, '/', 'the path is untouched');
    assert.equal(new URL(page.url()).search, '', 'the query is untouched');

    // Reload keeps the page and the answers.
    await page.goForward();
    await page.goForward();
    await at(page, '3. Workforce', '#/domain/3');
    await page.waitForTimeout(600);
    await page.reload();
    await at(page, '3. Workforce', '#/domain/3');
    assert.equal(await page.getByRole('group', { name: /3\.01/ }).getByLabel('Yes, working well').isChecked(), true);

    // A link or bookmark to a page opens that page of the current draft.
    const other = await b.context.newPage();
    await other.goto(`${server.url}#/domain/3`);
    await at(other, '3. Workforce', '#/domain/3');
    assert.equal(await other.getByRole('group', { name: /3\.01/ }).getByLabel('Yes, working well').isChecked(), true);
    // An address that names no page shows the task list, in its place.
    await other.goto(`${server.url}#/domain/99`);
    await at(other, 'Your review', '#/tasks');
    await other.goto(`${server.url}#/check`);
    await at(other, 'Check and export', '#/check');
    // An error's link is its page's address, and focuses its field.
    const error = other.locator('[data-iacmh] .nhsuk-error-summary a').first();
    const [href, field] = [await error.getAttribute('href'), await error.getAttribute('data-field')];
    assert.match(href, /^#\/(start|outcome|sign-off|findings|domain\/\d+)$/);
    await error.click();
    await other.waitForFunction((h) => location.hash === h, href);
    assert.equal((await focused(other)).id, field);
    assert.deepEqual(b.problems, []);
    assert.deepEqual(foreign(b.requests, server.url), []);
  } finally {
    await b.close();
  }
});

test('a link opened in a new tab only reads: no conflict in either tab, and it follows the other tab\'s changes', async () => {
  const b = await openBrowser();
  try {
    const one = await openWidget(await b.page(), server.url);
    await startReturn(one, 'Kent and Medway');
    await one.getByRole('link', { name: '6. Interface with other services' }).click();
    await one.getByRole('group', { name: /6\.01/ }).getByLabel('Yes, working well').check();
    await one.waitForTimeout(600);
    await one.getByRole('link', { name: 'Your review' }).click();

    // Ctrl+click: the browser opens the link's own address in a new tab.
    const link = one.getByRole('link', { name: '5. Legislation' });
    assert.equal(await link.getAttribute('href'), '#/domain/5');
    const [two] = await Promise.all([b.context.waitForEvent('page'), link.click({ modifiers: ['Control'] })]);
    await at(one, 'Your review', '#/tasks');
    await at(two, '5. Legislation', '#/domain/5');

    // The first tab goes on writing; the reading tab shows its changes, and nobody is asked.
    await one.getByRole('link', { name: '5. Legislation' }).click();
    await one.getByRole('group', { name: /5\.02/ }).getByLabel('No, action is needed').check();
    await one.waitForTimeout(900);
    await two.getByRole('group', { name: /5\.02/ }).getByLabel('No, action is needed').waitFor();
    assert.equal(await two.getByRole('group', { name: /5\.02/ }).getByLabel('No, action is needed').isChecked(), true);
    assert.equal(await conflict(one).count(), 0);
    assert.equal(await conflict(two).count(), 0);
    // The reading tab still saves its own change; the first, having written too, is asked.
    await two.getByRole('group', { name: /5\.03/ }).getByLabel('Yes, working well').check();
    await conflict(one).waitFor();
    assert.equal(await conflict(two).count(), 0);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('with routing off the widget never touches the address or the history', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    // A host page that uses the URL fragment itself.
    const host = `${server.url}examples/own-fragment.html`;
    await page.route(host, (route) => route.fulfill({
      contentType: 'text/html',
      body: '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Host page</title></head><body>'
        + '<div data-iacmh data-routing="off" data-storage-key="no-routing"></div>'
        + '<script type="module" src="../iacmh.js"></script></body></html>',
    }));
    await page.goto(`${host}#host-section`);
    await heading(page).waitFor();
    const length = await page.evaluate(() => history.length);
    await startReturn(page, 'Dorset');
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    const link = page.getByRole('link', { name: '2. Clinical Pathways' });
    await link.click();
    await heading(page).filter({ hasText: '2. Clinical Pathways' }).waitFor();
    await page.getByRole('link', { name: 'Your review' }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.equal(await hash(page), '#host-section');
    assert.equal(await page.evaluate(() => history.length), length);
    assert.equal(await page.title(), 'Host page', 'the host\'s title is its own');
    // The host changing its own fragment changes nothing in the form.
    await page.evaluate(() => { location.hash = '#/domain/4'; });
    await page.waitForTimeout(200);
    assert.match(await heading(page).textContent(), /Your review/);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('where the form owns the page, the title names the page, and starts "Error: " when it shows errors', async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), server.url);
    const own = 'Intensive and assertive community mental health care review';
    const title = async (expected) => {
      await page.waitForFunction((t) => document.title === t, `${expected} \u2013 ${own}`, { timeout: 5000 })
        .catch(() => {});
      assert.equal(await page.title(), `${expected} \u2013 ${own}`);
    };
    await title('Who the return is for');
    await page.getByLabel('ICB', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await title('Error: Who the return is for');
    await page.getByLabel('Integrated care board').selectOption({ label: 'Devon' });
    await title('Who the return is for');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await title('Your review');
    await page.getByRole('link', { name: '3. Workforce' }).click();
    await title('Domain 3: Workforce');
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Check and export' }).click();
    await title('Error: Check and export');
    await page.getByRole('link', { name: 'Your review' }).click();
    await title('Your review');
    // An embedding page keeps its own title.
    await openWidget(page, `${server.url}examples/embedded.html`);
    await page.waitForTimeout(200);
    assert.equal(await page.title(), 'Mental health review - Example ICB intranet');
  } finally {
    await b.close();
  }
});

test('who the return is for: nothing preselected, Continue without an ICB is an error, and a draft with answers asks before it is relabelled', async () => {
  const b = await openBrowser({ bypassCSP: true });
  try {
    const page = await openWidget(await b.page(), server.url);
    for (const level of ['ICB', 'Provider', 'Team']) {
      assert.equal(await page.getByLabel(level, { exact: true }).isChecked(), false, `${level} is not preselected`);
    }
    // Continue without an ICB: the summary is focused and links to the field, which has its own error.
    await page.getByLabel('ICB', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    assert.equal((await focused(page)).id, 'iacmh-errors');
    assert.match(await page.locator('#f-scope-icb-error').textContent(), /Error: Enter the ICB the return is for/);
    assert.equal(await page.getByLabel('Integrated care board').getAttribute('aria-describedby'), 'f-scope-icb-error');
    const startErrors = await axe(page);
    await summary.getByRole('link', { name: 'Enter the ICB the return is for' }).click();
    assert.equal((await focused(page)).id, 'f-scope-icb');
    assert.match(await heading(page).textContent(), /Intensive and assertive/);

    // A draft with answers.
    await page.getByLabel('Integrated care board').selectOption({ label: 'Birmingham and Solihull' });
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    await page.getByRole('link', { name: '3. Workforce' }).click();
    await page.getByRole('group', { name: /3\.01/ }).getByLabel('Yes, working well').check();
    await page.getByRole('group', { name: /3\.02/ }).getByLabel('No, action is needed').check();
    await page.waitForTimeout(600);
    const kept = Object.keys(await stored(page)).filter((k) => k.startsWith('iacmh:draft:'));
    assert.equal(kept.length, 1);
    const before = (await stored(page))[kept[0]];

    // Changing the ICB asks first; a new draft instead leaves this one as it was.
    await page.evaluate(() => { location.hash = '#/start'; });
    await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
    await page.getByLabel('Integrated care board').selectOption({ label: 'Devon' });
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await at(page, 'Change who this draft is for?', '#/start/change');
    assert.match(await page.locator('main').textContent(),
      /This draft holds 2 answers for Birmingham and Solihull\. Changing it to Devon would relabel all of them\./);
    const confirmViolations = await axe(page);
    await page.getByRole('button', { name: 'Start a new draft for Devon instead' }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await heading(page).locator('..').textContent(), /Devon/);
    assert.match(await page.locator('main').textContent(), /You have answered 0 of 161/);
    await page.waitForTimeout(600);
    assert.equal((await stored(page))[kept[0]], before, 'the draft with answers is untouched');
    assert.equal(Object.keys(await stored(page)).filter((k) => k.startsWith('iacmh:draft:')).length, 2);
    // Back skips the confirmation, which is no longer in hand: it returns to the start page.
    await page.goBack();
    await at(page, 'Intensive and assertive', '#/start');

    // Back on the draft with answers: Cancel changes nothing; "Change this draft anyway" does.
    await page.evaluate(() => { location.hash = '#/start'; });
    await page.getByRole('link', { name: 'Open Birmingham and Solihull' }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    await page.getByRole('link', { name: 'Who this return is for' }).click();
    await page.getByLabel('Provider', { exact: true }).check();
    await page.getByLabel('Provider organisation').fill('Birmingham and Solihull Mental Health NHS Foundation Trust');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await heading(page).filter({ hasText: 'Change who this draft is for?' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await heading(page).filter({ hasText: 'Intensive and assertive' }).waitFor();
    await page.waitForTimeout(600);
    assert.equal((await stored(page))[kept[0]], before, 'cancelled: unchanged');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('button', { name: 'Change this draft anyway' }).click();
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.match(await heading(page).locator('..').textContent(), /Birmingham and Solihull: Birmingham and Solihull Mental Health NHS Foundation Trust/);
    await page.waitForTimeout(600);
    const changed = JSON.parse((await stored(page))[kept[0]]);
    assert.equal(changed.scope.level, 'provider');
    assert.equal(Object.keys(changed.maturity.answers).length, 2);
    assert.deepEqual([startErrors, confirmViolations], [[], []]);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});
