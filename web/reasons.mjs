// Writes, for each edition of the maturity index, the page a domain page links to: why each
// question has its category. It is a page of its own because the 161 reasons in the form's
// wasm would cost every page load 4.4 KB gzip. Run by ./dev build:
//   node web/reasons.mjs OUT_DIR crates/review/data/index-*.json
// The page uses only classes the widget uses, so the purged stylesheet beside it keeps them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const TAG = { essential: 'nhsuk-tag--red', enhancer: 'nhsuk-tag--blue', desirable: 'nhsuk-tag--grey' };

export function page(index) {
  const label = Object.fromEntries(index.categories.map((c) => [c.id, c.label]));
  const tag = (id) => `<strong class="nhsuk-tag ${TAG[id]}">${escape(label[id])}</strong>`;
  const out = [];
  for (const c of index.categories) {
    out.push(`<p class="nhsuk-body">${tag(c.id)} ${escape(c.description)} ${escape(c.method)}</p>`);
  }
  for (const d of index.domains) {
    out.push(`<h2 class="nhsuk-heading-m">${d.number}. ${escape(d.title)}</h2>`);
    // Headings as the domain page shows them (each where it changes), so each question reads
    // as it does there.
    let last = {};
    for (const s of d.sections) {
      if (s.heading && s.heading !== last.heading) out.push(`<h3 class="nhsuk-heading-s">${escape(s.heading)}</h3>`);
      if (s.subheading && (s.heading !== last.heading || s.subheading !== last.subheading)) {
        out.push(`<h4 class="nhsuk-heading-xs">${escape(s.subheading)}</h4>`);
      }
      last = s;
      for (const q of s.questions) {
        out.push(`<p class="nhsuk-body nhsuk-u-margin-bottom-1"><strong>${q.id}</strong> ${tag(q.category)} ${escape(q.text)}</p>`);
        out.push(`<p class="nhsuk-hint">${escape(q.rationale)}</p>`);
      }
    }
  }
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Why each question has its category: ${escape(index.title)}</title>
  <link rel="stylesheet" href="iacmh.css">
</head>
<body class="iacmh">
<main class="nhsuk-width-container nhsuk-main-wrapper">
  <h1 class="nhsuk-heading-l">Why each question has its category</h1>
  <p class="nhsuk-body">${escape(index.title)}, edition ${escape(index.version)}.</p>
  ${out.join('\n  ')}
</main>
</body>
</html>
`;
}

const [outDir, ...files] = process.argv.slice(2);
for (const file of files) {
  const index = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(join(outDir, `reasons-${index.version}.html`), page(index));
}
