// Drops the NHS.UK frontend's rules for classes, elements and attributes the widget never uses,
// so that every page load does not carry the whole design system (it more than halves the
// gzipped stylesheet), with PurgeCSS.
//   node web/styles/purge.mjs FULL.css OUT.css SOURCE_DIR_OR_FILE...
//
// PurgeCSS parses the stylesheet (postcss) and keeps a selector when every class, id, element
// and attribute in it appears as a word in the sources: class names are written out in full in
// the widget's Rust and the host pages. Classes built at run time appear in the sources as a
// prefix ending in "-" (such as `iacmh-heat--` in `format!("iacmh-heat--{}", band)`): every class
// or id beginning with such a prefix is safelisted. PurgeCSS ignores what is inside :not() and
// :has() (dropping it could make a selector match more) and drops the unused alternatives
// inside :is() and :where(). It uses postcss, which also tidies away the at-rules left empty.
// tests/browser/stylesheet.test.mjs checks that purging changes no computed style.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postcss from 'postcss';
import { PurgeCSS } from 'purgecss';

/** A prefix of the project's or NHS.UK's class names, as `format!` and friends leave it. */
const PREFIX = /(?:nhsuk|iacmh)[A-Za-z0-9_-]*-(?![A-Za-z0-9_-])/g;

function sourceFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)));
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The stylesheet `css` with only the rules the `sources` (file paths) can use. */
export async function purge(css, sources) {
  const content = sources.map((file) => ({ raw: readFileSync(file, 'utf8'), extension: extname(file).slice(1) }));
  const prefixes = new Set(content.flatMap(({ raw }) => [...raw.matchAll(PREFIX)].map(([p]) => p)));
  const [result] = await new PurgeCSS().purge({
    css: [{ raw: css }],
    content,
    // Every word in the sources counts as a class, id, element or attribute (PurgeCSS's default).
    defaultExtractor: (text) => text.match(/[A-Za-z0-9_-]+/g) || [],
    safelist: {
      // :host is the widget's shadow root, which the sources never name.
      standard: [':host', ...[...prefixes].map((p) => new RegExp(`^${escape(p)}`))],
    },
  });
  // PurgeCSS drops a @media or @supports left empty, but not one that held only such a block.
  const root = postcss.parse(result.css);
  for (let emptied = true; emptied; ) {
    emptied = false;
    root.walkAtRules((at) => {
      if (at.nodes && at.nodes.length === 0) {
        at.remove();
        emptied = true;
      }
    });
  }
  return root.toString();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [full, output, ...paths] = process.argv.slice(2);
  if (!full || !output || paths.length === 0) {
    console.error('usage: node web/styles/purge.mjs FULL.css OUT.css SOURCE...');
    process.exit(2);
  }
  // sass writes a byte-order mark when the stylesheet has non-ASCII text; keep it.
  const css = readFileSync(full, 'utf8');
  const bom = css.startsWith('\uFEFF') ? '\uFEFF' : '';
  writeFileSync(output, bom + (await purge(css.slice(bom.length), paths.flatMap(sourceFiles))));
}
