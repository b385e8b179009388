// Shortens the names by which a wasm-bindgen module and its JavaScript glue call each other.
//   node web/wasm-names.mjs MAP.json GLUE.js MODULE.wasm
//
// wasm-bindgen names each import after the Rust function and a hash
// (`__wbg_setattribute_2b4e1a7f0c3d9e55`) and exports its closure shims by their mangled Rust
// paths, some 200 characters each; the wasm and the glue carry every name once, and hashes do
// not compress. Binaryen's `wasm-opt --minify-imports-and-exports-and-modules` renames them all
// in the wasm (one module, `a`; names of one to three characters) and prints the old and new
// names (MAP.json): this rewrites the glue to match. On the form, 192,261 -> 188,823 bytes gzip
// of wasm and 6,261 -> 3,975 of glue, -5.7 KB (zlib level 9, as tests/browser/measure.mjs).
//
// The exports the glue wraps for a host page (`mount`, `mountCollation`, ...) keep their names
// in JavaScript: only the glue's own calls into the wasm change. Anything the rewrite does
// not find exactly once where wasm-bindgen puts it stops the build, and the wasm's own list of
// imports and exports is checked against the rewritten glue, so a new wasm-bindgen with a
// different glue fails here rather than in a browser.
import { readFileSync, writeFileSync } from 'node:fs';

const [mapFile, glueFile, wasmFile] = process.argv.slice(2);
if (!mapFile || !glueFile || !wasmFile) {
  console.error('usage: node web/wasm-names.mjs MAP.json GLUE.js MODULE.wasm');
  process.exit(2);
}

function fail(message) {
  console.error(`wasm-names: ${glueFile}: ${message}`);
  process.exit(1);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const map = JSON.parse(readFileSync(mapFile, 'utf8'));
let glue = readFileSync(glueFile, 'utf8');
const module = new WebAssembly.Module(readFileSync(wasmFile));
const imports = WebAssembly.Module.imports(module);
const exports = WebAssembly.Module.exports(module).map((e) => e.name);

/** Replaces the one match of `pattern` in the glue, or stops. */
function once(pattern, replacement, what) {
  const found = glue.match(new RegExp(pattern.source, 'g')) ?? [];
  if (found.length !== 1) fail(`${what}: found ${found.length} times, expected once`);
  glue = glue.replace(pattern, replacement);
}

// The imports. wasm-bindgen gives the wasm one object of functions it writes (`const import0 =
// {...}`) and, for a function of the crate's own JavaScript it can call as it is, that module's
// namespace (`import * as import1 from "./snippets/..."`); binaryen puts every import in one
// module. So the functions of the other modules join the first object under their new names.
const renamed = new Set(imports.map((i) => i.module));
if (renamed.size !== 1) fail(`expected the wasm to import from one module, found ${[...renamed]}`);
const [newModule] = renamed;
const modules = [...new Set(map.imports.map(([m]) => m))];
const objects = new Map(modules.map((m) => {
  const found = [...glue.matchAll(new RegExp(`"${escape(m)}": (\\w+),\\n?`, 'g'))];
  if (found.length !== 1) fail(`the import module "${m}": found ${found.length} times, expected once`);
  return [m, found[0]];
}));
const [main] = modules.filter((m) => new RegExp(`const ${objects.get(m)[1]} = \\{`).test(glue));
if (!main) fail('no object of imports written by wasm-bindgen');
const joined = [];
for (const [module, name, short] of map.imports) {
  if (module === main) {
    // Each import is a property of the object: `name: function(...)`.
    once(new RegExp(`(?<![\\w$])${escape(name)}(?=: ?function\\b)`), JSON.stringify(short), `the import ${name}`);
  } else {
    joined.push(`${JSON.stringify(short)}: ${objects.get(module)[1]}.${name},`);
  }
}
const first = objects.get(main)[1];
once(new RegExp(`const ${first} = \\{`), `const ${first} = {${joined.join('')}`, 'the object of imports');
for (const module of modules) {
  const [line, variable] = objects.get(module);
  glue = glue.replace(line, module === main ? `${JSON.stringify(newModule)}: ${variable},\n` : '');
}

// The exports, which the glue reads from the instance as `wasm.name`.
for (const [name, short] of map.exports) {
  const uses = new RegExp(`\\bwasm\\.${escape(name)}(?![\\w$])`, 'g');
  glue = glue.replace(uses, /^[A-Za-z_$][\w$]*$/.test(short) ? `wasm.${short}` : `wasm[${JSON.stringify(short)}]`);
}

// What is left must agree with the wasm: every import it asks for provided, and no export read
// that it no longer has.
for (const { name } of imports) {
  if (!glue.includes(`${JSON.stringify(name)}:`)) fail(`the wasm imports "${name}", which the glue does not provide`);
}
const read = [...glue.matchAll(/\bwasm(?:\.([\w$]+)|\["([^"]+)"\])/g)].map((m) => m[1] ?? m[2]);
const missing = [...new Set(read)].filter((name) => !exports.includes(name));
if (missing.length > 0) fail(`the glue reads exports the wasm does not have: ${missing.join(', ')}`);
writeFileSync(glueFile, glue);
