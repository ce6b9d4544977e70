//! The open scenario while a PM works on it: edits, re-scoring, movement, undo and redo.
//!
//! This is the state the page keeps in WebAssembly, written in plain Rust so it is tested
//! natively; `wasm.rs` only converts its results for JavaScript.
//!
//! Cost model: a weight change re-scores the prepared [`Table`] (one pass and a sort) and
//! nothing else; any other edit rebuilds the table (derive, transform, utilities).
//! Every edit is validated before it replaces the scenario: a refused edit leaves the
//! open work exactly as it was.

use serde_json::Value;

use crate::date::Date;
use crate::error::{Problems, ReadError, ScoreError};
use crate::model::{Request, Scenario};
use crate::score::{Scores, Table};
use crate::{presets, read, write};

/// Undo steps kept; older ones are dropped.
const UNDO_LIMIT: usize = 100;
/// Whole-scenario undo steps hold copies of the requests: keep at most this many
/// requests' worth of them, so that large scenarios cannot exhaust memory.
const UNDO_REQUEST_BUDGET: usize = 1_000_000;

/// What undo restores: the weights alone (a slider gesture, cheap) or the whole scenario.
enum Step {
    Weights(Vec<f64>),
    Scenario(Box<Scenario>),
}

impl Step {
    fn requests(&self) -> usize {
        match self {
            Step::Weights(_) => 0,
            Step::Scenario(s) => s.requests.len().max(1),
        }
    }
}

/// What kind of change is starting: it decides what the undo step must keep.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Weights,
    Edit,
}

pub struct Workbench {
    scenario: Scenario,
    table: Table,
    weights: Vec<f64>,
    scored: Result<Scores, ScoreError>,
    /// Ranks before the change in progress (or the last change), by request id, and the
    /// same aligned with the current requests (what a re-score compares against).
    reference_ids: std::collections::HashMap<String, u32>,
    reference: Vec<u32>,
    /// Per request: reference rank minus current rank (positive = moved up); 0 when new.
    movement: Vec<i32>,
    /// The state before the change in progress, until it is committed.
    pending: Option<Step>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Increases whenever anything but a weight changes (the page re-reads lists then).
    revision: u64,
}

/// Turns a read error into problems (a single one for errors that are not per-field).
pub fn problems_of(e: ReadError) -> Problems {
    match e {
        ReadError::Invalid(p) => p,
        other => {
            let mut p = Problems::default();
            p.push("", other.to_string());
            p
        }
    }
}

impl Workbench {
    pub fn new(scenario: Scenario) -> Workbench {
        let table = Table::new(&scenario);
        let weights = weights_of(&scenario);
        let scored = table.score(&scenario.model.criteria, &weights);
        let n = scenario.requests.len();
        let reference = match &scored {
            Ok(s) => s.rank.clone(),
            Err(_) => vec![0; n],
        };
        Workbench {
            scenario,
            table,
            weights,
            scored,
            reference_ids: Default::default(),
            reference,
            movement: vec![0; n],
            pending: None,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
        }
    }

    /// Opens a scenario file's text.
    pub fn open(text: &str) -> Result<Workbench, ReadError> {
        read::from_str(text).map(Workbench::new)
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn table(&self) -> &Table {
        &self.table
    }
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }
    pub fn scores(&self) -> Result<&Scores, &ScoreError> {
        self.scored.as_ref()
    }
    pub fn movement(&self) -> &[i32] {
        &self.movement
    }
    pub fn revision(&self) -> u64 {
        self.revision
    }
    /// Cheap (it is asked after every weight change): an uncommitted change counts.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() || self.pending.is_some()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty() && self.pending.is_none()
    }

    /// The canonical file text (what export writes).
    pub fn export(&self) -> String {
        write::to_string(&self.scenario)
    }

    // ----- weights: the hot path -----

    /// Sets one criterion's weight and re-scores; nothing is re-derived. Call [`commit`]
    /// when the gesture ends (a slider released) to make it one undoable step.
    ///
    /// [`commit`]: Workbench::commit
    pub fn set_weight(&mut self, criterion: usize, weight: f64) -> Result<(), String> {
        if criterion >= self.weights.len() {
            return Err(format!("there is no criterion {criterion}"));
        }
        if !(weight.is_finite() && weight >= 0.0) {
            return Err(format!("a weight must be a number ≥ 0, found {weight}"));
        }
        if weight == 0.0
            && self
                .weights
                .iter()
                .enumerate()
                .all(|(k, &w)| k == criterion || w <= 0.0)
        {
            return Err(format!(
                "\"{}\" is the only criterion with a weight above 0; give another criterion a weight first",
                self.scenario.model.criteria[criterion].label
            ));
        }
        self.begin_change(Kind::Weights);
        self.scenario.model.criteria[criterion].weight = Some(weight);
        self.weights[criterion] = weight;
        self.rescore();
        Ok(())
    }

    /// Ends a change: one undo step for everything since the last commit.
    pub fn commit(&mut self) {
        let Some(step) = self.pending.take() else {
            return;
        };
        if let Step::Weights(w) = &step {
            if *w == self.weights {
                return; // a gesture that ended where it started
            }
        }
        self.redo.clear();
        self.push_undo(step);
    }

    fn push_undo(&mut self, step: Step) {
        self.undo.push(step);
        let mut held: usize = self.undo.iter().map(Step::requests).sum();
        while self.undo.len() > 1 && (self.undo.len() > UNDO_LIMIT || held > UNDO_REQUEST_BUDGET) {
            held -= self.undo[0].requests();
            self.undo.remove(0);
        }
    }

    pub fn undo(&mut self) -> bool {
        self.commit();
        match self.undo.pop() {
            Some(step) => {
                let back = self.restore(step);
                self.redo.push(back);
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        // A change in progress is committed first, which ends the redo history.
        self.commit();
        match self.redo.pop() {
            Some(step) => {
                let back = self.restore(step);
                self.undo.push(back);
                true
            }
            None => false,
        }
    }

    /// Puts a step's state in place and returns the step that takes it back.
    fn restore(&mut self, step: Step) -> Step {
        match step {
            Step::Weights(w) => {
                self.set_reference(Kind::Weights);
                let back = std::mem::replace(&mut self.weights, w);
                for (c, &w) in self.scenario.model.criteria.iter_mut().zip(&self.weights) {
                    c.weight = Some(w);
                }
                self.rescore();
                Step::Weights(back)
            }
            Step::Scenario(s) => {
                self.set_reference(Kind::Edit);
                let back = std::mem::replace(&mut self.scenario, *s);
                self.rebuild();
                Step::Scenario(Box::new(back))
            }
        }
    }

    // ----- edits -----

    /// Replaces request `index` (or appends one when `index` is the number of requests)
    /// with `value`, a request object as in the file. Refused edits change nothing.
    pub fn put_request(&mut self, index: usize, value: Value) -> Result<usize, Problems> {
        if index > self.scenario.requests.len() {
            return Err(one_problem(format!("there is no request {index}")));
        }
        if index == self.scenario.requests.len() && index >= crate::error::limits::MAX_REQUESTS {
            return Err(one_problem(format!(
                "a scenario holds at most {} requests",
                crate::error::limits::MAX_REQUESTS
            )));
        }
        let request = read::request_in(&self.scenario, &value.to_string(), index)?;
        self.begin_change(Kind::Edit);
        if index == self.scenario.requests.len() {
            self.scenario.requests.push(request);
        } else {
            self.scenario.requests[index] = request;
        }
        self.changed();
        Ok(index)
    }

    /// Checks a request without applying it (validation as the PM types).
    pub fn check_request(&self, index: usize, value: Value) -> Problems {
        read::request_in(&self.scenario, &value.to_string(), index)
            .err()
            .unwrap_or_default()
    }

    pub fn remove_request(&mut self, index: usize) -> Result<(), Problems> {
        if index >= self.scenario.requests.len() {
            return Err(one_problem(format!("there is no request {index}")));
        }
        self.begin_change(Kind::Edit);
        self.scenario.requests.remove(index);
        self.changed();
        Ok(())
    }

    /// Copies request `index` right after it, with a fresh id and "(copy)" in the title.
    pub fn duplicate_request(&mut self, index: usize) -> Result<usize, Problems> {
        let Some(original) = self.scenario.requests.get(index) else {
            return Err(one_problem(format!("there is no request {index}")));
        };
        if self.scenario.requests.len() >= crate::error::limits::MAX_REQUESTS {
            return Err(one_problem(format!(
                "a scenario holds at most {} requests",
                crate::error::limits::MAX_REQUESTS
            )));
        }
        // The copy's id and title stay within the length limit.
        let fit = |text: String| -> String {
            let limit = crate::error::limits::MAX_STRING_CHARS;
            if text.chars().count() <= limit {
                text
            } else {
                text.chars().take(limit).collect()
            }
        };
        let mut copy: Request = original.clone();
        let base: String = original
            .id
            .chars()
            .take(crate::error::limits::MAX_STRING_CHARS - 16)
            .collect();
        copy.id = self.fresh_request_id(&format!("{base}-copy"));
        copy.title = fit(format!("{} (copy)", original.title));
        self.begin_change(Kind::Edit);
        self.scenario.requests.insert(index + 1, copy);
        self.changed();
        Ok(index + 1)
    }

    /// An id not used by any request, starting from `base`.
    pub fn fresh_request_id(&self, base: &str) -> String {
        let taken = |id: &str| self.scenario.requests.iter().any(|r| r.id == id);
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .expect("some id is free")
    }

    /// Edits the scenario as JSON and re-reads it whole: for changes to the model, the
    /// accounts, sources, buckets, capacity or name, which requests may refer to. A change
    /// that leaves the scenario invalid is refused with every problem, and changes nothing.
    pub fn edit(
        &mut self,
        f: impl FnOnce(&mut Value) -> Result<(), String>,
    ) -> Result<(), Problems> {
        let mut doc: Value = serde_json::from_str(&self.export()).expect("export is valid JSON");
        f(&mut doc).map_err(one_problem)?;
        let scenario = read::from_str(&doc.to_string()).map_err(problems_of)?;
        self.begin_change(Kind::Edit);
        // Requests keep their order here, so movement references stay aligned.
        self.scenario = scenario;
        self.changed();
        Ok(())
    }

    /// Replaces or appends (`index` = length) an item of a list: `path` is one of
    /// `model.criteria`, `accounts`, `sources`, `buckets`, `capacity`.
    pub fn put_item(&mut self, path: &str, index: usize, item: Value) -> Result<(), Problems> {
        let path = path.to_string();
        self.edit(move |doc| {
            let list = list_at(doc, &path)?;
            match index.cmp(&list.len()) {
                std::cmp::Ordering::Less => list[index] = item,
                std::cmp::Ordering::Equal => list.push(item),
                std::cmp::Ordering::Greater => return Err(format!("there is no {path}[{index}]")),
            }
            Ok(())
        })
    }

    /// Removes an item of a list (see [`put_item`]). Removing a criterion also removes the
    /// requests' values for it and capacity entries naming it; removing anything that is
    /// still referred to is refused with the places that refer to it.
    ///
    /// [`put_item`]: Workbench::put_item
    pub fn remove_item(&mut self, path: &str, index: usize) -> Result<(), Problems> {
        let path = path.to_string();
        self.edit(move |doc| {
            let list = list_at(doc, &path)?;
            if index >= list.len() {
                return Err(format!("there is no {path}[{index}]"));
            }
            let removed = list.remove(index);
            if path == "model.criteria" {
                let id = removed["id"].as_str().unwrap_or_default().to_string();
                if let Some(requests) = doc["requests"].as_array_mut() {
                    for r in requests {
                        if let Some(values) = r.get_mut("values").and_then(Value::as_object_mut) {
                            values.remove(&id);
                        }
                    }
                }
                match &mut doc["capacity"] {
                    Value::Array(entries) => {
                        entries.retain(|c| c["criterion"] != Value::String(id.clone()))
                    }
                    c @ Value::Object(_) if c["criterion"] == Value::String(id.clone()) => {
                        *c = Value::Null
                    }
                    _ => {}
                }
                if doc["capacity"].is_null() {
                    doc.as_object_mut().expect("object").remove("capacity");
                }
            }
            Ok(())
        })
    }

    /// Applies a preset (RICE, WSJF, …); criteria it does not use stay, with weight 0.
    /// `today` becomes the scenario's `as_of` if the preset needs one and it has none.
    pub fn apply_preset(&mut self, id: &str, today: Date) -> Result<(), Problems> {
        let preset =
            presets::find(id).ok_or_else(|| one_problem(format!("there is no preset \"{id}\"")))?;
        let s = &self.scenario;
        let effort = s
            .capacity
            .first()
            .map(|c| s.model.criteria[c.criterion].id.clone())
            .or_else(|| {
                s.model
                    .criteria
                    .iter()
                    .find(|c| c.direction == crate::model::Direction::Cost)
                    .map(|c| c.id.clone())
            });
        self.edit(|doc| {
            preset.apply(&mut doc["model"], effort.as_deref());
            if preset.uses_deadlines() && doc.get("as_of").is_none() {
                doc["as_of"] = Value::String(today.to_string());
            }
            Ok(())
        })
    }

    // ----- internals -----

    /// Marks the start of a change: keeps what undo needs, and the ranks that movement is
    /// measured against.
    fn begin_change(&mut self, kind: Kind) {
        match (&self.pending, kind) {
            (None, Kind::Weights) => self.pending = Some(Step::Weights(self.weights.clone())),
            (None, Kind::Edit) => {
                self.pending = Some(Step::Scenario(Box::new(self.scenario.clone())))
            }
            // Weights moved, then an edit before any commit: undo must return to the
            // scenario as it was, with the weights before the gesture.
            (Some(Step::Weights(w)), Kind::Edit) => {
                let mut before = self.scenario.clone();
                for (c, &w) in before.model.criteria.iter_mut().zip(w) {
                    c.weight = Some(w);
                }
                self.pending = Some(Step::Scenario(Box::new(before)));
                self.remember_ids();
                return;
            }
            (Some(_), _) => return,
        }
        self.set_reference(kind);
    }

    /// Movement from now on is measured against the current ranks.
    fn set_reference(&mut self, kind: Kind) {
        if let Ok(s) = &self.scored {
            self.reference = s.rank.clone();
        }
        if kind == Kind::Edit {
            self.remember_ids();
        }
    }

    /// Keeps the reference ranks by request id, to carry them over requests that move
    /// (an insert, a delete, an undo).
    fn remember_ids(&mut self) {
        self.reference_ids = self
            .scenario
            .requests
            .iter()
            .zip(&self.reference)
            .map(|(r, &rank)| (r.id.clone(), rank))
            .collect();
    }

    /// After an edit other than a weight: rebuild, re-score, commit.
    fn changed(&mut self) {
        self.rebuild();
        self.commit();
    }

    fn rebuild(&mut self) {
        self.table = Table::new(&self.scenario);
        self.weights = weights_of(&self.scenario);
        self.reference = self
            .scenario
            .requests
            .iter()
            .map(|r| self.reference_ids.get(&r.id).copied().unwrap_or(0))
            .collect();
        self.revision += 1;
        self.rescore();
    }

    fn rescore(&mut self) {
        self.scored = self
            .table
            .score(&self.scenario.model.criteria, &self.weights);
        let n = self.scenario.requests.len();
        self.movement.clear();
        match &self.scored {
            Ok(s) => self.movement.extend((0..n).map(|i| {
                let before = self.reference.get(i).copied().unwrap_or(0);
                if before == 0 {
                    0
                } else {
                    before as i32 - s.rank[i] as i32
                }
            })),
            Err(_) => self.movement.resize(n, 0),
        }
    }
}

fn weights_of(s: &Scenario) -> Vec<f64> {
    s.model.criteria.iter().map(|c| c.weight()).collect()
}

fn one_problem(message: impl Into<String>) -> Problems {
    let mut p = Problems::default();
    p.push("", message);
    p
}

fn list_at<'a>(doc: &'a mut Value, path: &str) -> Result<&'a mut Vec<Value>, String> {
    let target = match path {
        "model.criteria" => &mut doc["model"]["criteria"],
        "accounts" | "sources" | "buckets" => {
            if doc.get(path).is_none() {
                doc[path] = Value::Array(Vec::new());
            }
            &mut doc[path]
        }
        "capacity" => {
            // One entry may be written as an object; edit it as a list.
            match doc.get("capacity").cloned() {
                None => doc["capacity"] = Value::Array(Vec::new()),
                Some(Value::Object(o)) => doc["capacity"] = Value::Array(vec![Value::Object(o)]),
                Some(_) => {}
            }
            &mut doc["capacity"]
        }
        other => return Err(format!("{other} is not a list that can be edited")),
    };
    target
        .as_array_mut()
        .ok_or_else(|| format!("{path} is not a list"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const EXAMPLE: &str = include_str!("../examples/field-service-q2.thresh.json");

    fn bench() -> Workbench {
        Workbench::open(EXAMPLE).unwrap()
    }

    fn top(w: &Workbench) -> String {
        let s = w.scores().unwrap();
        w.scenario().requests[s.order[0] as usize].id.clone()
    }

    #[test]
    fn a_weight_change_rescores_and_one_commit_undoes_a_whole_drag() {
        let mut w = bench();
        let revision = w.revision();
        assert_eq!(top(&w), "FS-103");
        for weight in [5.0, 10.0, 20.0, 40.0] {
            w.set_weight(1, weight).unwrap(); // revenue
        }
        assert_eq!(w.revision(), revision, "a weight change re-derives nothing");
        assert_ne!(top(&w), "FS-103");
        assert!(w.movement().iter().any(|&m| m != 0));
        w.commit();
        assert!(w.undo());
        assert_eq!(top(&w), "FS-103");
        assert_eq!(w.scenario().model.criteria[1].weight, Some(2.0));
        assert!(w.redo());
        assert_eq!(w.scenario().model.criteria[1].weight, Some(40.0));
    }

    #[test]
    fn a_refused_edit_changes_nothing() {
        let mut w = bench();
        let before = w.export();
        let mut bad = serde_json::from_str::<Value>(&before).unwrap()["requests"][0].clone();
        bad["values"]["effort"] = json!("eight");
        let problems = w.put_request(0, bad).unwrap_err();
        assert!(
            problems.to_string().contains("requests[0].values.effort"),
            "{problems}"
        );
        assert_eq!(w.export(), before);
        assert!(!w.can_undo());
    }

    #[test]
    fn add_edit_duplicate_remove_requests_with_undo() {
        let mut w = bench();
        let n = w.scenario().requests.len();
        let i = w
            .put_request(
                n,
                json!({"id": "FS-200", "title": "New", "values": {"effort": 1, "fit": 10},
                                   "asks": [{"source": "tickets", "count": 500}]}),
            )
            .unwrap();
        assert_eq!(top(&w), "FS-200");
        assert_eq!(w.movement()[i], 0, "a new request has no movement");
        let d = w.duplicate_request(i).unwrap();
        assert_eq!(w.scenario().requests[d].id, "FS-200-copy");
        w.remove_request(i).unwrap();
        assert_eq!(w.scenario().requests.len(), n + 1);
        assert!(w.undo() && w.undo() && w.undo());
        assert_eq!(w.export(), EXAMPLE);
    }

    #[test]
    fn removing_a_referenced_account_is_refused_with_the_places() {
        let mut w = bench();
        let e = w.remove_item("accounts", 0).unwrap_err().to_string();
        assert!(e.contains("no account has the id \"northgrid\""), "{e}");
        assert_eq!(w.export(), EXAMPLE);
    }

    #[test]
    fn removing_a_criterion_removes_its_values_and_capacity() {
        let mut w = bench();
        w.remove_item("model.criteria", 3).unwrap(); // effort, also the capacity's criterion
        assert!(w.scenario().capacity.is_empty());
        let s = w.scenario();
        assert!(s.model.criterion_index("effort").is_none());
        let values: usize = s.requests.iter().map(|r| r.values.len()).sum();
        assert!(
            values > 0
                && s.requests
                    .iter()
                    .all(|r| r.values.iter().all(|(k, _)| k < s.model.criteria.len()))
        );
        assert!(w.undo());
        assert_eq!(w.export(), EXAMPLE);
    }

    #[test]
    fn undo_after_a_delete_measures_movement_by_request_not_by_position() {
        let mut w = bench();
        w.remove_request(0).unwrap();
        assert!(w.undo());
        assert!(
            w.movement().iter().all(|&m| m == 0 || m == -1),
            "{:?}",
            w.movement()
        );
        assert_eq!(w.export(), EXAMPLE);
    }

    #[test]
    fn redo_during_a_change_in_progress_keeps_history() {
        let mut w = bench();
        w.set_weight(1, 10.0).unwrap();
        w.commit();
        assert!(w.undo());
        w.set_weight(0, 0.5).unwrap();
        assert!(!w.can_redo(), "a new change ends the redo history");
        assert!(!w.redo());
        assert!(w.undo());
        assert_eq!(w.export(), EXAMPLE, "the original weights can be reached");
    }

    #[test]
    fn the_last_positive_weight_cannot_be_set_to_zero() {
        let mut w = bench();
        for k in 0..4 {
            w.set_weight(k, 0.0).unwrap();
        }
        assert!(w.set_weight(4, 0.0).is_err());
        w.commit();
        assert!(
            read::from_str(&w.export()).is_ok(),
            "what is saved always reads back"
        );
    }

    #[test]
    fn a_duplicate_of_a_maximal_request_stays_valid() {
        let mut w = bench();
        let mut r: Value = serde_json::from_str::<Value>(EXAMPLE).unwrap()["requests"][0].clone();
        r["title"] = Value::String("T".repeat(10_000));
        w.put_request(0, r).unwrap();
        let d = w.duplicate_request(0).unwrap();
        assert_eq!(w.scenario().requests[d].title.chars().count(), 10_000);
        assert!(read::from_str(&w.export()).is_ok());
    }

    #[test]
    fn weight_gestures_are_undone_without_copying_the_scenario() {
        let mut w = bench();
        w.set_weight(0, 7.0).unwrap();
        w.commit();
        assert!(matches!(w.undo.last(), Some(Step::Weights(_))));
        w.set_weight(0, 8.0).unwrap();
        w.remove_request(0).unwrap(); // an edit during a gesture: one whole-scenario step
        assert!(matches!(w.undo.last(), Some(Step::Scenario(_))));
        assert!(w.undo());
        assert_eq!(w.scenario().model.criteria[0].weight, Some(7.0));
        assert_eq!(w.scenario().requests.len(), 12);
    }

    #[test]
    fn presets_keep_every_value() {
        let mut w = bench();
        let today = Date::parse("2027-04-01").unwrap();
        w.apply_preset("wsjf", today).unwrap();
        let ids: Vec<&str> = w
            .scenario()
            .model
            .criteria
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        for kept in ["reach", "revenue", "urgency", "effort", "fit"] {
            assert!(ids.contains(&kept), "{kept} kept");
        }
        let fit = w.scenario().model.criterion_index("fit").unwrap();
        assert!(w.scenario().requests[0].values.get(fit).is_some());
        // WSJF's value criteria have no values yet: it cannot score, and says why.
        let e = w.scores().unwrap_err().to_string();
        assert!(e.contains("business_value"), "{e}");
        w.apply_preset("default", today).unwrap();
        assert!(w.scores().is_ok());
    }
}
