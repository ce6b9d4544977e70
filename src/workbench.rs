//! The open scenario while a PM works on it: edits, re-scoring, movement, undo and redo.
//!
//! This is the state the page keeps in WebAssembly, written in plain Rust so it is tested
//! natively; `wasm.rs` only converts its results for JavaScript.
//!
//! Cost model: a weight change re-scores the prepared [`Table`] (one pass and a sort) and
//! nothing else; any other edit rebuilds the table (derive, transform, utilities).
//! Every edit is validated before it replaces the scenario: a refused edit leaves the
//! open work exactly as it was.

use crate::date::Date;
use crate::edit::{Edit, Item, List};
use crate::error::{Problems, ReadError, ScoreError};
use crate::limits;
use crate::model::{Request, Scenario};
use crate::score::{Scores, Table};
use crate::{presets, read, validate, write};

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

    /// A new scenario with the default model, no requests, and `as_of` today.
    pub fn empty(name: &str, today: Date) -> Workbench {
        let mut s = Scenario {
            name: name.to_string(),
            as_of: Some(today),
            currency: None,
            model: crate::model::Model {
                method: None,
                use_confidence: None,
                criteria: Vec::new(),
                views: Vec::new(),
                extra: Default::default(),
            },
            capacity: Vec::new(),
            capacity_is_list: false,
            buckets: Vec::new(),
            sources: Vec::new(),
            accounts: Vec::new(),
            requests: Vec::new(),
            extra: Default::default(),
        };
        let default = presets::find("default").expect("the default preset exists");
        presets::preview(default, &s).apply(&mut s, today);
        Workbench::new(s)
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

    /// Applies an edit (see [`Edit`]); a refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<(), Problems> {
        self.check_before(&edit)?;
        let had_pending = self.pending.is_some();
        self.begin_change(Kind::Edit);
        let undo = self.mutate(edit);
        let problems = validate::scenario(&self.scenario);
        if !problems.is_empty() {
            self.revert(undo);
            if !had_pending {
                self.pending = None;
            }
            return Err(problems);
        }
        self.changed();
        Ok(())
    }

    /// Refusals decided before anything changes: indices, the request limit, removals of
    /// what is still referred to, the last weighted criterion.
    fn check_before(&self, edit: &Edit) -> Result<(), Problems> {
        let s = &self.scenario;
        match edit {
            Edit::Name(name) => {
                if name.chars().count() > limits::MAX_STRING_CHARS {
                    return Err(one_problem(format!(
                        "a name holds at most {} characters",
                        limits::MAX_STRING_CHARS
                    )));
                }
            }
            Edit::Put(index, item) => {
                let len = item.list().len(s);
                if *index > len {
                    return Err(one_problem(format!(
                        "there is no {}[{index}]",
                        item.list().path()
                    )));
                }
                if item.list() == List::Requests && *index == len && len >= limits::MAX_REQUESTS {
                    return Err(one_problem(format!(
                        "a scenario holds at most {} requests",
                        limits::MAX_REQUESTS
                    )));
                }
            }
            Edit::Remove(list, index) => {
                if *index >= list.len(s) {
                    return Err(one_problem(format!("there is no {}[{index}]", list.path())));
                }
                let refs = references(s, *list, *index);
                if !refs.is_empty() {
                    return Err(refs);
                }
                if *list == List::Criteria
                    && s.model
                        .criteria
                        .iter()
                        .enumerate()
                        .all(|(k, c)| k == *index || c.weight() <= 0.0)
                {
                    return Err(one_problem(validate::NO_WEIGHT));
                }
                // A view left judging one criterion, or weighing none, is refused here:
                // a removal is not undone when the result breaks a rule.
                if *list == List::Criteria {
                    let views = validate::removing_criterion(s, *index);
                    if !views.is_empty() {
                        return Err(views);
                    }
                }
            }
            Edit::Pin(index, _) => {
                if *index >= s.requests.len() {
                    return Err(one_problem(format!("there is no request {index}")));
                }
            }
            Edit::AsOf(_) | Edit::Currency(_) | Edit::Method(_) | Edit::UseConfidence(_) => {}
        }
        Ok(())
    }

    /// Makes the change; returns what puts it back should the result be invalid.
    fn mutate(&mut self, edit: Edit) -> Undo {
        let s = &mut self.scenario;
        match edit {
            Edit::Name(name) => Undo::Name(std::mem::replace(&mut s.name, name)),
            Edit::AsOf(d) => Undo::AsOf(std::mem::replace(&mut s.as_of, d)),
            Edit::Currency(c) => Undo::Currency(std::mem::replace(&mut s.currency, c)),
            Edit::Method(m) => Undo::Method(std::mem::replace(&mut s.model.method, m)),
            Edit::UseConfidence(b) => {
                Undo::UseConfidence(std::mem::replace(&mut s.model.use_confidence, b))
            }
            Edit::Pin(i, pin) => Undo::Pin(i, std::mem::replace(&mut s.requests[i].plan, pin)),
            Edit::Put(index, item) => {
                let list = item.list();
                let appended = index == list.len(s);
                let old = match item {
                    Item::Criterion(x) => put(&mut s.model.criteria, index, x).map(Item::Criterion),
                    Item::Source(x) => put(&mut s.sources, index, x).map(Item::Source),
                    Item::Account(x) => put(&mut s.accounts, index, x).map(Item::Account),
                    Item::Bucket(x) => put(&mut s.buckets, index, x).map(Item::Bucket),
                    Item::Capacity(x) => put(&mut s.capacity, index, x).map(Item::Capacity),
                    Item::Request(x) => put(&mut s.requests, index, x).map(Item::Request),
                };
                match (appended, old) {
                    (false, Some(old)) => Undo::Put(index, Box::new(old)),
                    _ => Undo::Pop(list),
                }
            }
            Edit::Remove(list, index) => {
                match list {
                    List::Criteria => {
                        s.remove_criterion(index);
                    }
                    List::Sources => {
                        s.remove_source(index);
                    }
                    List::Accounts => {
                        s.remove_account(index);
                    }
                    List::Buckets => {
                        s.remove_bucket(index);
                    }
                    List::Capacity => {
                        s.capacity.remove(index);
                    }
                    List::Requests => {
                        s.requests.remove(index);
                    }
                }
                // Removals are checked beforehand; nothing to put back.
                Undo::Nothing
            }
        }
    }

    fn revert(&mut self, undo: Undo) {
        let s = &mut self.scenario;
        match undo {
            Undo::Name(x) => s.name = x,
            Undo::AsOf(x) => s.as_of = x,
            Undo::Currency(x) => s.currency = x,
            Undo::Method(x) => s.model.method = x,
            Undo::UseConfidence(x) => s.model.use_confidence = x,
            Undo::Pin(i, x) => s.requests[i].plan = x,
            Undo::Put(index, item) => {
                match *item {
                    Item::Criterion(x) => s.model.criteria[index] = x,
                    Item::Source(x) => s.sources[index] = x,
                    Item::Account(x) => s.accounts[index] = x,
                    Item::Bucket(x) => s.buckets[index] = x,
                    Item::Capacity(x) => s.capacity[index] = x,
                    Item::Request(x) => s.requests[index] = x,
                };
            }
            Undo::Pop(list) => match list {
                List::Criteria => drop(s.model.criteria.pop()),
                List::Sources => drop(s.sources.pop()),
                List::Accounts => drop(s.accounts.pop()),
                List::Buckets => drop(s.buckets.pop()),
                List::Capacity => drop(s.capacity.pop()),
                List::Requests => drop(s.requests.pop()),
            },
            Undo::Nothing => {}
        }
    }

    /// Reads an item of a list from its JSON (as the file writes it) and puts it at
    /// `index` (appends when `index` is the list's length).
    pub fn put_item(&mut self, list: List, index: usize, text: &str) -> Result<(), Problems> {
        let item = read::item_in(&self.scenario, list, index, text)?;
        self.apply(Edit::Put(index, item))
    }

    /// Problems of an item being edited, without applying it (validation as the PM
    /// types); empty when there are none.
    pub fn check_item(&self, list: List, index: usize, text: &str) -> Problems {
        read::item_in(&self.scenario, list, index, text)
            .err()
            .unwrap_or_default()
    }

    /// Replaces request `index` (or appends one when `index` is the number of requests)
    /// with the request a JSON object describes. Refused edits change nothing.
    pub fn put_request(&mut self, index: usize, text: &str) -> Result<usize, Problems> {
        self.put_item(List::Requests, index, text).map(|()| index)
    }

    /// Checks a request without applying it (validation as the PM types).
    pub fn check_request(&self, index: usize, text: &str) -> Problems {
        self.check_item(List::Requests, index, text)
    }

    pub fn remove_request(&mut self, index: usize) -> Result<(), Problems> {
        self.apply(Edit::Remove(List::Requests, index))
    }

    /// Copies request `index` right after it, with a fresh id and "(copy)" in the title.
    pub fn duplicate_request(&mut self, index: usize) -> Result<usize, Problems> {
        let Some(original) = self.scenario.requests.get(index) else {
            return Err(one_problem(format!("there is no request {index}")));
        };
        if self.scenario.requests.len() >= limits::MAX_REQUESTS {
            return Err(one_problem(format!(
                "a scenario holds at most {} requests",
                limits::MAX_REQUESTS
            )));
        }
        // The copy's id and title stay within the length limit.
        let fit = |text: String| -> String {
            let limit = limits::MAX_STRING_CHARS;
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
            .take(limits::MAX_STRING_CHARS - 16)
            .collect();
        copy.id = self.fresh_id(List::Requests, &format!("{base}-copy"));
        copy.title = fit(format!("{} (copy)", original.title));
        self.begin_change(Kind::Edit);
        self.scenario.requests.insert(index + 1, copy);
        self.changed();
        Ok(index + 1)
    }

    /// An id not used in `list`, starting from `base` (`base`, `base-2`, `base-3`, …).
    pub fn fresh_id(&self, list: List, base: &str) -> String {
        let s = &self.scenario;
        unused_id(base, |id| (0..list.len(s)).any(|i| list.id_at(s, i) == id))
    }

    /// An unused request id like `R-13`.
    pub fn new_request_id(&self) -> String {
        let n = self.scenario.requests.len() + 1;
        self.fresh_id(List::Requests, &format!("R-{n:02}"))
    }

    /// What applying a preset (RICE, WSJF, …) would do, before it is done.
    pub fn preview_preset(&self, id: &str) -> Result<presets::Preview, Problems> {
        let preset =
            presets::find(id).ok_or_else(|| one_problem(format!("there is no preset \"{id}\"")))?;
        Ok(presets::preview(preset, &self.scenario))
    }

    /// Applies a preset as one undoable step (see [`presets`]): data that fits is reused,
    /// criteria it does not use stay with weight 0. `today` becomes the scenario's `as_of`
    /// if the preset needs one and it has none.
    pub fn apply_preset(&mut self, id: &str, today: Date) -> Result<(), Problems> {
        let preview = self.preview_preset(id)?;
        let mut next = self.scenario.clone();
        preview.apply(&mut next, today);
        self.replace(next)
    }

    /// Replaces the whole scenario (a preset, an import into it, a merge) as one undoable
    /// step; requests keep their movement by id. Refused when the result is not valid.
    pub fn replace(&mut self, next: Scenario) -> Result<(), Problems> {
        let problems = validate::scenario(&next);
        if !problems.is_empty() {
            return Err(problems);
        }
        self.put(next);
        Ok(())
    }

    /// Replaces the whole scenario with a scenario file's text (changes taken from another
    /// scenario, a merge finished in the page's worker) as one undoable step. A text that
    /// does not read, or reads invalid, is refused and changes nothing.
    pub fn replace_text(&mut self, text: &str) -> Result<(), Problems> {
        // The reader enforces every rule `validate::scenario` checks (with the same
        // messages), so what it reads is put in place without checking it again.
        let next = read::from_str(text).map_err(problems_of)?;
        self.put(next);
        Ok(())
    }

    /// Puts a valid scenario in place of the open one, as one undoable step.
    fn put(&mut self, next: Scenario) {
        self.begin_change(Kind::Edit);
        self.scenario = next;
        self.changed();
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
                if before == 0 || s.rank[i] == 0 {
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

/// What puts an edit back when its result is refused.
enum Undo {
    Name(String),
    AsOf(Option<Date>),
    Currency(Option<String>),
    Method(Option<crate::model::Method>),
    UseConfidence(Option<bool>),
    Pin(usize, Option<crate::model::Pin>),
    Put(usize, Box<Item>),
    Pop(List),
    Nothing,
}

/// Replaces item `index` (returning the old one) or appends.
fn put<T>(list: &mut Vec<T>, index: usize, item: T) -> Option<T> {
    if index == list.len() {
        list.push(item);
        None
    } else {
        Some(std::mem::replace(&mut list[index], item))
    }
}

/// The places that refer to item `index` of an account, source or bucket list, as the
/// problems a file without that item would have.
fn references(s: &Scenario, list: List, index: usize) -> Problems {
    let mut p = Problems::default();
    let what = match list {
        List::Accounts => "account",
        List::Sources => "source",
        List::Buckets => "bucket",
        _ => return p,
    };
    let id = list.id_at(s, index);
    let message = format!(
        "no {what} has the id {}",
        crate::json::Value::str(id).describe()
    );
    for (i, r) in s.requests.iter().enumerate() {
        if list == List::Buckets && r.bucket == Some(index) {
            p.push(format!("requests[{i}].bucket"), message.clone());
        }
        for (j, a) in r.asks.iter().enumerate() {
            let (refers, key) = match list {
                List::Accounts => (a.account == Some(index), "account"),
                List::Sources => (a.source == Some(index), "source"),
                _ => (false, ""),
            };
            if refers {
                p.push(format!("requests[{i}].asks[{j}].{key}"), message.clone());
            }
        }
    }
    p
}

fn one_problem(message: impl Into<String>) -> Problems {
    let mut p = Problems::default();
    p.push("", message);
    p
}

/// `base` when `taken` refuses it, else the first of `base-2`, `base-3`, … that it does not.
pub fn unused_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some id is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

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
        let problems = w.put_request(0, &bad.to_string()).unwrap_err();
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
                &json!({"id": "FS-200", "title": "New", "values": {"effort": 1, "fit": 10},
                        "asks": [{"source": "tickets", "count": 500}], "deadline": "2027-04-01"})
                .to_string(),
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
        let e = w
            .apply(Edit::Remove(List::Accounts, 0))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no account has the id \"northgrid\""), "{e}");
        assert_eq!(w.export(), EXAMPLE);
    }

    #[test]
    fn removing_a_criterion_removes_its_values_and_capacity() {
        let mut w = bench();
        // effort, also the capacity's criterion
        w.apply(Edit::Remove(List::Criteria, 3)).unwrap();
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
        w.put_request(0, &r.to_string()).unwrap();
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
        // WSJF reuses what fits (urgency for time criticality, effort for job size) and
        // starts the ratings at their defaults: every request ranks at once.
        let s = w.scores().unwrap();
        assert_eq!(s.order.len(), 12);
        assert!(s.unscorable.is_empty());
        assert_eq!(w.table().sitting_out().count(), 0);
        let criteria = &w.scenario().model.criteria;
        assert_eq!(criteria[1].id, "urgency", "time criticality is the urgency");
        assert_eq!(criteria[3].id, "effort", "job size is the effort");
        assert_eq!(criteria[0].default, Some(5.0));
        assert!(w.undo());
        assert_eq!(w.export(), EXAMPLE, "one undoable step");
        w.apply_preset("default", today).unwrap();
        assert!(w.scores().is_ok());
    }

    #[test]
    fn an_edit_that_breaks_a_rule_elsewhere_is_refused_and_changes_nothing() {
        let mut w = bench();
        // The capacity's criterion turned into a benefit: refused, with the capacity's path.
        let effort = w.scenario().model.criterion_index("effort").unwrap();
        let mut c = w.scenario().model.criteria[effort].clone();
        c.direction = crate::model::Direction::Benefit;
        let e = w.apply(Edit::Put(effort, Item::Criterion(c))).unwrap_err();
        assert!(e.to_string().starts_with("capacity.criterion: "), "{e}");
        // A deadline criterion needs as_of.
        let e = w.apply(Edit::AsOf(None)).unwrap_err();
        assert!(e.to_string().starts_with("as_of: "), "{e}");
        assert_eq!(w.export(), EXAMPLE);
        assert!(!w.can_undo());
    }

    #[test]
    fn renaming_an_id_keeps_what_refers_to_it() {
        let mut w = bench();
        let text = r#"{"id": "north", "name": "Northgrid Utilities", "arr": 1}"#;
        w.put_item(List::Accounts, 0, text).unwrap();
        let s = w.scenario();
        assert_eq!(s.accounts[0].id, "north");
        assert!(w.export().contains("\"account\": \"north\""));
        assert!(read::from_str(&w.export()).is_ok());
        assert!(w.undo());
        assert_eq!(w.export(), EXAMPLE);
    }

    #[test]
    fn typed_fields_and_pins() {
        let mut w = bench();
        w.apply(Edit::Name("Q3".into())).unwrap();
        w.apply(Edit::Method(Some(crate::model::Method::WeightedProduct)))
            .unwrap();
        w.apply(Edit::Pin(0, Some(crate::model::Pin::Must)))
            .unwrap();
        assert_eq!(w.scenario().name, "Q3");
        assert_eq!(w.scenario().requests[0].plan, Some(crate::model::Pin::Must));
        assert!(w.apply(Edit::Pin(99, None)).is_err());
        assert!(w.undo() && w.undo() && w.undo());
        assert_eq!(w.export(), EXAMPLE);
    }
}
