// @iacmh/review in browsers (and bundlers): the WebAssembly is fetched from beside this file
// (same origin, no other request) and compiled before the module finishes loading, with a
// top-level await.
import init from './iacmh_review.js';

await init({ module_or_path: new URL('./iacmh_review_bg.wasm', import.meta.url) });

export {
  parse, validate, completeness, score, index, schema, collate,
  fhirQuestionnaire, fhirCodeSystems, fhirResponse, fhirImport, toJson,
} from './iacmh_review.js';
