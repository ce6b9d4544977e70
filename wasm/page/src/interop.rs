//! Conversions between the core's values and JavaScript, and the TypeScript types of the
//! structured results, so that `tsc --checkJs` checks the page's code that reads them.

use thresh::json::Value;
use thresh::Problems;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A problem of the scenario at one place: `steps` is `path` as keys and indices. */
export interface Problem { path: string; steps: (string | number)[]; message: string }

/** The lists an item can be put in or removed from, named as paths write them. */
export type ListName = "model.criteria" | "sources" | "accounts" | "buckets" | "capacity" | "requests";

/** A criterion with the contract's defaults applied, described in words. */
export interface CriterionView {
  id: string; label: string; direction: string; weight: number; scale: string;
  min: number | null; max: number | null; transform: string; derive: string | null;
  horizon_days: number; default: number | null; description: string;
}

/** An item of a list as the file holds it (unknown fields included). */
export type FileItem = { [field: string]: any };

/** One request as the file holds it. */
export interface RequestItem extends FileItem { id: string; title: string }

/** The contract's limits: bytes of JSON content and of the whole file, list sizes. */
export interface Limits { content_bytes: number; file_bytes: number; requests: number;
  accounts: number; criteria: number; string_chars: number }

/** Everything about a scenario but its requests, and the words the page offers. */
export interface ModelView {
  name: string; as_of?: string; method: string; use_confidence: boolean;
  criteria: CriterionView[]; criteria_raw: FileItem[];
  buckets?: FileItem[]; sources?: FileItem[]; accounts?: FileItem[];
  capacity?: FileItem | FileItem[];
  methods: string[]; scales: string[]; transforms: string[]; derives: string[];
  directions: string[]; statuses: string[]; pins: string[];
  presets: { id: string; label: string; description: string }[];
  limits: Limits;
  [field: string]: any;
}

/** What applying a preset will do: a line per criterion, and which are added, reused, zeroed. */
export interface PresetPreview {
  preset: string; method: string; lines: string[];
  added: string[]; reused: string[]; zeroed: string[];
}

/** The planning problem as flat arrays (see thresh::plan::flat), with the names messages use. */
export interface PlanInstance {
  values: Float64Array; efforts: Float64Array; amounts: Float64Array;
  bucket_of: Uint32Array; bucket_bounds: Float64Array; pins: Uint8Array;
  capacity_names: string[]; bucket_names: string[];
}
/** A solution from the plan view's worker: the selected items' indices and the figures. */
export interface PlanSolution {
  selected: Uint32Array; value: number; upper_bound: number; optimal: boolean;
  nodes: number; stopped: number;
}
/** The plan as people read it (the same document as `thresh plan --json`). */
export interface PlanReport {
  selected: string[]; value: number; effort: { [criterion: string]: number };
  buckets: { [bucket: string]: number }; displaced: string[]; added: string[];
  value_change: number; value_change_within_gap: boolean; optimal: boolean; upper_bound: number;
  capacity: { criterion: string; label: string; amount: number; used: number }[];
  bucket_use: { id: string; label: string; used: number; min: number; max: number;
                min_share: number; max_share: number }[];
  skipped: { index: number; id: string; reason: string }[];
  notes: string[];
}

/** A request's light fields for the ranking and its filters. */
export interface RequestSummary {
  id: string; title: string; bucket: string | null; tags: string[];
  plan: string | null; status: string;
}

/** One criterion's part in a request's score. */
export interface CriterionPart {
  id: string; label: string; raw: number; origin: "given" | "derived" | "missing";
  t: number; utility: number | null; contribution: number | null;
  derivation: string; scaling: string;
}

/** A request's score explained criterion by criterion. */
export interface Explanation {
  id: string; title: string; rank: number | null; score: number | null; value: number | null;
  confidence: number; formula: string; parts: CriterionPart[]; flags: string[];
}

/** Value against effort, with the median lines. */
export interface Chart {
  x: (number | null)[]; y: (number | null)[]; x_label: string; y_label: string;
  x_median: number; y_median: number;
}

/** An account and what it asks for: its best-ranked asks (all, or the top few), and how many in all. */
export interface AccountView {
  index: number; id: string; name: string; arr: number; segment: string | null;
  strategic: boolean; single_account: number; asks_total: number;
  asks: { request: number; id: string; title: string; source: string | null;
          rank: number | null; score: number | null; single_account: boolean;
          status: string; pin: string | null }[];
}

/** The chart's points for a sample of the requests (all when few), and the axes over all of them. */
export interface ChartSample {
  x_label: string; y_label: string; x_median: number; y_median: number; total: number;
  x_min: number; x_max: number; y_min: number; y_max: number;
  index: Uint32Array; x: Float64Array; y: Float64Array;
}

/** What the scores leave out: criteria sitting out (indices), requests that cannot be scored. */
export interface ScoreNotes {
  sitting_out: number[];
  unscorable: { request: number; criterion: number | null; reason: string }[];
  unscorable_total: number;
}
"#;

/// A value as a JavaScript value (through the browser's own JSON parser, which is faster
/// than building it field by field across the boundary).
pub fn to_js(v: &Value) -> JsValue {
    parse_js(&v.to_compact())
}

/// JSON text (written by the core, so well-formed) as a JavaScript value.
pub fn parse_js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

/// An `Error` with a message.
pub fn message_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// An `Error` whose message lists the problems, one per line, and whose `problems`
/// property holds them as `Problem` values.
pub fn problems_error(p: &Problems) -> JsValue {
    let e = js_sys::Error::new(&p.to_string());
    let _ = js_sys::Reflect::set(
        &e,
        &JsValue::from_str("problems"),
        &to_js(&thresh::view::problems(p)),
    );
    e.into()
}
