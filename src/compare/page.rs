//! The page's compare and merge: scenario files in, JSON text out, so that the page's Web
//! Worker (wasm/analysis) only hands bytes and strings across, and every word the page
//! shows is written here, tested natively.
//!
//! - [`review`]: what changed from the open scenario (A) to another (B), grouped, each
//!   change in words, with the ranking side by side and the plan's ins and outs;
//! - [`take`]: A with some of those changes taken (by path), as a file's text;
//! - [`merge`]: a colleague's file (theirs) merged with the open scenario (ours) against
//!   the export it came from (base): the conflicts in words, what the merge brings in,
//!   and the merged text when nothing needs deciding;
//! - [`resolve`]: the merge finished with a side chosen at every conflict.
//!
//! Every input is a scenario file's bytes, read exactly as the command line reads them
//! ([`File::read`]; a file that does not read is a [`FileError`] naming the file and every
//! problem's place). A file is read once: the worker keeps the other side and the base
//! while the PM takes changes or decides conflicts, and reads only the open scenario again.
//!
//! Cost: reading a file and building its tree cost about three times writing the scenario;
//! then one walk, and for a review both rankings and both plans (see [`diff_trees`]).

use std::collections::HashMap;

use super::changes::{changes, changes_between, Change};
use super::describe::{group, Group, Names};
use super::diff::diff_trees;
use super::merge::{merge_trees, Conflict};
use super::resolve::{resolve as resolve_trees, Side};
use super::take::take as take_trees;
use super::tree::{same, Node, Tree};
use crate::json::{self, Cursor, Object, Value};
use crate::model::Scenario;
use crate::{object, read, write};

/// Rows of the ranking a review lists (B's order); the rest are counted.
pub const RANKING_ROWS: usize = 200;
/// Requests of each side of the plan difference a review lists; the rest are counted.
pub const PLAN_ROWS: usize = 200;
/// Changes said in words for a side of a conflict at an item before "and N more".
const SIDE_CHANGES: usize = 4;

/// A file that could not be read, or a request the page made that makes no sense.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// Which input: `ours`, `theirs`, `base` or `request`.
    pub file: &'static str,
    /// What is wrong, every problem with its place (as the command line says it).
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for FileError {}

/// A scenario file read for comparing: the scenario, and its tree.
pub struct File {
    pub scenario: Scenario,
    pub tree: Tree,
}

impl File {
    /// Reads a file's bytes (`file` names it in an error: `ours`, `theirs`, `base`).
    pub fn read(file: &'static str, bytes: &[u8]) -> Result<File, FileError> {
        let scenario = read::from_slice(bytes).map_err(|e| FileError {
            file,
            message: e.to_string(),
        })?;
        let tree = Tree::of(&scenario);
        Ok(File { scenario, tree })
    }
}

fn request_error(message: impl Into<String>) -> FileError {
    FileError {
        file: "request",
        message: message.into(),
    }
}

/// The JSON of a request the page made (paths, choices), read with our own reader.
fn parse(text: &str) -> Result<Value, FileError> {
    json::scan(text).map_err(|e| request_error(e.message))?;
    Ok(Cursor::new(text, 0).value())
}

fn path_of(v: &Value) -> Result<Vec<String>, FileError> {
    v.as_array()
        .and_then(|items| {
            items
                .iter()
                .map(|k| k.as_str().map(String::from))
                .collect::<Option<Vec<_>>>()
        })
        .ok_or_else(|| request_error("a path is a list of keys"))
}

/// A change for the page: its path and kind, and its words — whole, its subject (the item
/// it is in), and the rest (`detail`).
fn change_value(c: &Change, names: &Names) -> Value {
    object! {
        "path": Value::strings(&c.path),
        "kind": c.kind.as_str(),
        "words": names.describe(c),
        "subject": names.subject(c),
        "detail": names.detail(c),
    }
}

/// Changes grouped as a summary lists them: `[{id, title, changes: [...]}]`, in
/// [`Group::ALL`]'s order, empty groups left out.
fn groups(list: &[Change], names: &Names) -> Value {
    let mut by_group: Vec<Vec<Value>> = vec![Vec::new(); Group::ALL.len()];
    for c in list {
        let g = group(c);
        let at = Group::ALL.iter().position(|&x| x == g).unwrap_or(0);
        by_group[at].push(change_value(c, names));
    }
    let out: Vec<Value> = Group::ALL
        .iter()
        .zip(by_group)
        .filter(|(_, changes)| !changes.is_empty())
        .map(|(g, changes)| {
            object! { "id": g.id(), "title": g.title(), "changes": Value::Array(changes) }
        })
        .collect();
    Value::Array(out)
}

fn requests(ids: &[String], names: &Names, limit: usize) -> Value {
    Value::Array(
        ids.iter()
            .take(limit)
            .map(|id| object! { "id": id.as_str(), "title": names.title(id) })
            .collect(),
    )
}

fn text_of(v: &Value) -> String {
    let mut s = v.to_compact();
    s.push('\n');
    s
}

/// What changed from A (the open scenario) to B, and what it does:
///
/// ```json
/// { "a": {"name", "requests"}, "b": {"name", "requests"}, "count": 3,
///   "groups": [ { "id": "teams", "title": "Teams", "changes": [
///       { "path": ["sources", "key-account", "credibility"], "kind": "changed",
///         "words": "Key-account managers: credibility 0.5 → 0.8",
///         "subject": "Key-account managers", "detail": "credibility 0.5 → 0.8" } ] } ],
///   "ranking": [ { "id", "title", "rank_a", "rank_b", "score_a", "score_b" } ],
///   "ranked": 12, "moved": 4,
///   "plan": { "only_a": [{"id", "title"}], "only_b": [...], "only_a_count": 1,
///             "only_b_count": 1, "both": 5 } | null }
/// ```
///
/// `ranking` lists the first [`RANKING_ROWS`] of §2's order (`ranked` counts them all);
/// `moved` counts the requests whose rank differs (added and removed ones included).
pub fn review(ours: &File, theirs: &File) -> String {
    let (a, b) = (&ours.scenario, &theirs.scenario);
    let d = diff_trees(a, &ours.tree, b, &theirs.tree);
    let names = Names::new(a, b);
    let ranking: Vec<Value> = d
        .ranking
        .iter()
        .take(RANKING_ROWS)
        .map(|m| {
            object! {
                "id": m.id.as_str(), "title": names.title(&m.id),
                "rank_a": m.rank_a, "rank_b": m.rank_b,
                "score_a": m.score_a, "score_b": m.score_b,
            }
        })
        .collect();
    let moved = d.ranking.iter().filter(|m| m.rank_a != m.rank_b).count();
    let plan = match &d.plan {
        None => Value::Null,
        Some(p) => object! {
            "only_a": requests(&p.only_a, &names, PLAN_ROWS),
            "only_b": requests(&p.only_b, &names, PLAN_ROWS),
            "only_a_count": p.only_a.len(),
            "only_b_count": p.only_b.len(),
            "both": p.both.len(),
        },
    };
    let side = |s: &Scenario| object! { "name": s.name.as_str(), "requests": s.requests.len() };
    text_of(&object! {
        "a": side(a),
        "b": side(b),
        "count": d.changes.len(),
        "groups": groups(&d.changes, &names),
        "ranking": Value::Array(ranking),
        "ranked": d.ranking.len(),
        "moved": moved,
        "plan": plan,
    })
}

/// The open scenario (A) with changes from B taken. `request` is
/// `{"paths": [[key, …], …]}` or `{"all": true}`. The answer:
///
/// ```json
/// { "text": "…the scenario file…", "taken": ["words", …], "along": ["words", …] }
/// ```
///
/// `along` says the changes taken with them so that the scenario stays valid (the bucket
/// an added request is in). A request that is no longer a change, or a result that cannot
/// be made valid, is an error (`file` is `request`).
pub fn take(ours: &File, theirs: &File, request: &str) -> Result<String, FileError> {
    let req = parse(request)?;
    let all = matches!(req.get("all"), Some(Value::Bool(true)));
    let paths = match req.get("paths") {
        Some(Value::Array(items)) => items.iter().map(path_of).collect::<Result<Vec<_>, _>>()?,
        _ if all => Vec::new(),
        _ => return Err(request_error("a take names its paths, or all")),
    };
    let taken = take_trees(&ours.tree, &theirs.tree, &paths, all)
        .map_err(|e| request_error(e.to_string()))?;
    let names = Names::new(&ours.scenario, &theirs.scenario);
    let words = |list: &[Change]| Value::strings(list.iter().map(|c| names.describe(c)));
    Ok(text_of(&object! {
        "text": write::to_string(&taken.scenario),
        "taken": words(&taken.taken),
        "along": words(&taken.along),
    }))
}

/// A conflict for the page: its place in words (`subject`, `field`), each side in words
/// (a side's value, "not set", "removed", or for an item the changes it made), and for a
/// conflict the merged scenario's reading found, the reader's `problem`.
fn conflict_value(c: &Conflict, trees: [&Tree; 3], names: &Names) -> Value {
    let nodes = trees.map(|t| t.node(&c.path));
    let [base, ours, theirs] = [0, 1, 2].map(|i| nodes[i].as_deref());
    let base_words = match base {
        Some(Node::Leaf(v)) => names.value(v, &c.path),
        Some(_) => String::new(),
        None => "not set".into(),
    };
    object! {
        "path": Value::strings(&c.path),
        "subject": if c.path.is_empty() { String::new() } else { names.subject_at(&c.path) },
        "field": names.field(&c.path),
        "base": base_words,
        "ours": side_words(names, &c.path, base, ours),
        "theirs": side_words(names, &c.path, base, theirs),
        "problem": c.problem.as_deref(),
    }
}

/// One side of a conflict in words, against the base.
fn side_words(names: &Names, path: &[String], base: Option<&Node>, side: Option<&Node>) -> String {
    let item = matches!(
        path.iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        [_, _] | ["model", "criteria" | "views", _]
    );
    match (base, side) {
        (None, None) => "not there".into(),
        (Some(_), None) if item => "removed".into(),
        (Some(_), None) => "not set".into(),
        (None, Some(Node::Leaf(v))) => names.value(v, path),
        (None, Some(_)) => "added".into(),
        (Some(b), Some(s)) if same(b, s) => "unchanged".into(),
        (Some(Node::Leaf(_)), Some(Node::Leaf(v))) => names.value(v, path),
        (Some(b), Some(s)) => {
            let list = changes_between(path, b, s);
            if list.is_empty() {
                return "unchanged".into();
            }
            let mut parts: Vec<String> = list
                .iter()
                .take(SIDE_CHANGES)
                .map(|c| names.detail(c))
                .collect();
            if list.len() > SIDE_CHANGES {
                parts.push(format!("and {} more", list.len() - SIDE_CHANGES));
            }
            parts.join("; ")
        }
    }
}

fn conflicts_value(list: &[Conflict], trees: [&Tree; 3], names: &Names) -> Value {
    Value::Array(
        list.iter()
            .map(|c| conflict_value(c, trees, names))
            .collect(),
    )
}

/// Merges theirs into ours against base:
///
/// ```json
/// { "conflicts": [ { "path", "subject", "field", "base", "ours", "theirs", "problem" } ],
///   "incoming": [ groups of changes, as in a review: what the merge changes in ours ],
///   "incoming_count": 4, "ours_changes": 2, "theirs_changes": 5,
///   "text": "…the merged file…" | null }
/// ```
///
/// `incoming` is the merged scenario against ours, ours' side kept at every conflict:
/// what applying the merge brings into the open scenario besides what is decided.
/// `text` is there when nothing needs deciding.
pub fn merge(base: &File, ours: &File, theirs: &File) -> String {
    let (b, o, t) = (&base.tree, &ours.tree, &theirs.tree);
    let m = merge_trees(b, o, t);
    let names = Names::new(&ours.scenario, &theirs.scenario);
    let incoming = changes(o, &m.tree);
    let text = if m.conflicts.is_empty() {
        Value::String(m.text())
    } else {
        Value::Null
    };
    text_of(&object! {
        "conflicts": conflicts_value(&m.conflicts, [b, o, t], &names),
        "incoming": groups(&incoming, &names),
        "incoming_count": incoming.len(),
        "ours_changes": changes(b, o).len(),
        "theirs_changes": changes(b, t).len(),
        "text": text,
    })
}

/// Finishes a merge with a side chosen at each conflict. `choices` is
/// `[{"path": [...], "side": "ours" | "theirs"}, …]`. The answer is
/// `{"text": "…", "restored": ["bucket Mobile", …]}`, or — while something is left to
/// decide — `{"conflicts": [...]}` as [`merge`] gives them.
pub fn resolve(
    base: &File,
    ours: &File,
    theirs: &File,
    choices: &str,
) -> Result<String, FileError> {
    let mut chosen = HashMap::new();
    for c in parse(choices)?.as_array().into_iter().flatten() {
        let path = path_of(c.get("path").unwrap_or(&Value::Null))?;
        let side = c
            .get("side")
            .and_then(Value::as_str)
            .and_then(Side::parse)
            .ok_or_else(|| request_error("a side is \"ours\" or \"theirs\""))?;
        chosen.insert(path, side);
    }
    let (b, o, t) = (&base.tree, &ours.tree, &theirs.tree);
    let names = Names::new(&ours.scenario, &theirs.scenario);
    let mut out = Object::new();
    match resolve_trees(b, o, t, &chosen) {
        Ok(r) => {
            out.push("text".into(), write::to_string(&r.scenario).into());
            let restored = r.restored.iter().map(|p| names.subject_at(p));
            out.push("restored".into(), Value::strings(restored));
        }
        Err(left) => out.push(
            "conflicts".into(),
            conflicts_value(&left, [b, o, t], &names),
        ),
    }
    Ok(text_of(&Value::Object(out)))
}

/// Runs the review, a take, a merge and its resolution once on a small generated scenario
/// and two edited copies of it. The page's worker calls it when the compare dialog opens:
/// WebAssembly runs its first calls in a quick baseline compilation, and recompiles what
/// runs often at full speed meanwhile, so the PM's files — read seconds later — find this
/// code compiled. Returns how many changes the review found (never 0).
///
/// Cost: about what comparing 500 requests costs.
pub fn warm_up() -> usize {
    let base = crate::synthetic::scenario(500, 7);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.model.criteria[0].weight = Some(9.0);
    theirs.model.criteria[0].weight = Some(8.0);
    ours.requests.truncate(490);
    theirs.requests.remove(3);
    theirs.requests[7].title.push_str(" (edited)");
    let read = |s: &Scenario| {
        File::read("theirs", write::to_string(s).as_bytes()).expect("a generated scenario reads")
    };
    let (b, o, t) = (read(&base), read(&ours), read(&theirs));
    let review = review(&o, &t);
    let _ = take(&o, &t, r#"{"all": true}"#);
    let _ = merge(&b, &o, &t);
    let weight = Value::strings(["model", "criteria", &base.model.criteria[0].id, "weight"]);
    let choice = format!(r#"[{{"path": {}, "side": "theirs"}}]"#, weight.to_compact());
    let _ = resolve(&b, &o, &t, &choice);
    let count = parse(&review).ok().and_then(|v| v.get("count")?.as_f64());
    count.unwrap_or(0.0) as usize
}
