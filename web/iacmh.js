// Mounts the iacmh self-assessment widget into every element with a data-iacmh attribute, and
// the regional collation page into every element with data-iacmh-collation:
//   <div data-iacmh data-storage-key="my-icb"></div>
//   <script type="module" src="iacmh.js"></script>
// data-routing="off" keeps the widget's pages off the address bar and the history (for a host
// that uses the URL fragment itself); data-title says the widget owns the page, so each page's
// name goes in the document title.
// Everything it loads (pkg/iacmh_widget.js, its .wasm, pkg/iacmh.css) comes from beside this
// file. It makes no other request, and needs no inline script or style.
const base = new URL('.', import.meta.url);

function explain(host, message) {
  host.textContent = '';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = message;
  // The self-check says what stops the form here, and what to ask the site's administrator.
  const check = document.createElement('a');
  check.href = new URL('check.html', base).href;
  check.textContent = 'Check what stops the form running in this browser on this site';
  host.append(p, check);
}

// Printed pages are A4 portrait with margins and page numbers. Chromium ignores @page in a shadow
// root, so the host document adopts this sheet (a constructed one: no request, no inline style).
function adoptPaper() {
  if (!('adoptedStyleSheets' in document)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('@page { size: A4 portrait; margin: 16mm 15mm 18mm; '
    + '@bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt arial, sans-serif } }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

async function start() {
  const hosts = [...document.querySelectorAll('[data-iacmh], [data-iacmh-collation]')];
  if (hosts.length === 0) {
    // An async script can run before the page's elements exist: look again once they do.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
    return;
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    for (const host of hosts) {
      explain(host, 'This self-assessment form needs a browser that supports WebAssembly, such as a current version of Microsoft Edge, Google Chrome, Mozilla Firefox or Safari. Please open this page in one of those, or ask your IT service desk for help.');
    }
    return;
  }
  // The form and the collation page are separate builds: load only what this page uses.
  const load = async (name) => {
    const module = await import(new URL(`pkg/${name}.js`, base).href);
    await module.default({ module_or_path: new URL(`pkg/${name}_bg.wasm`, base) });
    return module;
  };
  try {
    const stylesheet = new URL('pkg/iacmh.css', base).href;
    const forms = hosts.filter((h) => h.hasAttribute('data-iacmh'));
    const collations = hosts.filter((h) => h.hasAttribute('data-iacmh-collation'));
    if (forms.length > 0) {
      const widget = await load('iacmh_widget');
      adoptPaper();
      for (const host of forms) {
        host.textContent = '';
        widget.mount(host, {
          storageKey: host.dataset.storageKey || 'iacmh',
          stylesheet,
          routing: host.dataset.routing !== 'off',
          title: host.hasAttribute('data-title'),
        });
      }
      window.iacmh = { benchmarkRevalidation: widget.benchmarkRevalidation };
    }
    if (collations.length > 0) {
      const collation = await load('iacmh_collation');
      for (const host of collations) {
        host.textContent = '';
        collation.mountCollation(host, { stylesheet });
      }
    }
  } catch (error) {
    for (const host of hosts) {
      explain(host, 'The self-assessment form could not start in this browser (' + error + '). Please try another browser, or ask your IT service desk for help.');
    }
  }
}

start();
