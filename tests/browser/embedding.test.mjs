// Embedding: a div and a module script on an intranet page, an iframe, hostile host CSS, and
// a browser without WebAssembly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, openWidget, heading, foreign, startReturn, stored } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

/** Computed styles of elements inside the widget's shadow root. */
function widgetStyles(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-iacmh]').shadowRoot;
    const pick = (sel, props) => {
      const el = root.querySelector(sel);
      const cs = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    };
    return {
      h1: pick('h1', ['font-size', 'font-family', 'font-style', 'color', 'letter-spacing', 'text-transform', 'line-height']),
      radio: pick('.nhsuk-radios__input', ['display', 'visibility', 'width', 'box-sizing']),
      button: pick('.nhsuk-button', ['display', 'visibility', 'background-color', 'font-size']),
      label: pick('.nhsuk-label', ['font-size', 'color', 'letter-spacing']),
    };
  });
}

test('the widget looks the same under hostile host CSS, and works', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await openWidget(page, server.url);
    const plain = await widgetStyles(page);
    await openWidget(page, `${server.url}examples/hostile.html`);
    const hostile = await widgetStyles(page);
    assert.deepEqual(hostile, plain);
    await startReturn(page, 'Somerset');
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('the widget does not restyle its host page, and an embedding page works', async () => {
  const b = await openBrowser();
  try {
    const page = await openWidget(await b.page(), `${server.url}examples/embedded.html`);
    const host = await page.evaluate(() => {
      const cs = (sel) => getComputedStyle(document.querySelector(sel));
      return {
        buttonBackground: cs('.host-button').backgroundColor,
        buttonFont: cs('.host-button').fontFamily,
        title: cs('.page-title').fontFamily,
        titleSize: cs('.page-title').fontSize,
      };
    });
    // The host's own .nhsuk-button is not NHS green, and its headings keep the host's font.
    assert.notEqual(host.buttonBackground, 'rgb(0, 112, 60)');
    assert.match(host.buttonFont, /Georgia/);
    assert.match(host.title, /Georgia/);
    assert.equal(host.titleSize, '28px');
    await startReturn(page, 'Frimley');
    await heading(page).filter({ hasText: 'Your review' }).waitFor();
    // Its storage key keeps its drafts apart from other widgets on the site.
    await page.waitForTimeout(600);
    const keys = Object.keys(await stored(page));
    assert.ok(keys.length > 0 && keys.every((k) => k.startsWith('example-icb-review:')), keys.join());
    assert.deepEqual(foreign(b.requests, server.url), []);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('the widget works inside an iframe', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.goto(`${server.url}examples/iframe.html`);
    const frame = page.frameLocator('iframe[title^="Intensive and assertive"]');
    await frame.getByRole('heading', { level: 1 }).waitFor();
    await startReturn(frame, 'Norfolk and Waveney');
    await frame.getByRole('heading', { level: 1, name: 'Your review' }).waitFor();
    assert.deepEqual(foreign(b.requests, server.url), []);
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
  }
});

test('a browser without WebAssembly gets an explanation, not a blank page', async () => {
  const b = await openBrowser();
  try {
    const page = await b.page();
    await page.addInitScript(() => { delete window.WebAssembly; });
    await page.goto(server.url);
    const message = page.getByRole('alert');
    await message.waitFor();
    assert.match(await message.textContent(), /needs a browser that supports WebAssembly/);
  } finally {
    await b.close();
  }
});
