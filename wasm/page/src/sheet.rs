//! Spreadsheets and the meeting's report (`sharing-v1.md` §4, §5, §7), for the page:
//! - an import read by the import's worker (`wasm/sheets`, which hosts the CSV reader so
//!   this module does not carry it) installed as one undoable step;
//! - "Export as CSV" of the ranking, the plan and the accounts, written by the core's
//!   `sheet::export` from this workbench's own table and scores (the weights on the
//!   sliders), in the style the page chose (`,` and `.`, or `;` and a decimal comma);
//! - what the printed report needs beyond the views: why each request the plan leaves
//!   out is left out.
//!
//! The plan's bindings take the solution the worker sent back for `plan_instance()`, as
//! `plan_report` does; the scenario must not have changed since.

use wasm_bindgen::prelude::*;

use crate::interop::{message_error, problems_error, to_js};
use crate::WasmWorkbench;
use thresh::object;
use thresh::plan::report::PlanReport;
use thresh::plan::{FlatSolution, Plan};
use thresh::sheet::csv::{CsvStyle, Delimiter};
use thresh::sheet::export::{accounts_csv, ranking_csv};
use thresh::workbench::problems_of;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Requests the plan leaves out, in rank order (the first `limit`), and why. */
export interface LeftOut {
  count: number;
  requests: { index: number; id: string; title: string; rank: number; why: string }[];
}
"#;

/// The CSV style the page asked for: `delimiter` one of `,` `;` tab `|`.
fn style(delimiter: &str, decimal_comma: bool) -> Result<CsvStyle, JsValue> {
    let delimiter = Delimiter::parse(delimiter)
        .ok_or_else(|| message_error(&format!("{delimiter:?} is not a CSV delimiter")))?;
    Ok(CsvStyle {
        delimiter,
        decimal_comma,
    })
}

fn get(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen(js_class = Workbench)]
impl WasmWorkbench {
    /// Replaces the open scenario by a scenario file's text — an import into it, made by
    /// the worker from this scenario's export — as one undoable step. Refused (nothing
    /// changes) when the text does not read or the result is not valid.
    pub fn replace_with(&mut self, text: &str) -> Result<(), JsValue> {
        let next = thresh::read::from_str(text).map_err(|e| problems_error(&problems_of(e)))?;
        self.0.replace(next).map_err(|p| problems_error(&p))
    }

    /// The ranking as CSV (§5), as ranked now (the weights on the sliders).
    pub fn ranking_csv(&self, delimiter: &str, decimal_comma: bool) -> Result<String, JsValue> {
        let scores = self.0.scores().map_err(|e| message_error(&e.to_string()))?;
        Ok(ranking_csv(
            self.0.scenario(),
            self.0.table(),
            scores,
            style(delimiter, decimal_comma)?,
        ))
    }

    /// The plan as CSV (§5), from the worker's solution of `plan_instance()`.
    pub fn plan_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PlanSolution")] solution: JsValue,
        delimiter: &str,
        decimal_comma: bool,
    ) -> Result<String, JsValue> {
        let style = style(delimiter, decimal_comma)?;
        let report = self.report_of(&solution, usize::MAX)?;
        let scores = self.0.scores().map_err(|e| message_error(&e.to_string()))?;
        Ok(report.to_csv(self.0.scenario(), self.0.table(), scores, &[], style))
    }

    /// The accounts view as CSV (§5); `solution` (or `null`) fills its "in plan" column.
    pub fn accounts_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PlanSolution | null")] solution: JsValue,
        delimiter: &str,
        decimal_comma: bool,
    ) -> Result<String, JsValue> {
        let style = style(delimiter, decimal_comma)?;
        let report = if solution.is_null() || solution.is_undefined() {
            None
        } else {
            Some(self.report_of(&solution, 0)?)
        };
        Ok(accounts_csv(
            self.0.scenario(),
            self.0.table(),
            self.0.scores().ok(),
            report.as_ref(),
            style,
        ))
    }

    /// The requests a plan leaves out, in rank order (the first `limit`), each with the
    /// reason `plan --csv` gives it.
    #[wasm_bindgen(unchecked_return_type = "LeftOut")]
    pub fn plan_left_out(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PlanSolution")] solution: JsValue,
        limit: usize,
    ) -> Result<JsValue, JsValue> {
        let report = self.report_of(&solution, limit)?;
        let scores = self.0.scores().map_err(|e| message_error(&e.to_string()))?;
        let (s, table) = (self.0.scenario(), self.0.table());
        let selected: std::collections::HashSet<usize> =
            report.selected_indices.iter().copied().collect();
        let mut count = 0;
        let mut requests = Vec::new();
        for &i in &scores.order {
            let i = i as usize;
            if selected.contains(&i) {
                continue;
            }
            count += 1;
            if requests.len() < limit {
                let r = &s.requests[i];
                requests.push(object! {
                    "index": i, "id": &r.id, "title": &r.title, "rank": scores.rank[i],
                    "why": report.why_left_out(s, table, scores, &[], i),
                });
            }
        }
        Ok(to_js(&object! {"count": count, "requests": requests}))
    }
}

impl WasmWorkbench {
    /// The report of the worker's solution of `plan_instance()` (`plan_report` adds what
    /// it displaces and adds), saying why for the first `limit` requests left out (the
    /// others' reasons are worked out when asked, by `why_left_out`).
    pub(crate) fn report_of(
        &self,
        solution: &JsValue,
        limit: usize,
    ) -> Result<PlanReport, JsValue> {
        let problem = self.problem()?;
        let flat = FlatSolution {
            selected: js_sys::Uint32Array::from(get(solution, "selected")).to_vec(),
            value: get(solution, "value").as_f64().unwrap_or(0.0),
            upper_bound: get(solution, "upper_bound")
                .as_f64()
                .unwrap_or(f64::INFINITY),
            optimal: get(solution, "optimal").as_bool().unwrap_or(false),
            nodes: get(solution, "nodes").as_f64().unwrap_or(0.0) as u64,
            stopped: get(solution, "stopped").as_f64().unwrap_or(0.0) as u8,
        };
        let solution = flat
            .to_solution(problem.len())
            .map_err(|m| message_error(&m))?;
        let scores = self.0.scores().map_err(|e| message_error(&e.to_string()))?;
        let plan = Plan::new(&problem, scores, &solution);
        Ok(PlanReport::with_skipped_limit(
            self.0.scenario(),
            self.0.table(),
            scores,
            &plan,
            &[],
            limit,
        ))
    }
}
