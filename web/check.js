// The self-check (check.html): can this browser, on this host, run the form? Each check tries
// the real thing the form does (compile WebAssembly under this page's policy, fetch the form's
// own files, write to the browser's storage) rather than asking what the browser claims, and
// says in plain words what to ask the intranet's administrator when something fails.
//
// It makes requests only to this site (the form's files beside this one), stores nothing it
// does not remove at once, and sends nothing anywhere. Exported for the tests: `runChecks`.
const base = new URL('.', import.meta.url);

/** The smallest valid WebAssembly module: the magic number and version. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * The files the form loads, relative to this page; the first is its WebAssembly. The last two are
 * its papers (the summary for the board, the record), which it loads when one first opens.
 */
const FORM_FILES = ['pkg/iacmh_widget_bg.wasm', 'pkg/iacmh_widget.js', 'pkg/iacmh.css', 'iacmh.js',
  'pkg/iacmh_papers.js', 'pkg/iacmh_papers_bg.wasm'];

/** Second-level labels under .uk that are public suffixes (so "a.nhs.uk" and "b.nhs.uk" are two sites). */
const UK_SECOND_LEVEL = new Set(['ac', 'co', 'gov', 'ltd', 'me', 'net', 'nhs', 'org', 'plc', 'police', 'sch']);

/**
 * The site (scheme and registrable domain) of an origin, as browsers key partitioned storage.
 * An approximation of the Public Suffix List that is right for the hosts NHS intranets use;
 * an IP address or a single-label host is its own site.
 */
export function siteOf(origin) {
  const url = new URL(origin);
  const host = url.hostname;
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return `${url.protocol}//${host}`;
  const labels = host.split('.');
  const keep = labels.length >= 3 && labels.at(-1) === 'uk' && UK_SECOND_LEVEL.has(labels.at(-2)) ? 3 : 2;
  return `${url.protocol}//${labels.slice(-keep).join('.')}`;
}

/** How long a probe may take before the check says it did not answer (a page that hangs helps nobody). */
const PROBE_MS = 8000;

/** `promise`, or a rejection saying `what` did not answer within PROBE_MS. */
function answerWithin(promise, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_MS / 1000} s`)), PROBE_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A check's outcome: `works`, `attention` (the form runs, with a limit to know) or `fails`. */
const result = (name, state, detail, ask = null) => ({ name, state, detail, ask });

async function checkWebAssembly(violations) {
  const name = 'WebAssembly';
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.compile !== 'function') {
    return result(name, 'fails', 'This browser cannot run WebAssembly, which the form is built with.',
      'Please give us a current version of Microsoft Edge, Google Chrome, Mozilla Firefox or Safari, with WebAssembly turned on (some security settings turn it off).');
  }
  try {
    await WebAssembly.compile(EMPTY_MODULE);
    return result(name, 'works', 'This browser runs WebAssembly, and this site\u2019s security policy allows it.');
  } catch (error) {
    const blocked = violations.some((v) => /wasm|eval/.test(v)) || /Content Security Policy|CSP|wasm-unsafe-eval|unsafe-eval/i.test(String(error));
    if (blocked) {
      return result(name, 'fails', 'This site\u2019s Content Security Policy does not allow WebAssembly, so the form cannot start here.',
        'Please add \u2018wasm-unsafe-eval\u2019 to the script-src directive of the Content-Security-Policy sent with the form\u2019s pages (index.html, collate.html and check.html). It lets the browser compile WebAssembly from the form\u2019s own files; it does not allow text to be run as script.');
    }
    return result(name, 'fails', `This browser refused to compile WebAssembly (${error}).`,
      'Please check whether a security setting or extension turns WebAssembly off in this browser.');
  }
}

async function checkFiles() {
  const name = 'The form\u2019s files';
  const missing = [];
  const notes = [];
  let wasm = null;
  for (const file of FORM_FILES) {
    let response;
    try {
      response = await answerWithin(fetch(new URL(file, base), { cache: 'no-store' }), file);
    } catch (error) {
      missing.push(`${file} (could not be fetched: ${error.message})`);
      continue;
    }
    if (!response.ok) {
      missing.push(`${file} (HTTP ${response.status})`);
      continue;
    }
    if (file.endsWith('.wasm')) {
      const type = response.headers.get('content-type') || 'no type';
      if (!type.startsWith('application/wasm')) notes.push(`${file} is served as \u201c${type}\u201d rather than \u201capplication/wasm\u201d, so it starts more slowly`);
      // The form's own is compiled below; a host that serves one .wasm serves the others alike.
      if (!wasm) wasm = await answerWithin(response.arrayBuffer(), file);
    }
  }
  if (missing.length > 0) {
    return result(name, 'fails', `Not found on this site: ${missing.join('; ')}.`,
      'Please publish the whole of the form\u2019s folder, with its pkg folder beside index.html. Some web servers (IIS among them) refuse files of a type they do not know: add a MIME type mapping for .wasm as application/wasm.');
  }
  if (wasm) {
    try {
      await WebAssembly.compile(wasm);
    } catch (error) {
      return result(name, 'fails', `The form\u2019s WebAssembly file arrived damaged or altered (${error.message}).`,
        'Please publish pkg/iacmh_widget_bg.wasm again as it was built, and check that no proxy or filter rewrites .wasm files.');
    }
  }
  try {
    // Loading the form's script loads every module it imports (pkg/snippets/ among them).
    await answerWithin(import(new URL('pkg/iacmh_widget.js', base).href), 'pkg/iacmh_widget.js');
  } catch (error) {
    return result(name, 'fails', `The form\u2019s script could not load with its parts (${error.message}).`,
      'Please publish the whole of the pkg folder, with every folder inside it (pkg/snippets among them), and serve .js files as text/javascript.');
  }
  if (notes.length > 0) {
    return result(name, 'attention', `Every file is here. ${notes.join('; ')}.`, 'Please add a MIME type mapping for .wasm as application/wasm.');
  }
  return result(name, 'works', 'Every file the form needs is on this site and reads correctly.');
}

/** Writes, reads back and removes a record in a database of its own, committed durably. */
function tryIndexedDb() {
  return new Promise((resolve, reject) => {
    const name = `iacmh-check-${Math.random().toString(36).slice(2)}`;
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('check');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('check', 'readwrite', { durability: 'strict' });
      tx.objectStore('check').put('written', 'probe');
      tx.onerror = () => reject(tx.error);
      tx.oncomplete = () => {
        const read = db.transaction('check').objectStore('check').get('probe');
        read.onerror = () => reject(read.error);
        read.onsuccess = () => {
          db.close();
          indexedDB.deleteDatabase(name);
          if (read.result === 'written') resolve();
          else reject(new Error('what was written did not read back'));
        };
      };
    };
  });
}

function tryLocalStorage() {
  const key = 'iacmh-check-probe';
  localStorage.setItem(key, 'written');
  const back = localStorage.getItem(key);
  localStorage.removeItem(key);
  if (back !== 'written') throw new Error('what was written did not read back');
}

async function checkStorage(frame) {
  const name = 'Saving answers in this browser';
  if (self.origin === 'null') {
    return result(name, 'fails', 'This page is in a sandboxed frame without its own origin, so the browser gives it no storage: answers would be lost when the page closes.',
      'Please let the frame keep its own origin: if the page that embeds the form uses an iframe with a sandbox attribute, add \u201callow-same-origin allow-scripts allow-downloads allow-modals\u201d to it (downloads export the return, modals print the papers).');
  }
  const problems = [];
  let indexed = false;
  try {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    await answerWithin(tryIndexedDb(), 'IndexedDB');
    indexed = true;
  } catch (error) {
    problems.push(`IndexedDB: ${error.message || error}`);
  }
  let local = false;
  try {
    tryLocalStorage();
    local = true;
  } catch (error) {
    problems.push(`localStorage: ${error.message || error}`);
  }
  if (indexed) return result(name, 'works', 'Answers can be saved in this browser, and each one is written to disk as soon as it is saved.');
  if (local) {
    return result(name, 'attention', `Answers can be saved, but not in the browser\u2019s safest store (${problems.join('; ')}): an answer given in the last few seconds before a crash could be lost.`,
      'Please check whether a policy turns IndexedDB off for this site (private browsing does so in some browsers).');
  }
  if (frame.crossSite) {
    // Browsers that block third-party cookies also refuse storage to a page framed by another site.
    return result(name, 'fails', `This browser will not save anything for this site while it is shown inside a page of ${frame.top} (${problems.join('; ')}): it treats the form like a third-party cookie. Answers would be lost when the page closes.`,
      `Please either link to the form so that it opens at its own address (${self.origin}), rather than showing it inside the page, or allow it site data when embedded: in Microsoft Edge and Google Chrome, the policy CookiesAllowedForUrls with the entry “${self.origin},${frame.top}”.`);
  }
  return result(name, 'fails', `This browser will not save anything for this site (${problems.join('; ')}). The form would work, but answers would be lost when the page closes.`,
    'Please allow this site to store data in the browser (site data or cookies settings), or use a window that is not private.');
}

async function checkPersistence() {
  const name = 'Keeping drafts over time';
  if (!navigator.storage || typeof navigator.storage.persisted !== 'function') {
    return result(name, 'attention', 'This browser does not say whether it will keep this site\u2019s storage. Export a draft at the end of each sitting to keep a copy.');
  }
  let persisted = false;
  try {
    persisted = await answerWithin(navigator.storage.persisted(), 'The storage manager');
  } catch {
    persisted = false;
  }
  let space = '';
  try {
    const { quota } = await answerWithin(navigator.storage.estimate(), 'The storage manager');
    if (quota) space = ` This site may use up to ${(quota / 1e6).toFixed(0)} MB here (a return takes well under 1 MB).`;
  } catch {
    space = '';
  }
  if (persisted) return result(name, 'works', `The browser keeps this site\u2019s drafts until you delete them.${space}`);
  return result(name, 'attention', `The browser may clear this site\u2019s drafts if the computer runs short of disk space, or when its history is cleared.${space} Export a draft at the end of each sitting to keep a copy.`);
}

/** Whether this page is framed, by which top-level origin (where the browser says), and whether that is another site. */
function framing() {
  let framed;
  try {
    framed = window.self !== window.top;
  } catch {
    framed = true;
  }
  const ancestors = window.location.ancestorOrigins;
  const top = framed && ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1] : null;
  const crossSite = Boolean(top && top !== 'null' && self.origin !== 'null' && siteOf(top) !== siteOf(self.origin));
  return { framed, top, crossSite };
}

function checkFraming(frame) {
  const name = 'Where the form is shown';
  if (!frame.framed) {
    return result(name, 'works', 'This page is open on its own, not inside another page: drafts saved here belong to this site in this browser.');
  }
  if (frame.crossSite) {
    return result(name, 'attention', `This page is inside a page of ${frame.top}. The browser keeps the drafts made here for this site inside ${siteOf(frame.top).replace(/^https?:\/\//, '')} only: opening the form at its own address, or from a page on another site, shows a different list of drafts. Use the form from the same intranet page each time, or export a draft to move it.`);
  }
  if (frame.top) {
    return result(name, 'works', `This page is inside a page of ${frame.top}, on the same site: drafts are shared with the form opened on its own.`);
  }
  return result(name, 'attention', 'This page is inside another page, which this browser does not name. If that page is on another site, the drafts made here are kept for it alone: use the form from the same page each time, or export a draft to move it.');
}

/** Runs every check; resolves to the list of results, in the order they are shown. */
export async function runChecks() {
  const violations = [];
  const listen = (e) => violations.push(`${e.effectiveDirective}: ${e.blockedURI}`);
  document.addEventListener('securitypolicyviolation', listen);
  try {
    const webAssembly = await checkWebAssembly(violations);
    const files = webAssembly.state === 'fails' ? result('The form\u2019s files', 'attention', 'Not checked, as WebAssembly cannot run here.') : await checkFiles();
    const frame = framing();
    return [webAssembly, files, await checkStorage(frame), await checkPersistence(), checkFraming(frame)];
  } finally {
    document.removeEventListener('securitypolicyviolation', listen);
  }
}

const TAGS = {
  works: ['Works', 'nhsuk-tag nhsuk-tag--green'],
  attention: ['Good to know', 'nhsuk-tag nhsuk-tag--grey'],
  fails: ['Does not work', 'nhsuk-tag nhsuk-tag--red'],
};

function element(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
  el.append(...children);
  return el;
}

/** What to paste into a request to the IT service desk: the facts, never any answer. */
function report(results) {
  const lines = [
    'Self-check of the intensive and assertive community mental health care review form',
    `Page: ${location.origin}${location.pathname}`,
    `Browser: ${navigator.userAgent}`,
    `Checked: ${new Date().toISOString()}`,
    '',
    ...results.map((r) => `${r.name}: ${TAGS[r.state][0]}. ${r.detail}${r.ask ? ` Ask: ${r.ask}` : ''}`),
  ];
  return lines.join('\n');
}

function render(root, status, results) {
  const failed = results.filter((r) => r.state === 'fails');
  status.textContent = failed.length === 0 ? 'Checked: this browser can run the form on this site.' : 'Checked: the form cannot run here yet.';
  root.textContent = '';
  const verdict = failed.length === 0
    ? element('div', { class: 'nhsuk-inset-text', id: 'iacmh-check-verdict' },
      element('span', { class: 'nhsuk-u-visually-hidden' }, 'Information: '),
      element('p', {}, 'This browser can run the form on this site.'))
    : element('div', { class: 'nhsuk-warning-callout', id: 'iacmh-check-verdict' },
      element('h2', { class: 'nhsuk-warning-callout__label' }, element('span', { role: 'text' },
        element('span', { class: 'nhsuk-u-visually-hidden' }, 'Important: '), 'The form cannot run here yet')),
      element('p', {}, `${failed.length === 1 ? 'One thing stops' : `${failed.length} things stop`} it: see \u201cWhat to ask your intranet\u2019s administrator\u201d below.`));
  root.append(verdict);
  const list = element('dl', { class: 'nhsuk-summary-list' });
  for (const r of results) {
    const [label, classes] = TAGS[r.state];
    list.append(element('div', { class: 'nhsuk-summary-list__row' },
      element('dt', { class: 'nhsuk-summary-list__key' }, r.name),
      element('dd', { class: 'nhsuk-summary-list__value' }, element('strong', { class: classes }, label), ' ', r.detail)));
  }
  root.append(list);
  const asks = results.filter((r) => r.ask);
  if (asks.length > 0) {
    root.append(element('h2', { class: 'nhsuk-heading-m' }, 'What to ask your intranet\u2019s administrator'));
    root.append(element('ul', { class: 'nhsuk-list nhsuk-list--bullet' }, ...asks.map((r) => element('li', {}, `${r.name}: ${r.ask}`))));
  }
  root.append(element('h2', { class: 'nhsuk-heading-m' }, 'Details for your IT service desk'));
  root.append(element('p', { class: 'nhsuk-body' }, 'Copy this into your request. It holds no answers from the form.'));
  const details = element('textarea', { class: 'nhsuk-textarea', id: 'iacmh-check-report', rows: '8', readonly: '', 'aria-label': 'Details of this check for your IT service desk' });
  details.value = report(results);
  root.append(details);
}

const root = document.getElementById('iacmh-check');
const status = document.getElementById('iacmh-check-status');
if (root && status) {
  status.textContent = 'Checking this browser\u2026';
  runChecks()
    .then((results) => render(root, status, results))
    .catch((error) => {
      status.textContent = `The checks could not finish (${error}). Please try another browser, or ask your IT service desk for help.`;
    });
}
