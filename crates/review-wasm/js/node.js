// @iacmh/review in Node: the WebAssembly is read from beside this file and compiled as the
// module loads (synchronously, so importing it needs no top-level await).
import { readFileSync } from 'node:fs';
import { initSync } from './iacmh_review.js';

initSync({ module: readFileSync(new URL('./iacmh_review_bg.wasm', import.meta.url)) });

export {
  parse, validate, completeness, score, index, schema, collate,
  fhirQuestionnaire, fhirCodeSystems, fhirResponse, fhirImport, toJson,
} from './iacmh_review.js';
