// Types of @iacmh/review, written by hand: the WebAssembly's own bindings pass every structured
// value as `any` (serde-wasm-bindgen). The shapes follow the Rust types in crates/review; the
// JSON Schema of a return is `schema()`.

/** A rating of one question. */
export type Rating = 'no_needs_action' | 'no_action_in_hand' | 'yes_needs_improvement' | 'yes_working_well' | 'not_applicable';
/** How central a question is. */
export type Category = 'essential' | 'enhancer' | 'desirable';
/** The maturity stage of a domain or of a whole return. */
export type Stage = 'not_started' | 'essentials_not_met' | 'in_progress' | 'essentials_met' | 'enhanced' | 'embedded';

/** A return, as a file holds it (format version 2); see `schema()` for every field. */
export interface Return {
  format: 'iacmh-return';
  format_version: number;
  index_version: string;
  status: 'draft' | 'final';
  round?: string;
  scope: { level: 'icb' | 'provider' | 'team'; icb: string; region: string; organisation: string; team: string };
  maturity: {
    answers: Record<string, { rating: Rating; comment?: string }>;
    findings: Array<{ domain: number; question?: string; finding: string; action: string; owner: string; due: string | null; completed: boolean; comments: string }>;
    date_completed: string | null;
    review_date: string | null;
    sign_off: Record<string, unknown>;
  };
  outcome: Record<string, unknown>;
  completed_sections: string[];
  meta: { created: string | null; updated: string | null; generator: string };
}

/** A return given to a function: the text of a file, or an object as `parse` returns. */
export type ReturnInput = string | Return;

/** One problem found in a return. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Such as `required` or `invalid_email`; for a text that is not a return, the parser's code (`not_json`, `wrong_format`, ...). */
  code: string;
  /** JSON Pointer (RFC 6901) to the field concerned; empty for the whole file. */
  path: string;
  message: string;
  /** The same facts for a program: questions, field, provision, row, limit, found; line and column for an unreadable file. */
  params?: Record<string, unknown>;
}

/** What is thrown when a return (or a FHIR response) cannot be read. */
export interface IacmhError extends Error {
  /** `too_large`, `empty`, `not_json`, `wrong_format`, `newer_version`, `invalid`, ...; for FHIR also `not_response`, `wrong_questionnaire`, `unknown_item`, `wrong_type`, `repeated`, `bad_value`, `missing`. */
  code: string;
  /** The problem in plain words, for a person choosing a file (returns only). */
  summary?: string;
  /** JSON Pointer of the offending field (returns). */
  pointer?: string;
  /** FHIRPath-like location, such as `QuestionnaireResponse.item[3].answer[0]` (FHIR responses). */
  path?: string;
  line?: number;
  column?: number;
  params?: { link_id?: string; expected?: string; found?: string };
}

export interface Progress { done: number; total: number }
export interface Completeness {
  maturity: Progress;
  domains: Array<Progress & { domain: number }>;
  template: Progress;
  sections: Array<Progress & { section: string }>;
  findings: Progress;
  sign_off: Progress;
  marked: string[];
  level: 'icb' | 'provider' | 'team';
}

export interface Score { total: number; answered: number; rated: number; score: number | null; stage: Stage }
export interface PriorityArea { id: string; rating: Rating }
export interface Scorecard {
  index_version: string;
  overall: Score;
  domains: Array<Score & { domain: number; title: string; priority_areas: Record<Category, PriorityArea[]> }>;
}

export interface Question {
  id: string;
  /** The question's own text, which may complete a heading. */
  text: string;
  /** The whole question, with the heading it completes. */
  full_text: string;
  heading: string | null;
  subheading: string | null;
  category: Category;
  /** One line citing the national guidance for the category. */
  rationale: string;
}
export interface Index {
  version: string;
  title: string;
  source: string;
  categories: Array<{ id: Category; label: string; description: string; method: string }>;
  domains: Array<{ number: number; title: string; questions: Question[] }>;
  provision: Array<{ key: string; question: string; assuring_answer: boolean; evidence: string[] }>;
}

/** Many returns collated; see crates/review/src/collate.rs for every field. */
export interface Collation {
  returns: Array<Record<string, unknown>>;
  unreadable: Array<{ file: string; code: string; message: string }>;
  duplicates: Array<Record<string, unknown>>;
  provision: Array<Record<string, unknown>>;
  barriers: Array<Record<string, unknown>>;
  flags: Array<Record<string, unknown>>;
  questions: Array<Record<string, unknown>>;
  rounds: string[];
  earlier_rounds: Array<Record<string, unknown>>;
  progress: Array<Record<string, unknown>>;
}

/** A FHIR R4 resource as JSON. */
export interface FhirResource { resourceType: string; [element: string]: unknown }

/** Reads a return from the text of a file; throws an `IacmhError`. */
export function parse(text: string): Return;
/** Every error and warning; never throws for a text that is not a return (that is one error). */
export function validate(ret: ReturnInput): Diagnostic[];
export function completeness(ret: ReturnInput): Completeness;
/** `null` when the return's index edition is unknown. */
export function score(ret: ReturnInput): Scorecard | null;
/** The maturity index: the current edition, or the one named. */
export function index(version?: string | null): Index;
/** The JSON Schema (draft 2020-12) of the return format. */
export function schema(): Record<string, unknown>;
/** Collates returns given as texts, or as `{name, text}`; unreadable ones are listed, not thrown. */
export function collate(files: Array<string | { name: string; text: string }>): Collation;
/** The index and the national template as one FHIR R4 Questionnaire. */
export function fhirQuestionnaire(version?: string | null): FhirResource;
/** iacmh's code systems as a FHIR R4 Bundle. */
export function fhirCodeSystems(): FhirResource;
/** A return as a FHIR R4 QuestionnaireResponse. */
export function fhirResponse(ret: ReturnInput): FhirResource;
/** A QuestionnaireResponse (JSON text or object) as a return; throws an `IacmhError` with `path`. */
export function fhirImport(response: string | FhirResource): Return;
/** A return as the JSON text the form exports. */
export function toJson(ret: ReturnInput): string;
