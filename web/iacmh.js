// Mounts the iacmh self-assessment widget into every element with a data-iacmh attribute:
//   <div data-iacmh data-storage-key="my-icb"></div>
//   <script type="module" src="iacmh.js"></script>
// Everything it loads (pkg/iacmh_widget.js, its .wasm, pkg/iacmh.css) comes from beside this
// file. It makes no other request, and needs no inline script or style.
const base = new URL('.', import.meta.url);

function explain(host, message) {
  host.textContent = '';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = message;
  host.append(p);
}

async function start() {
  const hosts = [...document.querySelectorAll('[data-iacmh]')];
  if (hosts.length === 0) return;
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    for (const host of hosts) {
      explain(host, 'This self-assessment form needs a browser that supports WebAssembly, such as a current version of Microsoft Edge, Google Chrome, Mozilla Firefox or Safari. Please open this page in one of those, or ask your IT service desk for help.');
    }
    return;
  }
  try {
    const widget = await import(new URL('pkg/iacmh_widget.js', base).href);
    await widget.default({ module_or_path: new URL('pkg/iacmh_widget_bg.wasm', base) });
    for (const host of hosts) {
      host.textContent = '';
      widget.mount(host, {
        storageKey: host.dataset.storageKey || 'iacmh',
        stylesheet: new URL('pkg/iacmh.css', base).href,
      });
    }
    window.iacmh = { benchmarkRevalidation: widget.benchmarkRevalidation };
  } catch (error) {
    for (const host of hosts) {
      explain(host, 'The self-assessment form could not start in this browser (' + error + '). Please try another browser, or ask your IT service desk for help.');
    }
  }
}

start();
