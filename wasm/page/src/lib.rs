#![cfg(target_arch = "wasm32")]
//! The page's bindings: a thin layer over [`Workbench`] and [`Library`].
//!
//! Rust owns the state; JavaScript renders it and forwards events. Bulk results (scores,
//! order, ranks, movement, flags, values, contributions) cross as typed arrays; small
//! structured data (the model, one request, an explanation) as JSON text. Every failure is
//! a JavaScript `Error` with a message that names the place.

use js_sys::{Float64Array, Int32Array, Uint32Array, Uint8Array};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use thresh::date::Date;
use thresh::edit::{Edit, List};
use thresh::error::Problems;
use thresh::explain;
use thresh::library::{Library, Store, StoreError};
use thresh::model::Method;
use thresh::presets::PRESETS;
use thresh::workbench::Workbench;

fn list(path: &str) -> Result<List, JsError> {
    List::parse(path)
        .ok_or_else(|| JsError::new(&format!("{path} is not a list that can be edited")))
}

fn problems_error(p: Problems) -> JsError {
    JsError::new(&p.to_string())
}

fn parse_json(text: &str) -> Result<Value, JsError> {
    serde_json::from_str(text).map_err(|e| JsError::new(&format!("not valid JSON: {e}")))
}

fn today(text: &str) -> Result<Date, JsError> {
    Date::parse(text).ok_or_else(|| JsError::new(&format!("not a date (YYYY-MM-DD): {text}")))
}

const EXAMPLE: &str = include_str!("../../../examples/field-service-q2.thresh.json");

/// The open scenario.
#[wasm_bindgen(js_name = Workbench)]
pub struct WasmWorkbench(Workbench);

#[wasm_bindgen(js_class = Workbench)]
impl WasmWorkbench {
    /// Opens a scenario file's text; the error names every problem and its place.
    pub fn open(text: &str) -> Result<WasmWorkbench, JsError> {
        Workbench::open(text)
            .map(WasmWorkbench)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The bundled example scenario.
    pub fn example() -> WasmWorkbench {
        WasmWorkbench(Workbench::open(EXAMPLE).expect("the bundled example is valid"))
    }

    /// A new scenario with the default model and no requests.
    pub fn empty(name: &str, today_text: &str) -> Result<WasmWorkbench, JsError> {
        Ok(WasmWorkbench(Workbench::empty(name, today(today_text)?)))
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

    /// Everything but the requests, as JSON: name, as_of, method, criteria (with a
    /// description in words), buckets, sources, accounts, capacity, and the presets.
    pub fn model_json(&self) -> String {
        let s = self.0.scenario();
        let mut doc: Value =
            serde_json::from_str(&thresh::write::to_string_without_requests(s)).expect("valid");
        let obj = doc.as_object_mut().expect("object");
        obj.remove("requests");
        let method = s.model.method();
        obj.insert("method".into(), json!(method.as_str()));
        obj.insert("use_confidence".into(), json!(s.model.use_confidence()));
        let described: Vec<Value> = s
            .model
            .criteria
            .iter()
            .map(|c| {
                json!({
                    "id": c.id, "label": c.label, "direction": c.direction.as_str(), "weight": c.weight(),
                    "scale": c.scale().as_str(), "min": c.min, "max": c.max, "transform": c.transform().as_str(),
                    "derive": c.derive.map(|d| d.as_str()), "horizon_days": c.horizon_days(),
                    "description": explain::describe_criterion(c, method),
                })
            })
            .collect();
        // The criteria as the file holds them (unknown fields too), for editing forms.
        let raw = obj
            .get("model")
            .map(|m| m["criteria"].clone())
            .unwrap_or(Value::Null);
        obj.insert("criteria_raw".into(), raw);
        obj.insert("criteria".into(), Value::Array(described));
        obj.insert(
            "methods".into(),
            json!(Method::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>()),
        );
        obj.insert(
            "presets".into(),
            Value::Array(
                PRESETS
                    .iter()
                    .map(|p| json!({"id": p.id, "label": p.label, "description": p.description}))
                    .collect(),
            ),
        );
        doc.to_string()
    }

    /// The requests' light fields for the table and filters, in file order:
    /// `[{id, title, bucket, tags, plan}]`.
    pub fn requests_json(&self) -> String {
        let s = self.0.scenario();
        let list: Vec<Value> = s
            .requests
            .iter()
            .map(|r| {
                let bucket = r.bucket.map(|b| s.buckets[b].id.as_str());
                json!({"id": r.id, "title": r.title, "bucket": bucket, "tags": r.tags,
                       "plan": r.plan.map(|p| p.as_str())})
            })
            .collect();
        Value::Array(list).to_string()
    }

    /// One request exactly as the file holds it (unknown fields included).
    pub fn request_json(&self, index: usize) -> Result<String, JsError> {
        let s = self.0.scenario();
        s.requests
            .get(index)
            .map(|r| thresh::write::request_to_string(r, s))
            .ok_or_else(|| JsError::new(&format!("there is no request {index}")))
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
    /// Flag bits per request: 1 incomplete, 2 single-account, 4 overdue.
    pub fn flags(&self) -> Uint8Array {
        let f: Vec<u8> = self.0.table().flags.iter().map(|f| f.0).collect();
        Uint8Array::from(f.as_slice())
    }

    /// Contributions to the weighted-sum score, request-major (empty for other methods
    /// or when the scenario cannot be scored).
    pub fn contributions(&self) -> Float64Array {
        let t = self.0.table();
        if t.method != Method::WeightedSum || self.0.scores().is_err() {
            return Float64Array::new_with_length(0);
        }
        Float64Array::from(t.all_contributions(self.0.weights()).as_slice())
    }

    // ----- changes -----

    /// Sets a weight and re-scores (nothing re-derived); `commit` when the gesture ends.
    pub fn set_weight(&mut self, criterion: usize, weight: f64) -> Result<(), JsError> {
        self.0
            .set_weight(criterion, weight)
            .map_err(|e| JsError::new(&e))
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

    /// Replaces request `index`, or appends when `index` is the number of requests.
    pub fn put_request(&mut self, index: usize, json: &str) -> Result<usize, JsError> {
        self.0.put_request(index, json).map_err(problems_error)
    }
    /// Problems of a request being edited, one per line (`path: message`); empty if none.
    pub fn check_request(&self, index: usize, json: &str) -> Result<String, JsError> {
        Ok(self.0.check_request(index, json).to_string())
    }
    pub fn remove_request(&mut self, index: usize) -> Result<(), JsError> {
        self.0.remove_request(index).map_err(problems_error)
    }
    pub fn duplicate_request(&mut self, index: usize) -> Result<usize, JsError> {
        self.0.duplicate_request(index).map_err(problems_error)
    }
    /// An unused request id like `R-13`.
    pub fn new_request_id(&self) -> String {
        self.0.new_request_id()
    }

    /// Replaces or appends an item of `model.criteria`, `accounts`, `sources`, `buckets`
    /// or `capacity`.
    pub fn put_item(&mut self, path: &str, index: usize, json: &str) -> Result<(), JsError> {
        self.0
            .put_item(list(path)?, index, json)
            .map_err(problems_error)
    }
    pub fn remove_item(&mut self, path: &str, index: usize) -> Result<(), JsError> {
        self.0
            .apply(Edit::Remove(list(path)?, index))
            .map_err(problems_error)
    }
    /// Sets `name`, `as_of`, `model.method` or `model.use_confidence` (a JSON value;
    /// `null` removes an optional field).
    pub fn set_field(&mut self, field: &str, json: &str) -> Result<(), JsError> {
        let v = parse_json(json)?;
        let bad = || JsError::new(&format!("{field} cannot be {json}"));
        let edit = match field {
            "name" => Edit::Name(v.as_str().ok_or_else(bad)?.to_string()),
            "as_of" => Edit::AsOf(match v {
                Value::Null => None,
                _ => Some(today(v.as_str().ok_or_else(bad)?)?),
            }),
            "model.method" => Edit::Method(match v {
                Value::Null => None,
                _ => Some(Method::parse(v.as_str().ok_or_else(bad)?).ok_or_else(bad)?),
            }),
            "model.use_confidence" => Edit::UseConfidence(v.as_bool()),
            other => return Err(JsError::new(&format!("{other} cannot be set here"))),
        };
        self.0.apply(edit).map_err(problems_error)
    }
    pub fn apply_preset(&mut self, id: &str, today_text: &str) -> Result<(), JsError> {
        let today = today(today_text)?;
        self.0.apply_preset(id, today).map_err(problems_error)
    }

    // ----- explanations and views -----

    /// Request `index` explained criterion by criterion (JSON).
    pub fn explain(&self, index: usize) -> Result<String, JsError> {
        if index >= self.0.scenario().requests.len() {
            return Err(JsError::new(&format!("there is no request {index}")));
        }
        let e = explain::request(
            self.0.scenario(),
            self.0.table(),
            self.0.scores().ok(),
            self.0.weights(),
            index,
        );
        Ok(serde_json::to_string(&e).expect("plain data"))
    }

    /// The value-versus-effort chart (JSON), or `null` without a cost criterion or scores.
    pub fn chart(&self) -> String {
        let chart = self
            .0
            .scores()
            .ok()
            .and_then(|s| explain::chart(self.0.scenario(), self.0.table(), s));
        serde_json::to_string(&chart).expect("plain data")
    }

    /// Per account, its asks with each request's rank and score (JSON).
    pub fn accounts_json(&self) -> String {
        let v = explain::accounts(self.0.scenario(), self.0.table(), self.0.scores().ok());
        serde_json::to_string(&v).expect("plain data")
    }
}

// ----- saved scenarios in localStorage -----

/// `window.localStorage` as a [`Store`].
pub struct LocalStore(web_sys::Storage);

fn store_error(e: JsValue) -> StoreError {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(d) if d.name() == "QuotaExceededError" => StoreError::Full,
        Some(d) => StoreError::Unavailable(d.message()),
        None => StoreError::Unavailable(format!("{e:?}")),
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get_item(key).map_err(store_error)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(store_error)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.0.remove_item(key).map_err(store_error)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let n = self.0.length().map_err(store_error)?;
        Ok((0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect())
    }
}

/// A JavaScript `Error` whose `name` says what kind of failure it is.
fn named_error(e: StoreError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name(match e {
        StoreError::Full => "QuotaExceededError",
        StoreError::Unavailable(_) => "StorageUnavailable",
    });
    err.into()
}

/// The saved scenarios.
#[wasm_bindgen(js_name = Library)]
pub struct WasmLibrary {
    inner: Library<LocalStore>,
    notices: Vec<String>,
}

#[wasm_bindgen(js_class = Library)]
impl WasmLibrary {
    /// Opens the library in `window.localStorage`.
    pub fn open() -> Result<WasmLibrary, JsValue> {
        let storage = web_sys::window()
            .ok_or_else(|| named_error(StoreError::Unavailable("no window".into())))?
            .local_storage()
            .map_err(|e| named_error(store_error(e)))?
            .ok_or_else(|| named_error(StoreError::Unavailable("local storage is off".into())))?;
        let (inner, notices) = Library::open(LocalStore(storage)).map_err(named_error)?;
        Ok(WasmLibrary { inner, notices })
    }

    /// What was found damaged and kept aside when the library was opened (JSON list).
    pub fn notices(&self) -> String {
        serde_json::to_string(&self.notices).expect("plain data")
    }

    /// `[{id, name, damaged}]`.
    pub fn entries(&self) -> String {
        serde_json::to_string(self.inner.entries()).expect("plain data")
    }

    pub fn current(&self) -> Option<String> {
        self.inner.current().map(str::to_string)
    }

    pub fn set_current(&mut self, id: &str) -> Result<(), JsValue> {
        self.inner.set_current(id).map_err(named_error)
    }

    pub fn load(&self, id: &str) -> Result<Option<String>, JsValue> {
        self.inner.load(id).map_err(named_error)
    }

    /// Saves; a full store throws an `Error` named `QuotaExceededError`.
    pub fn save(&mut self, id: &str, name: &str, text: &str) -> Result<(), JsValue> {
        self.inner.save(id, name, text).map_err(named_error)
    }

    pub fn new_id(&self) -> String {
        self.inner.new_id()
    }

    pub fn delete(&mut self, id: &str) -> Result<(), JsValue> {
        self.inner.delete(id).map_err(named_error)
    }

    /// Whether a `storage` event's change is this tab's own write.
    pub fn is_own_write(&self, key: &str, value: Option<String>) -> bool {
        self.inner.is_own_write(key, value.as_deref())
    }

    /// The scenario id a storage key holds, if it holds one.
    pub fn scenario_id_of_key(key: &str) -> Option<String> {
        Library::<LocalStore>::scenario_id_of_key(key).map(str::to_string)
    }

    /// Re-reads the list (after another tab changed it); on failure nothing changes.
    pub fn reload(&mut self) -> Result<(), JsValue> {
        self.notices = self.inner.reload().map_err(named_error)?;
        Ok(())
    }
}
