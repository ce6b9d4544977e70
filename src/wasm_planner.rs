//! The planner's bindings, for the page's Web Worker (WebAssembly only). Built as its own
//! module so the page itself does not load the planner.

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use crate::plan::{report, Budget, PlanError, Progress, SolveError};
use crate::{read, Ranking};

/// Plans a scenario's text (JSON result). `previous` is `null` or
/// `{"selected": [ids], "value": v}`, the plan shown before this change: the result says
/// what this one displaces and adds relative to it. `max_nodes` bounds the search (0 for
/// the default). `progress`, if given, is called as `progress(nodes, best_value,
/// upper_bound)` now and then; returning `false` cancels (the best plan so far is
/// returned, marked not optimal).
///
/// The result is `{"plan": {...}}` or `{"error": {"kind", "messages"}}` with kind
/// `infeasible`, `no-capacity`, `invalid`, `not-found`, `cannot-read` or `cannot-score`.
#[wasm_bindgen]
pub fn plan_scenario(
    text: &str,
    previous: &str,
    max_nodes: f64,
    progress: Option<js_sys::Function>,
) -> String {
    let error = |kind: &str, messages: Vec<String>| {
        json!({"error": {"kind": kind, "messages": messages}}).to_string()
    };
    let s = match read::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            return error(
                "cannot-read",
                e.to_string().lines().map(str::to_string).collect(),
            )
        }
    };
    let ranking = match Ranking::new(&s) {
        Ok(r) => r,
        Err(e) => {
            return error(
                "cannot-score",
                e.0.list.iter().map(|p| p.to_string()).collect(),
            )
        }
    };
    let scores = &ranking.scores;
    let mut budget = Budget::default();
    if max_nodes >= 1.0 {
        budget.max_nodes = max_nodes as u64;
    }
    let mut call = |p: &Progress| match &progress {
        None => true,
        Some(f) => {
            let best = p.best_value.map_or(JsValue::NULL, JsValue::from_f64);
            let r = f.call3(
                &JsValue::NULL,
                &JsValue::from_f64(p.nodes as f64),
                &best,
                &JsValue::from_f64(p.upper_bound),
            );
            !matches!(r, Ok(v) if v.as_bool() == Some(false))
        }
    };
    match report::report(&s, &ranking.table, scores, &[], &budget, Some(&mut call)) {
        Ok(mut r) => {
            if let Ok(prev) = serde_json::from_str::<Value>(previous) {
                if let (Some(ids), Some(value)) =
                    (prev["selected"].as_array(), prev["value"].as_f64())
                {
                    let before: Vec<String> = ids
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect();
                    r.compare_with(&s, scores, &before, value);
                }
            }
            json!({"plan": r}).to_string()
        }
        Err(PlanError::Solve(SolveError::Infeasible(why))) => error("infeasible", why.messages()),
        Err(e @ PlanError::NoCapacity) => error("no-capacity", vec![e.to_string()]),
        Err(PlanError::Invalid(m) | PlanError::Solve(SolveError::Invalid(m))) => {
            error("invalid", vec![m])
        }
        Err(e @ PlanError::Solve(SolveError::NotFound { .. })) => {
            error("not-found", vec![e.to_string()])
        }
    }
}
