//! Taking some of the changes from A to B into A, by path (the page's "Take" and "Take
//! all"), together with what they cannot do without: a request taken with the bucket it
//! was added in, a bucket's removal with the requests that left it.
//!
//! [`apply`](super::apply) takes exactly the changes it is given, valid or not; a PM who
//! takes "request FS-113 added" expects FS-113 in the open scenario, in its bucket, even
//! when the bucket was added on the same side. So [`take`] adds, first, the items the
//! taken changes refer to that only B has (an added bucket, account, team or criterion),
//! then reads the result and, for each problem, the changes at, above or below its place
//! (and the items it refers to), until the result reads — or says why it cannot.

use std::collections::HashMap;

use super::changes::{apply, changes, ApplyError, Change, ChangeKind};
use super::merge::{place, tree_path};
use super::tree::Tree;
use crate::error::{Problems, ReadError};
use crate::json::Value;
use crate::model::Scenario;

/// Rounds of "read, add what the problems need" before giving up (each round adds at least
/// one change, and a chain of references is short: a request, its bucket).
const MAX_ROUNDS: usize = 8;

/// What taking gave.
#[derive(Clone, Debug)]
pub struct Taken {
    /// A with the changes taken: a scenario that reads.
    pub scenario: Scenario,
    /// The changes asked for (those still changes), in the order of [`changes`].
    pub taken: Vec<Change>,
    /// The changes taken along so that the result reads, in the order they were found.
    pub along: Vec<Change>,
}

/// Why nothing was taken.
#[derive(Clone, Debug, PartialEq)]
pub enum TakeError {
    /// None of the paths is a change from A to B any more (A has B's value there).
    Nothing,
    /// The result would not read, and no other change from A to B mends it.
    Invalid(Problems),
    Apply(ApplyError),
}

impl std::fmt::Display for TakeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TakeError::Nothing => {
                f.write_str("there is nothing to take: the open scenario already has it")
            }
            TakeError::Invalid(p) => write!(
                f,
                "it cannot be taken: the scenario would not be valid, and no other change mends it\n{p}"
            ),
            TakeError::Apply(e) => write!(f, "it cannot be taken: {e}"),
        }
    }
}

impl std::error::Error for TakeError {}

/// Takes the changes from `a` to `b` at `paths` (paths that are not changes are skipped)
/// into `a`, with the changes they need (see the module's doc). An empty `paths` with
/// `all` takes every change: the result is then the same as `b` by §1.
///
/// Cost: one comparison of the trees, then per round the changes applied to a copy of
/// `a`, written and read; usually one round.
pub fn take(a: &Tree, b: &Tree, paths: &[Vec<String>], all: bool) -> Result<Taken, TakeError> {
    let list = changes(a, b);
    let index: HashMap<&[String], usize> = list
        .iter()
        .enumerate()
        .map(|(i, c)| (c.path.as_slice(), i))
        .collect();
    let mut chosen = vec![all; list.len()];
    let mut asked: Vec<usize> = if all {
        (0..list.len()).collect()
    } else {
        Vec::new()
    };
    if !all {
        for p in paths {
            if let Some(&i) = index.get(p.as_slice()) {
                if !chosen[i] {
                    chosen[i] = true;
                    asked.push(i);
                }
            }
        }
        asked.sort_unstable();
    }
    if asked.is_empty() {
        return Err(TakeError::Nothing);
    }
    let mut along = Vec::new();
    // The items the taken changes refer to, where only B has them.
    let mut queue = asked.clone();
    while let Some(i) = queue.pop() {
        let Some(value) = &list[i].b else { continue };
        for item in referred(&list[i].path, value) {
            if let Some(&j) = index.get(item.as_slice()) {
                if list[j].kind == ChangeKind::Added && pick(j, &mut chosen, &mut along) {
                    queue.push(j);
                }
            }
        }
    }
    for _ in 0..MAX_ROUNDS {
        let picked: Vec<Change> = (0..list.len())
            .filter(|&i| chosen[i])
            .map(|i| list[i].clone())
            .collect();
        let tree = apply(a, &picked).map_err(TakeError::Apply)?;
        let problems = match tree.to_scenario() {
            Ok(scenario) => {
                return Ok(Taken {
                    scenario,
                    taken: asked.iter().map(|&i| list[i].clone()).collect(),
                    along: along.iter().map(|&i| list[i].clone()).collect(),
                })
            }
            Err(ReadError::Invalid(p)) => p,
            Err(other) => {
                let mut p = Problems::default();
                p.push("", other.to_string());
                return Err(TakeError::Invalid(p));
            }
        };
        let mut mended = false;
        for p in &problems.list {
            let at = place(tree_path(&tree, &p.path));
            if at.is_empty() {
                continue;
            }
            for (j, c) in list.iter().enumerate() {
                if !chosen[j] && related(&c.path, &at) {
                    mended |= pick(j, &mut chosen, &mut along);
                }
            }
            if let Some(value) = tree.get(&at) {
                for item in referred(&at, &value) {
                    if let Some(&j) = index.get(item.as_slice()) {
                        mended |= pick(j, &mut chosen, &mut along);
                    }
                }
            }
        }
        if !mended {
            return Err(TakeError::Invalid(problems));
        }
    }
    Err(TakeError::Nothing)
}

/// Chooses change `j` along with those asked for; false when it was chosen already.
fn pick(j: usize, chosen: &mut [bool], along: &mut Vec<usize>) -> bool {
    if chosen[j] {
        return false;
    }
    chosen[j] = true;
    along.push(j);
    true
}

/// Whether one path lies on the other (equal, above or below it).
pub(crate) fn related(x: &[String], y: &[String]) -> bool {
    let n = x.len().min(y.len());
    x[..n] == y[..n]
}

/// The items a value at `path` refers to, as the paths of those items: a request's bucket,
/// its asks' accounts and teams, its values' criteria; a capacity entry's criterion; a
/// view's weights' criteria.
pub(crate) fn referred(path: &[String], value: &Value) -> Vec<Vec<String>> {
    let item = |list: &[&str], id: &str| -> Vec<String> {
        list.iter()
            .map(|s| s.to_string())
            .chain(std::iter::once(id.to_string()))
            .collect()
    };
    let criterion = |id: &str| item(&["model", "criteria"], id);
    let mut out = Vec::new();
    let keys_as_criteria = |v: &Value, out: &mut Vec<Vec<String>>| {
        if let Some(o) = v.as_object() {
            out.extend(o.keys().map(criterion));
        }
    };
    let asks = |v: &Value, out: &mut Vec<Vec<String>>| {
        for ask in v.as_array().into_iter().flatten() {
            if let Some(id) = ask.get("account").and_then(Value::as_str) {
                out.push(item(&["accounts"], id));
            }
            if let Some(id) = ask.get("source").and_then(Value::as_str) {
                out.push(item(&["sources"], id));
            }
        }
    };
    let entry = |v: &Value, out: &mut Vec<Vec<String>>| {
        if let Some(id) = v.get("criterion").and_then(Value::as_str) {
            out.push(criterion(id));
        }
    };
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    match p.as_slice() {
        ["requests", _] => {
            if let Some(id) = value.get("bucket").and_then(Value::as_str) {
                out.push(item(&["buckets"], id));
            }
            if let Some(a) = value.get("asks") {
                asks(a, &mut out);
            }
            if let Some(v) = value.get("values") {
                keys_as_criteria(v, &mut out);
            }
        }
        ["requests", _, "bucket"] => {
            if let Some(id) = value.as_str() {
                out.push(item(&["buckets"], id));
            }
        }
        ["requests", _, "asks"] => asks(value, &mut out),
        ["requests", _, "values"] => keys_as_criteria(value, &mut out),
        ["requests", _, "values", c, ..] => out.push(criterion(c)),
        ["capacity"] => match value {
            Value::Array(entries) => entries.iter().for_each(|e| entry(e, &mut out)),
            other => entry(other, &mut out),
        },
        ["capacity", c, ..] => {
            out.push(criterion(c));
            if let Some(id) = value.as_str() {
                out.push(criterion(id));
            }
            entry(value, &mut out);
        }
        ["model", "views", _] => {
            if let Some(w) = value.get("weights") {
                keys_as_criteria(w, &mut out);
            }
        }
        ["model", "views", _, "weights"] => keys_as_criteria(value, &mut out),
        ["model", "views", _, "weights", c, ..] => out.push(criterion(c)),
        _ => {}
    }
    out
}
