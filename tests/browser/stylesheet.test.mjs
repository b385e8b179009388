// The build drops the NHS.UK rules the widget never uses (web/styles/purge.mjs). This checks
// that doing so changes nothing anyone can see: on every kind of page, at desktop and mobile
// widths and in print, each element's computed style (and its ::before and ::after) is the
// same with the purged stylesheet as with the whole one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, openBrowser, openWidget, heading } from './harness.mjs';

const FULL = join(ROOT, 'target', 'css', 'iacmh.full.css');
let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

/** Every element's computed style in the widget's shadow root, one string per element. */
function snapshot(page, host = '[data-iacmh]') {
  return page.evaluate((host) => {
    const root = document.querySelector(host).shadowRoot;
    const style = (el, pseudo) => {
      const cs = getComputedStyle(el, pseudo);
      const out = [];
      for (let i = 0; i < cs.length; i++) out.push(`${cs[i]}:${cs.getPropertyValue(cs[i])}`);
      return out.join(';');
    };
    return [...root.querySelectorAll('*')].map((el) => ({
      what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`,
      self: style(el), before: style(el, '::before'), after: style(el, '::after'),
    }));
  }, host);
}

/** Walks the form through its kinds of page, taking a snapshot of each. */
async function tour(cssRoute) {
  const b = await openBrowser();
  try {
    const page = await b.page();
    if (cssRoute) await page.route('**/pkg/iacmh.css', (r) => r.fulfill({ contentType: 'text/css', body: readFileSync(FULL) }));
    // The save status says the time ("Saved in this browser at 12:15"). The two tours run
    // minutes apart, and in a font whose digits differ in width the paragraph's width would
    // differ with the minute, not with the stylesheet: both tours see the same clock. Timers
    // still run (the autosave's pause), only Date is fixed.
    await page.clock.setFixedTime(new Date('2026-03-31T10:00:00'));
    await openWidget(page, server.url);
    const shots = {};
    // NHS.UK styles are responsive: most sizes change at the tablet breakpoint. Each snapshot
    // sets its media and viewport afresh and waits two frames, so that no tour's snapshot can
    // catch a resize or media change of the one before it half done.
    const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const shot = async (name, media = 'screen') => {
      await page.emulateMedia({ media });
      await page.setViewportSize({ width: 1100, height: 900 });
      // Nothing hovered: the pointer rests where the last click was.
      await page.mouse.move(0, 0);
      await page.waitForFunction(() => document.querySelector('[data-iacmh]').shadowRoot.styleSheets.length > 0);
      // The save status is written once the draft has committed: "Saving…" in one tour and
      // "Saved…" in the other would differ in width, not in style. Wait for it to settle.
      await page.waitForFunction(() => !document.querySelector('[data-iacmh]').shadowRoot.querySelector('.iacmh__status[aria-busy="true"]'));
      await frames();
      shots[name] = await snapshot(page);
      await page.setViewportSize({ width: 360, height: 800 });
      await frames();
      shots[`${name}, mobile`] = await snapshot(page);
      await page.setViewportSize({ width: 1100, height: 900 });
      await page.emulateMedia({ media: 'screen' });
    };
    await shot('start');
    await page.getByLabel('Team', { exact: true }).check();
    await page.getByLabel('Integrated care board').selectOption({ label: 'Devon' });
    await shot('start, team scope');
    await page.getByLabel('Provider organisation').fill('Devon Partnership NHS Trust');
    await page.getByLabel('Team', { exact: true }).last().fill('Assertive outreach');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await shot('task list');
    await page.getByRole('link', { name: '2. Clinical Pathways' }).click();
    await page.getByRole('group', { name: /2\.03/ }).getByLabel('No, action is needed').check();
    await page.getByRole('group', { name: /2\.01/ }).getByLabel('Yes, working well').focus();
    await shot('domain page, a radio focused');
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Findings and actions' }).click();
    await shot('findings');
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Review outcome template' }).click();
    await page.getByRole('group', { name: /Following your review are you assured/ }).getByLabel('No').check();
    // A team return need not fill the template in, but what it fills in is checked: an email
    // address that is not one is the error Check shows below.
    await page.getByLabel(/email address for the operational lead/).fill('not an email');
    await shot('outcome, not assured');
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Completion and sign-off' }).click();
    await page.getByRole('button', { name: 'Add a committee member' }).click();
    await shot('sign-off');
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Summary for the board' }).click();
    await page.getByRole('img', { name: 'Score by domain, 0 to 100' }).waitFor();
    await shot('summary');
    await shot('summary, print', 'print');
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Check and export' }).click();
    await page.locator('.nhsuk-error-summary').first().waitFor();
    await shot('check, with errors');
    await page.getByRole('link', { name: 'Your review' }).click();
    await page.getByRole('link', { name: 'Start again' }).click();
    await heading(page).waitFor();
    await shot('confirmation');

    // The collation page shares the stylesheet: a heatmap with every band, and a bad file.
    await page.goto(new URL('collate.html', server.url).href);
    const host = page.locator('[data-iacmh-collation]');
    await host.getByRole('heading', { level: 1 }).waitFor();
    const fixtures = join(ROOT, 'crates', 'review', 'tests', 'fixtures');
    const file = (name) => ({ name, mimeType: 'application/json', buffer: readFileSync(join(fixtures, name)) });
    await host.getByLabel('Choose return files').setInputFiles([
      file('example-complete.json'), file('bnssg-2024-09.json'),
      { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json') },
    ]);
    await host.getByRole('status').filter({ hasText: 'returns collated' }).waitFor();
    await page.mouse.move(0, 0);
    shots['collation'] = await snapshot(page, '[data-iacmh-collation]');
    await page.setViewportSize({ width: 360, height: 800 });
    shots['collation, mobile'] = await snapshot(page, '[data-iacmh-collation]');
    return shots;
  } finally {
    await b.close();
  }
}

// Two tours of every page, comparing every element's computed style: minutes under load (it ran
// out of 180 s with other builds on the two cores), so the bound is generous.
test('the purged stylesheet styles every page exactly as the whole NHS.UK stylesheet does', { timeout: 600_000 }, async () => {
  assert.ok(existsSync(FULL), `${FULL} is written by ./dev build`);
  const full = readFileSync(FULL, 'utf8').length;
  const purged = readFileSync(join(ROOT, 'pkg', 'iacmh.css'), 'utf8').length;
  assert.ok(purged < full * 0.6, `purging removed little: ${purged} of ${full} bytes kept`);

  const withPurged = await tour(false);
  const withFull = await tour(true);
  assert.deepEqual(Object.keys(withPurged), Object.keys(withFull));
  for (const [name, elements] of Object.entries(withPurged)) {
    const other = withFull[name];
    assert.equal(elements.length, other.length, `${name}: the same elements`);
    for (let i = 0; i < elements.length; i++) {
      for (const part of ['self', 'before', 'after']) {
        if (elements[i][part] === other[i][part]) continue;
        const a = elements[i][part].split(';');
        const b = other[i][part].split(';');
        const differs = a.filter((p) => !b.includes(p)).slice(0, 3);
        const whole = b.filter((p) => !a.includes(p)).slice(0, 3);
        assert.fail(`${name}: ${elements[i].what} ${part} differs: purged ${differs.join(', ')}; whole ${whole.join(', ')}`);
      }
    }
  }
});
