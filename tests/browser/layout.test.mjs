// The domain pages as a review group uses them in a room: whole questions in every accessible
// name, a compact layout (one line of ratings, comments a click away, a bar with progress and
// the save status in view), no sideways scrolling on a phone, the ratings and categories
// explained, and axe-core clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, openBrowser, openWidget, heading, focused, axe, startReturn } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const STEM = 'Do our policies describe the pathways for:';

/** Opens domain `n` of a new Devon draft. */
async function openDomain(page, n) {
  await openWidget(page, server.url);
  await startReturn(page, 'Devon');
  await page.getByRole('link', { name: new RegExp(`^${n}\\. `) }).click();
  await heading(page).filter({ hasText: new RegExp(`^${n}\\. `) }).waitFor();
}

const radio = (page, id, value = 'yes_working_well') => page.locator(`input[name="f-maturity-answers-${id}"][value="${value}"]`);

/** The page's height with every question laid out (content-visibility lets the browser skip
 * those off screen, and their placeholders are estimates). */
function realHeight(page) {
  return page.evaluate(() => {
    const questions = [...document.querySelector('[data-iacmh]').shadowRoot.querySelectorAll('.iacmh__question')];
    questions.forEach((q) => { q.style.contentVisibility = 'visible'; });
    const height = document.documentElement.scrollHeight;
    questions.forEach((q) => { q.style.contentVisibility = ''; });
    return height;
  });
}

/** Tab presses from the focused control until one with name `name` has focus. */
async function tabsTo(page, name) {
  for (let n = 1; n <= 20; n++) {
    await page.keyboard.press('Tab');
    if ((await focused(page))?.name === name) return n;
  }
  return Infinity;
}

test('a fragment question carries its stem in the group\'s and every radio\'s accessible name', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await openDomain(page, 2);
    await page.getByRole('group', { name: /^Question 2\.29 / }).waitFor({ state: 'attached' });
    // The visible stem is the heading above; the names carry it too.
    const group = page.getByRole('group', { name: `Question 2.01 Essential ${STEM} CRHT.` });
    assert.equal(await group.count(), 1, 'the radio group is named by the whole question');
    for (const rating of ['No, action is needed', 'Yes, working well', 'Not applicable']) {
      assert.equal(await page.getByRole('radio', { name: `${rating} Question 2.01 ${STEM} CRHT.`, exact: true }).count(), 1, rating);
    }
    // No two radios on the page share a name: each says which question it answers.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const all = nodes.filter((n) => n.role?.value === 'radio').map((n) => (n.name?.value ?? '').replace(/\s+/g, ' '));
    // The two at the foot ask whether the section is completed.
    const names = all.filter((n) => !/completed this section|come back to it later/.test(n));
    assert.equal(all.length - names.length, 2);
    assert.equal(names.length, 29 * 5);
    assert.equal(new Set(names).size, names.length, 'radio names are distinct');
    assert.ok(names.filter((n) => n.startsWith('Yes, working well')).every((n) => /Question 2\.\d\d \S/.test(n)));
  } finally {
    await b.close();
  }
});

test('domain 1 rated in full fits in 6,500 px at 1280x900, with the keyboard path no longer', { timeout: 120_000 }, async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openDomain(page, 1);
    const groups = page.getByRole('group', { name: /^Question 1\.\d\d / });
    // The questions below the first screen arrive after the first paint, and the heading keeps
    // the focus it was given.
    await groups.nth(32).waitFor({ state: 'attached' });
    assert.equal(await groups.count(), 33);
    assert.equal((await focused(page)).id, 'iacmh-page-heading');
    const unrated = await realHeight(page);
    // Five ratings on one line: every radio of a question at the same height.
    const tops = await radio(page, '1.01').locator('xpath=../..').locator('input').evaluateAll(
      (inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `the five ratings share a line: ${tops}`);

    // From a question's rating to the next question's: one Tab unrated, two once rated (the
    // comment's "Add a comment" comes between), as with the open comment box before.
    await radio(page, '1.01', 'no_needs_action').focus();
    const tabsUnrated = await tabsTo(page, 'f-maturity-answers-1.02');
    for (let i = 1; i <= 33; i++) await radio(page, `1.${String(i).padStart(2, '0')}`).check();
    await radio(page, '1.01').focus();
    const tabsRated = await tabsTo(page, 'f-maturity-answers-1.02');
    const rated = await realHeight(page);
    console.log(JSON.stringify({ unrated, rated, tabsUnrated, tabsRated }));
    assert.ok(rated <= 6500, `domain 1 rated is ${rated} px tall`);
    assert.equal(tabsUnrated, 1);
    assert.equal(tabsRated, 2);
  } finally {
    await b.close();
  }
});

test('progress and the save status stay in view, and never cover what has focus', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openDomain(page, 1);
    await radio(page, '1.01').check();
    await radio(page, '1.02').check();
    const bar = page.locator('.iacmh__bar');
    await bar.getByText(/Saved in this browser at \d\d:\d\d/).waitFor();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const box = await bar.boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 2, `the bar is at the top of the screen: ${JSON.stringify(box)}`);
    assert.match(await bar.textContent(), /2 of 33 answered in this domain \(2 of 161 in all\).*Saved in this browser at/);
    // Going back up by keyboard, each control that takes focus is scrolled clear of the bar
    // (WCAG 2.2 2.4.11).
    await radio(page, '1.33', 'no_needs_action').focus(); // the last question
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Shift+Tab');
      const [top, barBottom] = await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        const shown = el.type === 'radio' ? el.nextElementSibling : el; // NHS.UK draws a radio on its label
        return [shown.getBoundingClientRect().top, el.getRootNode().querySelector('.iacmh__bar').getBoundingClientRect().bottom];
      });
      assert.ok(top >= barBottom, `focus ${i + 1} is under the bar: top ${top}, bar ends at ${barBottom}`);
    }
  } finally {
    await b.close();
  }
});

test('a comment is a click away, reachable by keyboard, saved, and shown open once written', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await openDomain(page, 1);
    const comment = page.getByLabel('Comments on 1.03 (optional)');
    assert.equal(await page.getByText('Add a comment on question 1.03').count(), 0, 'nothing to comment on before rating');
    await radio(page, '1.03').check();
    assert.equal(await comment.isVisible(), false, 'closed until asked for');
    await radio(page, '1.03').focus();
    await page.keyboard.press('Tab');
    assert.match((await focused(page)).text, /^Add a comment on question 1\.03$/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'f-maturity-answers-1.03-comment');
    await page.keyboard.type('Seen in the caseload review.');
    await page.waitForTimeout(600); // the autosave debounce
    await page.reload();
    // The address keeps the page: the reload opens domain 1 again.
    await heading(page).filter({ hasText: /^1\. / }).waitFor();
    assert.equal(await comment.inputValue(), 'Seen in the caseload review.');
    assert.ok(await comment.isVisible(), 'a question with a comment shows it');
    assert.match(await page.getByText('Comment on question 1.03').textContent(), /^Comment on question 1\.03$/);
  } finally {
    await b.close();
  }
});

test('an error in a comment far down the page is linked to, opened and focused', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await openDomain(page, 1);
    await radio(page, '1.30').check();
    await page.getByText('Add a comment on question 1.30').click();
    await page.getByLabel('Comments on 1.30 (optional)').fill('x'.repeat(5001));
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Check and export' }).click();
    await page.getByRole('link', { name: /5001 characters long/ }).click();
    await heading(page).filter({ hasText: /^1\. / }).waitFor();
    assert.equal((await focused(page)).id, 'f-maturity-answers-1.30-comment');
    const [top, barBottom] = await page.evaluate(() => {
      const root = document.querySelector('[data-iacmh]').shadowRoot;
      return [root.activeElement.getBoundingClientRect().top, root.querySelector('.iacmh__bar').getBoundingClientRect().bottom];
    });
    assert.ok(top >= barBottom, 'the focused field is not under the bar');
  } finally {
    await b.close();
  }
});

test('at 320 and 375 px wide everything stacks without sideways scrolling', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await openDomain(page, 2);
    await radio(page, '2.01').check();
    await page.getByText('Add a comment on question 2.01').click();
    await page.getByText('What the ratings and categories mean').click();
    for (const width of [320, 375]) {
      await page.setViewportSize({ width, height: 800 });
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `${width} px: the page is ${scroll} px wide`);
      const lefts = await radio(page, '2.02').locator('xpath=../..').locator('input').evaluateAll(
        (inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().left)));
      assert.equal(new Set(lefts).size, 1, `${width} px: the ratings stack`);
    }
  } finally {
    await b.close();
  }
});

test('the ratings and categories are explained, and each question\'s reason is a link away', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await openDomain(page, 3);
    await page.getByText('What the ratings and categories mean').click();
    const text = await page.locator('.iacmh__definitions').allTextContents();
    assert.match(text[0], /No, but action in handIt is not in place yet, but the action to put it in place has started\./);
    assert.match(text[0], /Not applicable.*left out of the scores/);
    assert.match(text[1], /EssentialThese questions form the essential components/);
    const link = page.getByRole('link', { name: 'Why each question has its category (opens in a new tab)' });
    const href = await link.evaluate((a) => a.href);
    const response = await page.request.get(href);
    assert.equal(response.status(), 200);
    const data = JSON.parse(readFileSync(join(ROOT, 'crates', 'review', 'data', 'index-midlands-2024.1.json'), 'utf8'));
    const reasons = data.domains.flatMap((d) => d.sections.flatMap((s) => s.questions.map((q) => q.rationale)));
    const body = await response.text();
    const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    assert.equal(reasons.length, 161);
    assert.ok(reasons.every((r) => body.includes(escape(r))), 'every reason is on the page');
  } finally {
    await b.close();
  }
});

test('no serious or critical axe violations on a domain page, wide and narrow', { timeout: 60_000 }, async () => {
  const b = await openBrowser({ bypassCSP: true });
  try {
    const page = await b.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openDomain(page, 2);
    await radio(page, '2.01').check();
    await radio(page, '2.03', 'not_applicable').check();
    await page.getByText('Add a comment on question 2.01').click();
    await page.getByText('What the ratings and categories mean').click();
    const wide = await axe(page);
    await page.setViewportSize({ width: 320, height: 800 });
    const narrow = await axe(page);
    assert.deepEqual({ wide, narrow }, { wide: [], narrow: [] });
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});
