#![cfg(target_arch = "wasm32")]
//! The bindings of the plan view's Web Worker (www/plan-worker.js): they solve the numeric
//! planning problem the page hands over as typed arrays (`thresh::plan::flat`) — no
//! scenario text, no reading or scoring for that — and give the solution back as numbers;
//! the page builds the report from it. Built as its own module (fast, not small), loaded
//! only when the plan view or the report needs a plan; the analyses have theirs
//! (wasm/analysis).

use js_sys::{Float64Array, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use thresh::plan::FlatProblem;
use thresh::plan::{solve as solve_problem, Budget, Progress, SolveError};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The planning problem as flat arrays (see thresh::plan::flat), with the names messages use. */
export interface PlanInstance {
  values: Float64Array; efforts: Float64Array; amounts: Float64Array;
  bucket_of: Uint32Array; bucket_bounds: Float64Array; pins: Uint8Array;
  capacity_names: string[]; bucket_names: string[];
}
/** A solution: the selected items' indices (ascending) and the search's figures. */
export interface PlanSolution {
  selected: Uint32Array; value: number; upper_bound: number; optimal: boolean;
  nodes: number; stopped: number;
}
"#;

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn strings(v: JsValue) -> Vec<String> {
    js_sys::Array::from(&v)
        .iter()
        .filter_map(|s| s.as_string())
        .collect()
}

/// An `Error` whose `kind` says what failed (`infeasible`, `invalid`, `not-found`) and
/// whose message has one line per reason.
fn failure(kind: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    let _ = Reflect::set(&e, &"kind".into(), &kind.into());
    e.into()
}

/// Solves a planning instance. `max_nodes` bounds the search (0 for the default).
/// `progress`, if given, is called as `progress(nodes, best_value, upper_bound)` now and
/// then; returning `false` cancels (the best plan so far is returned, not optimal).
#[wasm_bindgen(unchecked_return_type = "PlanSolution")]
pub fn solve(
    #[wasm_bindgen(unchecked_param_type = "PlanInstance")] instance: JsValue,
    max_nodes: f64,
    progress: Option<js_sys::Function>,
) -> Result<JsValue, JsValue> {
    let flat = FlatProblem {
        values: Float64Array::from(get(&instance, "values")).to_vec(),
        efforts: Float64Array::from(get(&instance, "efforts")).to_vec(),
        amounts: Float64Array::from(get(&instance, "amounts")).to_vec(),
        bucket_of: Uint32Array::from(get(&instance, "bucket_of")).to_vec(),
        bucket_bounds: Float64Array::from(get(&instance, "bucket_bounds")).to_vec(),
        pins: Uint8Array::from(get(&instance, "pins")).to_vec(),
    };
    let mut problem = flat.to_problem().map_err(|m| failure("invalid", &m))?;
    problem.capacity_names = strings(get(&instance, "capacity_names"));
    problem.bucket_names = strings(get(&instance, "bucket_names"));
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
    let solution = solve_problem(&problem, &budget, Some(&mut call)).map_err(|e| match e {
        SolveError::Infeasible(why) => failure("infeasible", &why.messages().join("\n")),
        SolveError::NotFound { .. } => failure("not-found", &e.to_string()),
        SolveError::Invalid(m) => failure("invalid", &m),
    })?;
    let flat = solution.to_flat();
    let out = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&out, &k.into(), &v);
    };
    set(
        "selected",
        Uint32Array::from(flat.selected.as_slice()).into(),
    );
    set("value", flat.value.into());
    set("upper_bound", flat.upper_bound.into());
    set("optimal", flat.optimal.into());
    set("nodes", (flat.nodes as f64).into());
    set("stopped", (flat.stopped as f64).into());
    Ok(out.into())
}
