// @iacmh/review as a user gets it: `npm pack` of the built package (crates/review-wasm/pkg,
// made by `./dev build`), installed from the tarball into an empty project, and imported there
// by name, so that package.json's `exports`, `files` and the Node entry point are what is tested.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PKG = join(ROOT, 'crates', 'review-wasm', 'pkg');
const FIXTURES = join(ROOT, 'crates', 'review', 'tests', 'fixtures');
let dir;
let packed;
let results;

// What a user's program does with the package; it prints what it found as JSON.
const USER_PROGRAM = `
import { readFileSync } from 'node:fs';
import * as iacmh from '@iacmh/review';
const fixtures = process.argv[2];
const bnssg = readFileSync(fixtures + '/bnssg-2024-09.json', 'utf8');
const example = readFileSync(fixtures + '/example-complete.json', 'utf8');
const thrown = (f) => { try { f(); return null; } catch (e) { return { isError: e instanceof Error, code: e.code, message: e.message, pointer: e.pointer, path: e.path, line: e.line, column: e.column, params: e.params }; } };
const ret = iacmh.parse(bnssg);
const q = iacmh.fhirQuestionnaire();
const qr = iacmh.fhirResponse(example);
const broken = structuredClone(qr);
broken.item[0].item[0].answer[0] = { valueString: 'icb' };
console.log(JSON.stringify({
  exports: Object.keys(iacmh).sort(),
  parsed: { level: ret.scope.level, version: ret.format_version, findings: ret.maturity.findings.length },
  diagnostics: iacmh.validate(ret),
  diagnosticsOfText: iacmh.validate(bnssg),
  notJson: iacmh.validate('{"format": '),
  parseError: thrown(() => iacmh.parse('{"format": "iacmh-return", "format_version": 9}')),
  badObject: thrown(() => iacmh.score({ format: 'iacmh-return' })),
  completeness: iacmh.completeness(example),
  score: iacmh.score(iacmh.parse(example)),
  index: iacmh.index(),
  unknownEdition: thrown(() => iacmh.index('no-such-edition')),
  schemaTitle: iacmh.schema().title,
  collation: iacmh.collate([bnssg, { name: 'example.json', text: example }, { name: 'notes.txt', text: 'not a return' }]),
  questionnaire: { url: q.url, version: q.version, choices: q.item.filter((g) => g.linkId.startsWith('domain-')).flatMap((g) => g.item).filter((i) => i.type === 'choice').length },
  codeSystems: iacmh.fhirCodeSystems().entry.length,
  responseStatus: qr.status,
  roundTrip: iacmh.toJson(iacmh.fhirImport(qr)) === example.replace(/\\n$/, ''),
  roundTripText: iacmh.toJson(iacmh.fhirImport(JSON.stringify(qr))) === iacmh.toJson(example),
  importError: thrown(() => iacmh.fhirImport(broken)),
}));
`;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'iacmh-npm-'));
  // npm pack writes the tarball and says what went in it.
  const out = execFileSync('npm', ['pack', PKG, '--json', '--pack-destination', dir], { encoding: 'utf8' });
  packed = JSON.parse(out)[0];
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, packed.filename)], { cwd: dir });
  writeFileSync(join(dir, 'program.mjs'), USER_PROGRAM);
  results = JSON.parse(execFileSync(process.execPath, ['program.mjs', FIXTURES], { cwd: dir, encoding: 'utf8' }));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('npm pack holds the module, its WebAssembly, types and README, and nothing else', () => {
  assert.equal(packed.name, '@iacmh/review');
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, ['README.md', 'browser.js', 'iacmh_review.js', 'iacmh_review_bg.wasm', 'index.d.ts', 'node.js', 'package.json']);
  const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', '@iacmh', 'review', 'package.json'), 'utf8'));
  assert.equal(manifest.exports['.'].types, './index.d.ts');
  assert.equal(manifest.type, 'module');
  // Every export is declared in the types.
  const types = readFileSync(join(dir, 'node_modules', '@iacmh', 'review', 'index.d.ts'), 'utf8');
  for (const name of results.exports) assert.match(types, new RegExp(`export function ${name}\\(`), name);
});

test('a return is parsed, validated with located diagnostics, scored and measured', () => {
  assert.deepEqual(results.exports, ['collate', 'completeness', 'fhirCodeSystems', 'fhirImport', 'fhirQuestionnaire', 'fhirResponse', 'index', 'parse', 'schema', 'score', 'toJson', 'validate']);
  // The BNSSG fixture: a version 1 file, read as version 2; the fixture's README lists its
  // two `required` errors (the operational lead and their email) and the DNA warning.
  assert.deepEqual(results.parsed, { level: 'icb', version: 2, findings: results.parsed.findings });
  const errors = results.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => [d.code, d.path]).sort(), [
    ['required', '/outcome/review/operational_lead'], ['required', '/outcome/review/operational_lead_email']]);
  assert.ok(errors.every((d) => d.message.length > 10));
  const dna = results.diagnostics.find((d) => d.code === 'dna_used_for_discharge');
  assert.equal(dna.severity, 'warning');
  assert.deepEqual(results.diagnosticsOfText, results.diagnostics, 'text and object give the same diagnostics');
  assert.deepEqual(results.notJson.map((d) => [d.code, d.params.line, d.params.column]), [['not_json', 1, 12]]);
  assert.equal(results.parseError.isError, true);
  assert.equal(results.parseError.code, 'newer_version');
  assert.equal(results.parseError.pointer, '/format_version');
  assert.equal(results.badObject.code, 'invalid');
  assert.equal(results.completeness.maturity.total, 161);
  assert.equal(results.completeness.maturity.done, 161);
  assert.equal(results.score.overall.total, 161);
  assert.equal(typeof results.score.overall.score, 'number');
  assert.equal(results.score.domains.length, 14);
});

test('the index has every question whole, with its category and rationale', () => {
  const questions = results.index.domains.flatMap((d) => d.questions);
  assert.equal(questions.length, 161);
  const q201 = questions.find((q) => q.id === '2.01');
  assert.equal(q201.full_text, 'Do our policies describe the pathways for: CRHT.');
  assert.ok(questions.every((q) => ['essential', 'enhancer', 'desirable'].includes(q.category) && q.rationale));
  assert.equal(results.unknownEdition.code, 'unknown_index_version');
  assert.match(results.schemaTitle, /iacmh return/);
});

test('collation takes texts and named texts, and lists what it cannot read', () => {
  assert.equal(results.collation.returns.length + results.collation.duplicates.length, 2);
  assert.deepEqual(results.collation.unreadable.map((u) => [u.file, u.code]), [['notes.txt', 'not_json']]);
});

test('FHIR: the Questionnaire, a response, and the way back', () => {
  assert.equal(results.questionnaire.choices, 161);
  assert.equal(results.questionnaire.version, results.index.version);
  assert.equal(results.codeSystems, 5);
  assert.equal(results.responseStatus, 'in-progress');
  assert.equal(results.roundTrip, true);
  assert.equal(results.roundTripText, true);
  assert.equal(results.importError.code, 'wrong_type');
  assert.equal(results.importError.path, 'QuestionnaireResponse.item[0].item[0].answer[0].valueCoding');
  assert.equal(results.importError.params.link_id, 'scope.level');
});
