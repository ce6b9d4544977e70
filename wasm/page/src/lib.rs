#![cfg(target_arch = "wasm32")]
//! The page's bindings: a thin layer over the core's [`Workbench`]. (The page keeps its
//! scenarios in IndexedDB itself, www/lib/storage.js; what it stores is `export()`.)
//!
//! Rust owns the state; JavaScript renders it and forwards events. Bulk results (scores,
//! order, ranks, movement, flags, values, contributions) cross as typed arrays; structured
//! results (the model view, the requests, an explanation, the chart, the accounts) as
//! JavaScript values with declared TypeScript types ([`interop`]), built by the core's
//! [`view`](thresh::view) and [`explain`](thresh::explain). Edits are typed: a field
//! setter, or one item of a named list given as the file writes it. A refused edit throws
//! an `Error` whose `problems` lists `{path, steps, message}`.

mod compare;
mod interop;
mod robust;
mod sheet;
mod team;

use js_sys::{Float64Array, Int32Array, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use interop::{message_error, parse_js, problems_error, to_js};
use thresh::date::Date;
use thresh::edit::{Edit, List};
use thresh::explain;
use thresh::model::{Method, Pin};
use thresh::workbench::Workbench;
use thresh::{read, view};

fn list(path: &str) -> Result<List, JsValue> {
    List::parse(path)
        .ok_or_else(|| message_error(&format!("{path} is not a list that can be edited")))
}

fn date(text: &str) -> Result<Date, JsValue> {
    Date::parse(text).ok_or_else(|| message_error(&format!("not a date (YYYY-MM-DD): {text}")))
}

/// How many requests left out of a plan the page is told why about (its plan list shows
/// the top of the ranking).
const PLAN_SKIPPED_SHOWN: usize = 1000;

const EXAMPLE: &str = include_str!("../../../examples/field-service-q2.thresh.json");

/// The open scenario.
#[wasm_bindgen(js_name = Workbench)]
pub struct WasmWorkbench(Workbench);

#[wasm_bindgen(js_class = Workbench)]
impl WasmWorkbench {
    /// Opens a scenario file's bytes exactly as the command line reads them (UTF-8 only,
    /// keys written twice refused, …); the error names every problem and its place.
    pub fn open_bytes(bytes: &[u8]) -> Result<WasmWorkbench, JsValue> {
        read::from_slice(bytes)
            .map(|s| WasmWorkbench(Workbench::new(s)))
            .map_err(|e| message_error(&e.to_string()))
    }

    /// Opens a scenario file's text (what the page itself saved).
    pub fn open(text: &str) -> Result<WasmWorkbench, JsValue> {
        WasmWorkbench::open_bytes(text.as_bytes())
    }

    /// The contract's limits (see `thresh::limits`).
    #[wasm_bindgen(unchecked_return_type = "Limits")]
    pub fn limits() -> JsValue {
        to_js(&view::limits())
    }

    /// The bundled example scenario.
    pub fn example() -> WasmWorkbench {
        WasmWorkbench(Workbench::open(EXAMPLE).expect("the bundled example is valid"))
    }

    /// A new scenario with the default model and no requests.
    pub fn empty(name: &str, today: &str) -> Result<WasmWorkbench, JsValue> {
        Ok(WasmWorkbench(Workbench::empty(name, date(today)?)))
    }

    /// A large generated scenario (benchmarks).
    pub fn synthetic(requests: usize, seed: u32) -> WasmWorkbench {
        WasmWorkbench(Workbench::new(thresh::synthetic::scenario(
            requests,
            seed as u64,
        )))
    }

    /// A large generated scenario with a quarter's capacity and bucket shares (benchmarks).
    pub fn synthetic_portfolio(requests: usize, seed: u32) -> WasmWorkbench {
        WasmWorkbench(Workbench::new(thresh::synthetic::portfolio(
            requests,
            seed as u64,
        )))
    }

    /// The canonical file text, byte-identical to `thresh fmt`.
    pub fn export(&self) -> String {
        self.0.export()
    }

    pub fn name(&self) -> String {
        self.0.scenario().name.clone()
    }

    /// Increases on every change except weights: re-read lists and the model then.
    pub fn revision(&self) -> f64 {
        self.0.revision() as f64
    }

    pub fn request_count(&self) -> usize {
        self.0.scenario().requests.len()
    }

    pub fn criteria_count(&self) -> usize {
        self.0.scenario().model.criteria.len()
    }

    /// Everything but the requests (see `thresh::view::model`).
    #[wasm_bindgen(unchecked_return_type = "ModelView")]
    pub fn model(&self) -> JsValue {
        to_js(&view::model(self.0.scenario()))
    }

    /// The requests' light fields, in file order.
    #[wasm_bindgen(unchecked_return_type = "RequestSummary[]")]
    pub fn requests(&self) -> JsValue {
        parse_js(&view::requests_text(self.0.scenario()))
    }

    /// One request exactly as the file holds it (unknown fields included).
    #[wasm_bindgen(unchecked_return_type = "RequestItem")]
    pub fn request(&self, index: usize) -> Result<JsValue, JsValue> {
        let s = self.0.scenario();
        let r = s
            .requests
            .get(index)
            .ok_or_else(|| message_error(&format!("there is no request {index}")))?;
        Ok(interop::parse_js(&thresh::write::request_to_string(r, s)))
    }

    /// Raw values, request-major: `[r0c0, r0c1, …, r1c0, …]`.
    pub fn raw_values(&self) -> Float64Array {
        Float64Array::from(
            self.0
                .table()
                .request_major(0.0, |_, col, i| col.raw[i])
                .as_slice(),
        )
    }

    /// Where each raw value came from (request-major): 0 given, 1 derived, 2 missing.
    pub fn origins(&self) -> Uint8Array {
        Uint8Array::from(
            self.0
                .table()
                .request_major(0u8, |_, col, i| col.origin[i] as u8)
                .as_slice(),
        )
    }

    /// Why the scenario cannot be scored right now, if it cannot.
    pub fn score_error(&self) -> Option<String> {
        self.0.scores().err().map(|e| e.to_string())
    }

    /// Request indices, best first (empty when the scenario cannot be scored).
    pub fn order(&self) -> Uint32Array {
        Uint32Array::from(self.0.scores().map(|s| s.order.as_slice()).unwrap_or(&[]))
    }
    pub fn ranks(&self) -> Uint32Array {
        Uint32Array::from(self.0.scores().map(|s| s.rank.as_slice()).unwrap_or(&[]))
    }
    pub fn scores(&self) -> Float64Array {
        Float64Array::from(self.0.scores().map(|s| s.score.as_slice()).unwrap_or(&[]))
    }
    pub fn values(&self) -> Float64Array {
        Float64Array::from(self.0.scores().map(|s| s.value.as_slice()).unwrap_or(&[]))
    }
    /// Places moved since the change before (positive = up).
    pub fn movement(&self) -> Int32Array {
        Int32Array::from(self.0.movement())
    }
    /// Flag bits per request: 1 incomplete, 2 single-account, 4 overdue, 8 unscorable.
    pub fn flags(&self) -> Uint8Array {
        let flags = match self.0.scores() {
            Ok(s) => &s.flags,
            Err(_) => &self.0.table().flags,
        };
        let f: Vec<u8> = flags.iter().map(|f| f.0).collect();
        Uint8Array::from(f.as_slice())
    }

    /// Contributions to the weighted-sum score, request-major (empty for other methods
    /// or when the scenario cannot be scored; 0 where a request has no score).
    pub fn contributions(&self) -> Float64Array {
        let t = self.0.table();
        match self.0.scores() {
            Ok(s) if t.method == Method::WeightedSum => {
                Float64Array::from(s.all_contributions(t).as_slice())
            }
            _ => Float64Array::new_with_length(0),
        }
    }

    // ----- changes -----

    /// Sets a weight and re-scores (nothing re-derived); `commit` when the gesture ends.
    pub fn set_weight(&mut self, criterion: usize, weight: f64) -> Result<(), JsValue> {
        self.0
            .set_weight(criterion, weight)
            .map_err(|e| message_error(&e))
    }
    pub fn commit(&mut self) {
        self.0.commit()
    }
    pub fn undo(&mut self) -> bool {
        self.0.undo()
    }
    pub fn redo(&mut self) -> bool {
        self.0.redo()
    }
    pub fn can_undo(&self) -> bool {
        self.0.can_undo()
    }
    pub fn can_redo(&self) -> bool {
        self.0.can_redo()
    }

    pub fn set_name(&mut self, name: &str) -> Result<(), JsValue> {
        self.edit(Edit::Name(name.to_string()))
    }
    /// An ISO 4217 code (`EUR`) for showing ARR; `undefined` removes it.
    pub fn set_currency(&mut self, code: Option<String>) -> Result<(), JsValue> {
        self.edit(Edit::Currency(code))
    }
    /// `undefined` removes `as_of`.
    pub fn set_as_of(&mut self, day: Option<String>) -> Result<(), JsValue> {
        let day = day.as_deref().map(date).transpose()?;
        self.edit(Edit::AsOf(day))
    }
    /// One of the model view's `methods`; `undefined` removes it (weighted-sum).
    pub fn set_method(&mut self, method: Option<String>) -> Result<(), JsValue> {
        let method = match method.as_deref() {
            None => None,
            Some(m) => Some(
                Method::parse(m).ok_or_else(|| message_error(&format!("{m} is not a method")))?,
            ),
        };
        self.edit(Edit::Method(method))
    }
    /// `undefined` removes it (confidence is then used).
    pub fn set_use_confidence(&mut self, on: Option<bool>) -> Result<(), JsValue> {
        self.edit(Edit::UseConfidence(on))
    }
    /// `must`, `never`, or `undefined` for a free request.
    pub fn set_pin(&mut self, request: usize, pin: Option<String>) -> Result<(), JsValue> {
        let pin = match pin.as_deref() {
            None => None,
            Some(p) => {
                Some(Pin::parse(p).ok_or_else(|| message_error(&format!("{p} is not a pin")))?)
            }
        };
        self.edit(Edit::Pin(request, pin))
    }

    /// Replaces item `index` of a list, or appends when `index` is its length; the item is
    /// one JSON object as the file writes it.
    pub fn put_item(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ListName")] list_name: &str,
        index: usize,
        json: &str,
    ) -> Result<(), JsValue> {
        self.0
            .put_item(list(list_name)?, index, json)
            .map_err(|p| problems_error(&p))
    }
    pub fn remove_item(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ListName")] list_name: &str,
        index: usize,
    ) -> Result<(), JsValue> {
        self.edit(Edit::Remove(list(list_name)?, index))
    }

    /// Replaces request `index`, or appends when `index` is the number of requests.
    pub fn put_request(&mut self, index: usize, json: &str) -> Result<usize, JsValue> {
        self.0
            .put_request(index, json)
            .map_err(|p| problems_error(&p))
    }
    /// The problems of a request being edited (empty when it is fine).
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn check_request(&self, index: usize, json: &str) -> JsValue {
        to_js(&view::problems(&self.0.check_request(index, json)))
    }
    pub fn remove_request(&mut self, index: usize) -> Result<(), JsValue> {
        self.0.remove_request(index).map_err(|p| problems_error(&p))
    }
    pub fn duplicate_request(&mut self, index: usize) -> Result<usize, JsValue> {
        self.0
            .duplicate_request(index)
            .map_err(|p| problems_error(&p))
    }
    /// An unused request id like `R-13`.
    pub fn new_request_id(&self) -> String {
        self.0.new_request_id()
    }
    /// An unused id in a list, starting from `base` (`base`, `base-2`, …).
    pub fn fresh_id(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListName")] list_name: &str,
        base: &str,
    ) -> Result<String, JsValue> {
        Ok(self.0.fresh_id(list(list_name)?, base))
    }
    /// What applying a preset would do, in words, before it is done.
    #[wasm_bindgen(unchecked_return_type = "PresetPreview")]
    pub fn preview_preset(&self, id: &str) -> Result<JsValue, JsValue> {
        let p = self.0.preview_preset(id).map_err(|p| problems_error(&p))?;
        Ok(to_js(&p.to_value(self.0.scenario())))
    }
    pub fn apply_preset(&mut self, id: &str, today: &str) -> Result<(), JsValue> {
        let today = date(today)?;
        self.0
            .apply_preset(id, today)
            .map_err(|p| problems_error(&p))
    }

    fn edit(&mut self, edit: Edit) -> Result<(), JsValue> {
        self.0.apply(edit).map_err(|p| problems_error(&p))
    }

    // ----- the plan: numbers to the worker, its solution back into a report -----

    /// The planning problem of the scenario as it is now, as typed arrays for the plan
    /// view's worker (`thresh::plan::flat`), with the names its messages use.
    #[wasm_bindgen(unchecked_return_type = "PlanInstance")]
    pub fn plan_instance(&self) -> Result<JsValue, JsValue> {
        let problem = self.problem()?;
        let flat = problem.to_flat();
        let out = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&out, &k.into(), &v);
        };
        set("values", Float64Array::from(flat.values.as_slice()).into());
        set(
            "efforts",
            Float64Array::from(flat.efforts.as_slice()).into(),
        );
        set(
            "amounts",
            Float64Array::from(flat.amounts.as_slice()).into(),
        );
        set(
            "bucket_of",
            Uint32Array::from(flat.bucket_of.as_slice()).into(),
        );
        set(
            "bucket_bounds",
            Float64Array::from(flat.bucket_bounds.as_slice()).into(),
        );
        set("pins", Uint8Array::from(flat.pins.as_slice()).into());
        let names = |v: &[String]| to_js(&thresh::json::Value::strings(v));
        set("capacity_names", names(&problem.capacity_names));
        set("bucket_names", names(&problem.bucket_names));
        Ok(out.into())
    }

    /// The report of a solution the worker found for [`plan_instance`] (the scenario must
    /// not have changed since), and what it displaces and adds against `previous`
    /// (`{selected: ids, value}` of the plan shown before, or `null`).
    ///
    /// [`plan_instance`]: WasmWorkbench::plan_instance
    #[wasm_bindgen(unchecked_return_type = "PlanReport")]
    pub fn plan_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PlanSolution")] solution: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{selected: string[], value: number} | null")]
        previous: JsValue,
    ) -> Result<JsValue, JsValue> {
        let get =
            |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).unwrap_or(JsValue::UNDEFINED);
        // Why each request is left out, for the ones the page lists (it shows the top of
        // the ranking), not for every one of 100,000.
        let mut report = self.report_of(&solution, PLAN_SKIPPED_SHOWN)?;
        let scores = self.0.scores().map_err(|e| message_error(&e.to_string()))?;
        let s = self.0.scenario();
        if !previous.is_null() && !previous.is_undefined() {
            let before: Vec<String> = js_sys::Array::from(&get(&previous, "selected"))
                .iter()
                .filter_map(|x| x.as_string())
                .collect();
            if let Some(value) = get(&previous, "value").as_f64() {
                report.compare_with(s, scores, &before, value);
            }
        }
        Ok(to_js(&report.to_value()))
    }

    fn problem(&self) -> Result<thresh::plan::Problem, JsValue> {
        let scores = self.0.scores().map_err(|e| message_error(&e.to_string()))?;
        thresh::plan::problem(self.0.scenario(), self.0.table(), scores, &[]).map_err(|e| {
            let err = js_sys::Error::new(&e.to_string());
            let kind = match e {
                thresh::plan::PlanError::NoCapacity => "no-capacity",
                _ => "invalid",
            };
            let _ = js_sys::Reflect::set(&err, &"kind".into(), &kind.into());
            err.into()
        })
    }

    // ----- explanations and views -----

    /// Request `index` explained criterion by criterion.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(&self, index: usize) -> Result<JsValue, JsValue> {
        if index >= self.0.scenario().requests.len() {
            return Err(message_error(&format!("there is no request {index}")));
        }
        let e = explain::request(
            self.0.scenario(),
            self.0.table(),
            self.0.scores().ok(),
            index,
        );
        Ok(to_js(&e.to_value()))
    }

    /// The value-versus-effort chart, or `null` without a cost criterion or scores.
    #[wasm_bindgen(unchecked_return_type = "Chart | null")]
    pub fn chart(&self) -> JsValue {
        match self
            .0
            .scores()
            .ok()
            .and_then(|s| explain::chart(self.0.scenario(), self.0.table(), s))
        {
            Some(chart) => to_js(&chart.to_value()),
            None => JsValue::NULL,
        }
    }

    /// A page of the accounts, the largest ARR first: `count` of them from `start`, each
    /// with its `top` best-ranked asks and how many it has in all (see
    /// `thresh::explain::accounts_page`).
    #[wasm_bindgen(unchecked_return_type = "AccountView[]")]
    pub fn accounts(&self, top: u32, start: u32, count: u32) -> JsValue {
        let v = explain::accounts_page(
            self.0.scenario(),
            self.0.table(),
            self.0.scores().ok(),
            top as usize,
            start as usize,
            count as usize,
        );
        to_js(&v.iter().map(|a| a.to_value()).collect::<Vec<_>>().into())
    }

    pub fn account_count(&self) -> usize {
        self.0.scenario().accounts.len()
    }

    /// Account `index` with every ask it makes (`null` when there is none).
    #[wasm_bindgen(unchecked_return_type = "AccountView | null")]
    pub fn account(&self, index: usize) -> JsValue {
        match explain::account(
            self.0.scenario(),
            self.0.table(),
            self.0.scores().ok(),
            index,
        ) {
            Some(a) => to_js(&a.to_value()),
            None => JsValue::NULL,
        }
    }

    /// The chart's points for at most `limit` requests (all of them when there are no
    /// more; else a sample, see `thresh::explain::Chart::sample`), as typed arrays, with
    /// the axes' extents and the medians over every request; `null` without a cost
    /// criterion or scores.
    #[wasm_bindgen(unchecked_return_type = "ChartSample | null")]
    pub fn chart_sample(&self, limit: u32) -> JsValue {
        let Ok(scores) = self.0.scores() else {
            return JsValue::NULL;
        };
        let Some(chart) = explain::chart(self.0.scenario(), self.0.table(), scores) else {
            return JsValue::NULL;
        };
        let shown = chart.sample(scores, limit as usize);
        let extent = |v: &[f64]| {
            v.iter()
                .filter(|x| !x.is_nan())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                    (lo.min(x), hi.max(x))
                })
        };
        let (x_min, x_max) = extent(&chart.x);
        let (y_min, y_max) = extent(&chart.y);
        let total = chart.x.iter().filter(|x| !x.is_nan()).count();
        let out = to_js(&thresh::object! {
            "x_label": chart.x_label.as_str(), "y_label": chart.y_label.as_str(),
            "x_median": chart.x_median, "y_median": chart.y_median, "total": total,
            "x_min": if total > 0 { x_min } else { 0.0 }, "x_max": if total > 0 { x_max } else { 0.0 },
            "y_min": if total > 0 { y_min } else { 0.0 }, "y_max": if total > 0 { y_max } else { 0.0 },
        });
        let index: Vec<u32> = shown.iter().map(|&i| i as u32).collect();
        let x: Vec<f64> = shown.iter().map(|&i| chart.x[i]).collect();
        let y: Vec<f64> = shown.iter().map(|&i| chart.y[i]).collect();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&out, &k.into(), &v);
        };
        set("index", Uint32Array::from(index.as_slice()).into());
        set("x", Float64Array::from(x.as_slice()).into());
        set("y", Float64Array::from(y.as_slice()).into());
        out
    }

    /// The current weights, one per criterion (they move without a new revision).
    pub fn weights(&self) -> Float64Array {
        Float64Array::from(self.0.weights())
    }

    /// What the scores leave out, for the page to say: the criteria that sit out (no
    /// request has a value and there is no default), and the first `limit` requests that
    /// cannot be scored, each with the criterion to blame (when one is) and the reason.
    #[wasm_bindgen(unchecked_return_type = "ScoreNotes")]
    pub fn score_notes(&self, limit: u32) -> JsValue {
        let table = self.0.table();
        let sitting_out: Vec<thresh::json::Value> =
            table.sitting_out().map(thresh::json::Value::from).collect();
        let (unscorable, total) = match self.0.scores() {
            Ok(s) => (
                s.unscorable
                    .iter()
                    .take(limit as usize)
                    .map(|u| {
                        thresh::object! {"request": u.request, "criterion": u.criterion, "reason": u.reason.as_str()}
                    })
                    .collect::<Vec<_>>(),
                s.unscorable.len(),
            ),
            Err(_) => (Vec::new(), 0),
        };
        to_js(&thresh::object! {
            "sitting_out": sitting_out, "unscorable": unscorable, "unscorable_total": total,
        })
    }
}
