// Drops the NHS.UK frontend's rules for classes the widget never uses, so that every page load
// does not carry the whole design system (it halves the gzipped stylesheet).
//   node web/styles/purge.mjs FULL.css OUT.css SOURCE_DIR_OR_FILE...
//
// A class is "used" when its name appears in a source file: class names are written out in
// full in the widget's Rust and the host pages. A name in the sources that ends in "-" (such
// as `iacmh-heat--` in `format!("iacmh-heat--{}", band)`) keeps every class it begins.
// A selector is dropped only when it needs a class that is not used; classes inside :not(),
// :is(), :where() and :has() are ignored (dropping those could make a selector match more).
// tests/browser/stylesheet.test.mjs checks that purging changes no computed style.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLASS_NAME = /(?:nhsuk|iacmh)[A-Za-z0-9_-]*/g;

function sourceFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)));
}

/** The class names, and prefixes of class names, that the sources mention. */
export function usedClasses(sources) {
  const names = new Set();
  const prefixes = [];
  for (const text of sources) {
    for (const [name] of text.matchAll(CLASS_NAME)) {
      if (name.endsWith('-')) prefixes.push(name);
      else names.add(name);
    }
  }
  return (cls) => names.has(cls) || prefixes.some((p) => cls.startsWith(p));
}

/** Index of the brace closing the block opened at `open`, skipping quoted strings. */
function closing(css, open) {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      i = css.indexOf(c, i + 1);
      if (i < 0) break;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error(`unbalanced braces from offset ${open}`);
}

/** Splits a selector list on top-level commas (not those inside parentheses). */
function selectors(list) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth--;
    else if (list[i] === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

function needsOnly(selector, used) {
  // Ignore classes in functional pseudo-classes, innermost first.
  let s = selector;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/:(?:not|is|where|has)\([^()]*\)/g, '');
  }
  return [...s.matchAll(/\.([A-Za-z0-9_-]+)/g)].every(([, cls]) => used(cls));
}

/** The rules of `css` (a block's contents) that the used classes can match. */
export function purge(css, used) {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) {
      out += css.slice(i).trim();
      break;
    }
    const head = css.slice(i, open);
    const close = closing(css, open);
    const body = css.slice(open + 1, close);
    const at = head.trim();
    if (/^@(media|supports|container|layer)\b/.test(at)) {
      const inner = purge(body, used);
      if (inner) out += `${at}{${inner}}`;
    } else if (at.startsWith('@')) {
      out += `${at}{${body}}`;
    } else {
      const kept = selectors(at).filter((s) => needsOnly(s, used));
      if (kept.length) out += `${kept.join(',')}{${body}}`;
    }
    i = close + 1;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [full, output, ...paths] = process.argv.slice(2);
  if (!full || !output || paths.length === 0) {
    console.error('usage: node web/styles/purge.mjs FULL.css OUT.css SOURCE...');
    process.exit(2);
  }
  const sources = paths.flatMap(sourceFiles).map((f) => readFileSync(f, 'utf8'));
  // sass writes a byte-order mark when the stylesheet has non-ASCII text; keep it.
  const css = readFileSync(full, 'utf8');
  const bom = css.startsWith('\uFEFF') ? '\uFEFF' : '';
  writeFileSync(output, bom + purge(css.slice(bom.length), usedClasses(sources)));
}
