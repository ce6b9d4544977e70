#![cfg(target_arch = "wasm32")]
//! CSV files and pasted tables into a scenario (`sharing-v1.md` §4), for the page's
//! mapping step, in a Web Worker (`www/sheet-worker.js`): reading 10,000 rows takes longer
//! than a frame. A module of its own, loaded only when the PM imports rows, so that
//! neither the page's module (loaded before the first paint) nor the planner's (loaded by
//! the plan view) carries the CSV reader; built for size like the page's.
//!
//! The page decodes the bytes itself (`TextDecoder`), sends the text with the mapping
//! step's choices, shows the plan of what will happen, and installs the scenario text
//! this returns with one call (`Workbench.replace_with`, or opening it as a new
//! scenario).

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use thresh::date::Date;
use thresh::json::Value;
use thresh::model::Scenario;
use thresh::object;
use thresh::sheet::cells::{DateOrder, DecimalSeparator};
use thresh::sheet::csv::Delimiter;
use thresh::sheet::import::{
    import_text_with_progress, target_names, Destination, ImportOptions, ImportProgress,
};
use thresh::sheet::{SheetProblem, SheetProblems};
use thresh::workbench::Workbench;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The mapping step's choices; null or absent: guessed. `maps` are `HEADER=TARGET`. */
export interface SheetOptions {
  delimiter?: string | null; decimal?: string | null; date_order?: string | null;
  maps?: string[];
}
/** One problem or warning of a CSV at its place (line 0: the whole file; column 0: the whole line). */
export interface SheetProblem { line: number; column: number; header: string | null; message: string; text: string }
/** What an import will do (thresh::sheet::import::ImportPlan::to_value), and the scenario it makes. */
export interface SheetImportResult {
  plan: {
    encoding: string | null; delimiter: string | null; delimiter_guessed: boolean; header_line: number;
    columns: { column: number; header: string; target: string | null; mapped: boolean }[];
    decimal: { separator: string; decided_by: string; cell: { line: number; column: number; text: string } | null; why: string } | null;
    rows: number; preview: string[][]; added: string[]; updated: string[]; asks_added: number;
    accounts_created: { id: string; name: string }[]; accounts_updated: string[];
    buckets_created: { id: string; name: string }[]; sources_created: { id: string; name: string }[];
    ignored: string[]; summary: string; warnings: string[]; problems: string[];
    more_warnings: number; more_problems: number;
  };
  problems: SheetProblem[]; warnings: SheetProblem[];
  /** The new or updated scenario's file text; null when there is any problem. */
  scenario: string | null;
  /** Requests in the scenario made (0 without one). */
  requests: number;
}
/** The targets a column may take in this scenario, and its criteria's labels. */
export interface SheetTargets { names: string[]; criteria: { id: string; label: string; derives: boolean }[] }
"#;

/// Where an import's rows go, kept between the runs of one mapping step (each choice the
/// PM changes runs the import again).
#[wasm_bindgen]
pub struct SheetImport(Place);

enum Place {
    New { name: String, today: Date },
    Existing(Box<Scenario>),
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// `{line, column, header, message, text}`: the problem at its place, and as the
/// command line writes it.
fn problems(list: &SheetProblems) -> Value {
    list.list
        .iter()
        .map(|p: &SheetProblem| {
            object! {
                "line": p.line, "column": p.column, "header": p.header.as_deref(),
                "message": &p.message, "text": p.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .into()
}

fn to_js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_compact()).unwrap_or(JsValue::NULL)
}

#[wasm_bindgen]
impl SheetImport {
    /// Rows into a new scenario with the default model, named `name`, dated `today`
    /// (YYYY-MM-DD).
    pub fn new_scenario(name: &str, today: &str) -> Result<SheetImport, JsValue> {
        let today = Date::parse(today)
            .ok_or_else(|| error(&format!("not a date (YYYY-MM-DD): {today}")))?;
        Ok(SheetImport(Place::New {
            name: name.to_string(),
            today,
        }))
    }

    /// Rows added to (or updating) the scenario whose file text this is.
    pub fn into_scenario(text: &str) -> Result<SheetImport, JsValue> {
        let s = thresh::read::from_str(text).map_err(|e| error(&e.to_string()))?;
        Ok(SheetImport(Place::Existing(Box::new(s))))
    }

    /// Every target a column may take (the mapping step's choices), and the criteria
    /// whose ids `values.<id>` names.
    #[wasm_bindgen(unchecked_return_type = "SheetTargets")]
    pub fn targets(&self) -> JsValue {
        let empty;
        let s = match &self.0 {
            Place::Existing(s) => s,
            Place::New { name, today } => {
                empty = Workbench::empty(name, *today);
                empty.scenario()
            }
        };
        let criteria: Vec<Value> = s
            .model
            .criteria
            .iter()
            .map(|c| object! {"id": &c.id, "label": &c.label, "derives": c.derive.is_some()})
            .collect();
        to_js(&object! {"names": Value::strings(target_names(s)), "criteria": criteria})
    }

    /// Imports decoded `text` with the mapping step's choices. `progress` (optional) is
    /// called as the import goes: `("cells", 0, 0)` once the cells are split, `("rows",
    /// done, total)` every 2,000 rows, `("check", 0, 0)` while the scenario is written and
    /// read back.
    #[wasm_bindgen(unchecked_return_type = "SheetImportResult")]
    pub fn run(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "SheetOptions")] options: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "(stage: string, done: number, total: number) => void"
        )]
        progress: Option<js_sys::Function>,
    ) -> Result<JsValue, JsValue> {
        let text_of = |key: &str| get(&options, key).as_string().filter(|t| !t.is_empty());
        let mut o = ImportOptions::default();
        if let Some(d) = text_of("delimiter") {
            o.delimiter = Some(
                Delimiter::parse(&d).ok_or_else(|| error(&format!("{d:?} is not a delimiter")))?,
            );
        }
        if let Some(d) = text_of("decimal") {
            o.decimal = Some(
                DecimalSeparator::parse(&d)
                    .ok_or_else(|| error(&format!("{d:?} is not a decimal separator")))?,
            );
        }
        if let Some(d) = text_of("date_order") {
            o.date_order = Some(
                DateOrder::parse(&d).ok_or_else(|| error(&format!("{d:?} is not a date order")))?,
            );
        }
        let maps = get(&options, "maps");
        if !maps.is_undefined() && !maps.is_null() {
            o.maps = js_sys::Array::from(&maps)
                .iter()
                .filter_map(|m| m.as_string())
                .collect();
        }
        let destination = match &self.0 {
            Place::Existing(s) => Destination::Existing(s),
            Place::New { name, today } => Destination::New {
                name,
                today: *today,
            },
        };
        let mut report = |p: ImportProgress| {
            let Some(f) = &progress else { return };
            let (stage, done, total) = match p {
                ImportProgress::Cells => ("cells", 0, 0),
                ImportProgress::Rows { done, total } => ("rows", done, total),
                ImportProgress::Check => ("check", 0, 0),
            };
            // A progress bar that fails to move is no reason to stop the import.
            let _ = f.call3(
                &JsValue::NULL,
                &stage.into(),
                &(done as f64).into(),
                &(total as f64).into(),
            );
        };
        let import = import_text_with_progress(text, &o, destination, &mut report);
        let scenario = import.scenario.as_ref().map(thresh::write::to_string);
        let plan = &import.plan;
        Ok(to_js(&object! {
            "plan": plan.to_value(),
            "problems": problems(&plan.problems),
            "warnings": problems(&plan.warnings),
            "requests": import.scenario.as_ref().map_or(0, |s| s.requests.len()),
            "scenario": scenario,
        }))
    }
}
