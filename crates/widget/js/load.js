// What the form loads on demand, each handed back through a callback (the form's wasm then
// needs no futures, and no file-reading crate: gloo's FileReader wrapper measured 0.7 KB gzip
// more than this):
//
// `read(file, done)`: the bytes of a file the user chose, as `done(bytes)`, or
// `done(undefined, message)` when the browser could not read it.
//
// `paper(url, name, json, into)`: the papers (the summary for the board, the record of the
// maturity index) are written by crates/report/src/papers.rs in a wasm build of their own,
// pkg/iacmh_papers, which this loads from `url` the first time a paper opens, so that the form's
// page does not carry them. It calls the module's export `name` ("summary" or "record") with
// the return as JSON and puts the paper into the element `into`, which the form leaves empty
// for it; or says there why it could not. A module that failed to load is tried again the next
// time a paper opens. Done here rather than in Rust: the form's wasm then holds no state,
// callback or message for it (1.3 KB gzip less).
export function read(file, done) {
  file.arrayBuffer().then((buffer) => done(new Uint8Array(buffer)), (e) => done(undefined, String((e && e.message) || e)));
}

let loading;

const load = (url) => (loading ??= import(url).then(async (m) => { await m.default(); return m; })
  .catch((e) => { loading = undefined; throw e; }));

export function paper(url, name, json, into) {
  if (!into.firstChild) into.innerHTML = '<p class="nhsuk-body" role="status">Preparing the paper\u2026</p>';
  load(url).then((m) => { into.innerHTML = m[name](json); }, (e) => {
    into.innerHTML = '<div class="nhsuk-error-summary" role="alert" aria-labelledby="iacmh-paper-error">'
      + '<h2 class="nhsuk-error-summary__title" id="iacmh-paper-error">The paper could not be prepared</h2>'
      + '<div class="nhsuk-error-summary__body"><p></p></div></div>';
    into.querySelector('p').textContent = `The browser could not load the form\u2019s papers (${(e && e.message) || e}). `
      + 'Check that the form\u2019s files are all in place (the self-check page lists them), then reload the page.';
  });
}
